import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { explicitOnly, readerFromObject, RULES, serverArgs, SERVER_KEYS, toServerSettings, DOCUMENT_SELECTOR } from '../src/settings';

describe('toServerSettings', () => {
  it('maps every key one to one onto the pyward section', () => {
    const warnings: string[] = [];
    const s = toServerSettings(
      readerFromObject({
        path: '/opt/pyward',
        trace: { server: 'verbose' },
        rules: { 'missing-await': 'error', 'private-member-access': 'off' },
        extraPaths: ['${workspaceFolder}/lib', 'vendor'],
        pythonPath: '~/venv/bin/python',
        privateAccess: { checkTests: true },
        notebook: { topLevelAwait: false },
        exclude: ['build', '.git'],
        'extend-exclude': ['*_pb2.py'],
        cache: { enabled: false },
        largeFileSize: 1048576,
        diagnosticMode: 'workspace',
        log: { level: 'debug', file: '/tmp/pyward.log' },
      }),
      { workspaceFolder: '/ws', homeDir: '/home/u', warn: (m) => warnings.push(m) },
    );
    assert.deepEqual(s, {
      rules: { 'missing-await': 'error', 'private-member-access': 'off' },
      extraPaths: ['/ws/lib', 'vendor'],
      pythonPath: '/home/u/venv/bin/python',
      privateAccess: { checkTests: true },
      notebook: { topLevelAwait: false },
      exclude: ['build', '.git'],
      'extend-exclude': ['*_pb2.py'],
      cache: { enabled: false },
      largeFileSize: 1048576,
      diagnosticMode: 'workspace',
      log: { level: 'debug', file: '/tmp/pyward.log' },
    });
    assert.deepEqual(warnings, []);
  });
  it('reads dotted keys the way VS Code hands them (rules.<rule> with dashes)', () => {
    const s = toServerSettings(readerFromObject({ 'rules.dangling-task': 'hint', 'log.level': 'warn' }));
    assert.deepEqual(s, { rules: { 'dangling-task': 'hint' }, log: { level: 'warn' } });
  });
  it('leaves out client-only keys and empty strings, so the server keeps its defaults', () => {
    const s = toServerSettings(readerFromObject({ path: 'x', trace: { server: 'off' }, pythonPath: '', log: { file: '  ' } }));
    assert.deepEqual(s, {});
  });
  it('drops ill-typed values with a warning', () => {
    const warnings: string[] = [];
    const s = toServerSettings(
      readerFromObject({
        rules: { 'syntax-error': 'fatal', 'missing-await': 3 },
        extraPaths: 'src',
        privateAccess: { checkTests: 'yes' },
        cache: { enabled: 'no' },
        largeFileSize: 2.5,
        diagnosticMode: 'all',
        log: { level: 'trace' },
      }),
      { warn: (m) => warnings.push(m) },
    );
    assert.deepEqual(s, {});
    assert.equal(warnings.length, 8);
    assert.match(warnings[0], /pyward\.rules\.syntax-error.*error, warning, information, hint, off/);
  });
  it('knows all sixteen rules', () => {
    assert.equal(RULES.length, 16);
    const all = Object.fromEntries(RULES.map((r) => [`rules.${r}`, 'warning']));
    assert.equal(Object.keys(toServerSettings(readerFromObject(all)).rules ?? {}).length, 16);
    assert.equal(SERVER_KEYS.length, 16 + 11);
  });
});

describe('explicitOnly', () => {
  it('sends only what the user set, so pyproject.toml and the server defaults apply to the rest', () => {
    const values: Record<string, Record<string, unknown>> = {
      'rules.missing-await': { defaultValue: 'warning', globalValue: 'error' },
      'rules.dangling-task': { defaultValue: 'warning' },
      'notebook.topLevelAwait': { defaultValue: true, workspaceValue: false },
      'log.level': { defaultValue: 'info', globalValue: 'warn', workspaceFolderValue: 'debug' },
      'extraPaths': { defaultValue: [], workspaceValue: ['a'], workspaceFolderLanguageValue: ['b'] },
    };
    const config = { inspect: <T>(k: string) => values[k] as { globalValue?: T } | undefined };
    assert.deepEqual(toServerSettings(explicitOnly(config)), {
      rules: { 'missing-await': 'error' },
      notebook: { topLevelAwait: false },
      log: { level: 'debug' },
      extraPaths: ['b'],
    });
  });
});

describe('serverArgs', () => {
  it('starts `pyward serve` with the log flags', () => {
    assert.deepEqual(serverArgs({}), ['serve']);
    assert.deepEqual(serverArgs({ log: { level: 'debug', file: '/tmp/l' } }), ['serve', '--log-level', 'debug', '--log-file', '/tmp/l']);
  });
});

describe('DOCUMENT_SELECTOR', () => {
  it('serves python files, untitled buffers and notebook cells', () => {
    assert.deepEqual(
      DOCUMENT_SELECTOR.map((s) => `${s.scheme}:${s.language}`),
      ['file:python', 'untitled:python', 'vscode-notebook-cell:python'],
    );
  });
});
