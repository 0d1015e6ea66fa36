// The contributed settings in package.json must match the server's section one to one.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLIENT_ONLY_KEYS, DIAGNOSTIC_MODES, LOG_LEVELS, RULES, SERVER_KEYS, SEVERITIES } from '../src/settings';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const props: Record<string, { type: string; enum?: string[]; default?: unknown; description?: string; markdownDescription?: string }> =
  pkg.contributes.configuration.properties;

describe('package.json', () => {
  it('contributes exactly the server keys plus pyward.path and pyward.trace.server', () => {
    const expected = [...SERVER_KEYS, ...CLIENT_ONLY_KEYS].map((k) => `pyward.${k}`).sort();
    assert.deepEqual(Object.keys(props).sort(), expected);
  });
  it('describes every setting', () => {
    for (const [k, v] of Object.entries(props)) {
      assert.ok((v.description ?? v.markdownDescription ?? '').length > 10, `${k} has no description`);
    }
  });
  it('offers the severities as an enum for every rule', () => {
    for (const r of RULES) {
      assert.deepEqual(props[`pyward.rules.${r}`].enum, [...SEVERITIES], r);
      assert.ok(SEVERITIES.includes(props[`pyward.rules.${r}`].default as never), r);
    }
    assert.deepEqual(props['pyward.log.level'].enum, [...LOG_LEVELS]);
    assert.deepEqual(props['pyward.trace.server'].enum, ['off', 'messages', 'verbose']);
  });
  it('has the documented defaults', () => {
    assert.equal(props['pyward.privateAccess.checkTests'].default, false);
    assert.equal(props['pyward.notebook.topLevelAwait'].default, true);
    assert.equal(props['pyward.rules.missing-await'].default, 'warning');
    assert.equal(props['pyward.rules.syntax-error'].default, 'error');
    assert.equal(props['pyward.cache.enabled'].default, true);
    assert.equal(props['pyward.largeFileSize'].default, 5 * 1024 * 1024);
    assert.equal(props['pyward.diagnosticMode'].default, 'openFiles');
    assert.deepEqual(props['pyward.diagnosticMode'].enum, [...DIAGNOSTIC_MODES]);
  });
  it('registers the commands and the bundled entry point', () => {
    assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), ['pyward.restart', 'pyward.showLogs']);
    assert.equal(pkg.main, './dist/extension.js');
    assert.ok(pkg.activationEvents.includes('onLanguage:python'));
  });
  it('keeps the pure modules free of the vscode API', () => {
    for (const f of ['serverPath.ts', 'settings.ts']) {
      const src = fs.readFileSync(path.join(root, 'src', f), 'utf8');
      assert.doesNotMatch(src, /from ['"]vscode['"]|require\(['"]vscode['"]\)/, f);
    }
  });
});
