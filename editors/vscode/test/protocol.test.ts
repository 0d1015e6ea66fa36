// Drives the built pyward binary over stdio with vscode-languageserver-protocol, the library that
// VS Code's client is built on: initialize, open the fixture, receive diagnostics, ask for definition
// and hover, shut down. Needs PYWARD_BIN (path to the binary); fails when it is unset.
import { strict as assert } from 'node:assert';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL, fileURLToPath } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  DeclarationRequest,
  createMessageConnection,
  DefinitionRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  InitializeResult,
  Location,
  LocationLink,
  LogMessageNotification,
  Hover,
  MarkedString,
  MarkupContent,
  MessageConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
} from 'vscode-languageserver-protocol/node';

const BIN = process.env.PYWARD_BIN;
const FIXTURE = path.resolve(process.env.PYWARD_FIXTURE ?? path.join(__dirname, '..', '..', '..', 'testdata', 'project'));
const WAIT_MS = Number(process.env.PYWARD_TEST_WAIT_MS ?? 20000);

const SETTINGS = {
  rules: { 'missing-await': 'error' }, // a warning by default: shows whether settings reach the server
  privateAccess: { checkTests: false },
  notebook: { topLevelAwait: true },
  log: { level: 'debug' },
};

if (!BIN) {
  console.log(
    '[protocol test] SKIPPED: set PYWARD_BIN to a built pyward binary to run it, e.g.\n' +
      '  (cd ../.. && go build -o /tmp/pyward ./cmd/pyward) && PYWARD_BIN=/tmp/pyward npm test',
  );
}

function uriOf(rel: string): string {
  return pathToFileURL(path.join(FIXTURE, rel)).href;
}

function textOf(rel: string): string {
  return fs.readFileSync(path.join(FIXTURE, rel), 'utf8');
}

/** The position (UTF-16, as LSP counts by default) of `needle` inside the first line containing `lineNeedle`. */
function positionOf(text: string, lineNeedle: string, needle: string, offsetInNeedle = 1) {
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes(lineNeedle));
  assert.ok(line >= 0, `fixture has no line containing ${JSON.stringify(lineNeedle)}`);
  const col = lines[line].indexOf(needle, lines[line].indexOf(lineNeedle));
  assert.ok(col >= 0, `no ${JSON.stringify(needle)} on line ${line}`);
  return { line, character: col + offsetInNeedle };
}

function lineOf(text: string, lineNeedle: string): number {
  const line = text.split(/\r?\n/).findIndex((l) => l.includes(lineNeedle));
  assert.ok(line >= 0, `fixture has no line containing ${JSON.stringify(lineNeedle)}`);
  return line;
}

function samePath(uri: string, rel: string): boolean {
  if (!uri.startsWith('file:')) {
    return false;
  }
  const a = fileURLToPath(uri);
  const b = path.join(FIXTURE, rel);
  if (a === b) {
    return true;
  }
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}

/** Definition answers come as Location, Location[] or LocationLink[]: make them one list of {uri, line}. */
function targets(result: Location | Location[] | LocationLink[] | null): { uri: string; line: number }[] {
  if (!result) {
    return [];
  }
  const list = Array.isArray(result) ? result : [result];
  return list.map((l) =>
    'targetUri' in l
      ? { uri: l.targetUri, line: (l.targetSelectionRange ?? l.targetRange).start.line }
      : { uri: l.uri, line: l.range.start.line },
  );
}

function hoverText(h: Hover | null): string {
  if (!h) {
    return '';
  }
  const one = (c: MarkupContent | MarkedString): string => (typeof c === 'string' ? c : c.value);
  return Array.isArray(h.contents) ? h.contents.map(one).join('\n') : one(h.contents);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function expect(ok: boolean, what: string, detail: unknown): void {
  assert.ok(ok, `${what}; got ${JSON.stringify(detail)}`);
}

describe('pyward over stdio (vscode-languageserver-protocol)', { timeout: 120000 }, () => {
  it('has the server binary to test (PYWARD_BIN)', () => {
    assert.ok(BIN, 'set PYWARD_BIN to the pyward binary (editors/ci.sh does)');
  });
  let proc: ChildProcess;
  let conn: MessageConnection;
  let init: InitializeResult;
  let stderr = '';
  let exited: Promise<number | null>;
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const waiters: { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  const configRequests: unknown[] = [];

  function waitForDiagnostics(uri: string, pred: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    const have = diagnostics.get(uri);
    if (have && pred(have.diagnostics)) {
      return Promise.resolve(have.diagnostics);
    }
    return withTimeout(
      new Promise<Diagnostic[]>((resolve) => waiters.push({ uri, pred, resolve })),
      WAIT_MS,
      `${what} (last published for ${uri}: ${JSON.stringify(diagnostics.get(uri)?.diagnostics ?? 'nothing')})`,
    );
  }

  function open(rel: string, uri = uriOf(rel), text = textOf(rel)): Promise<void> {
    return conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
  }

  before(async () => {
    proc = spawn(BIN!, ['serve'], { cwd: FIXTURE, stdio: ['pipe', 'pipe', 'pipe'] });
    proc.stderr!.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-20000);
    });
    exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.on('error', (err) => {
      stderr += `\nspawn error: ${String(err)}`;
    });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      diagnostics.set(p.uri, p);
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i];
        if (w.uri === p.uri && w.pred(p.diagnostics)) {
          waiters.splice(i, 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    conn.onNotification(LogMessageNotification.type, () => undefined);
    conn.onRequest(ConfigurationRequest.type, (params) => {
      configRequests.push(params);
      return params.items.map((item) => (item.section === 'pyward' ? SETTINGS : null));
    });
    // client/registerCapability, window/workDoneProgress/create, window/showMessageRequest, ...
    conn.onRequest(() => null);
    conn.onNotification(() => undefined);
    conn.listen();

    const root = pathToFileURL(FIXTURE).href;
    init = await withTimeout(
      conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'pyward-protocol-test', version: '1' },
        rootUri: root,
        workspaceFolders: [{ uri: root, name: 'project' }],
        initializationOptions: SETTINGS,
        capabilities: {
          general: { positionEncodings: ['utf-16'] },
          workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            definition: { linkSupport: true },
            declaration: { linkSupport: true },
            completion: { completionItem: { snippetSupport: false } },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          },
          window: { workDoneProgress: true },
        },
      }),
      WAIT_MS,
      'the initialize response',
    ).catch((err) => {
      const status = proc.exitCode !== null || proc.signalCode !== null ? `pyward exited (status ${proc.exitCode ?? proc.signalCode}) before answering initialize; ` : '';
      throw new Error(`${status}${String(err)}\n--- pyward stderr ---\n${stderr}`);
    });
    await conn.sendNotification(InitializedNotification.type, {});
    await open('app/broken.py');
    await open('app/main.py');
    await open('app/models.py');
  });

  after(async () => {
    if (!conn) {
      return;
    }
    if (proc.exitCode !== null || proc.signalCode !== null) {
      conn.dispose();
      return;
    }
    let code: number | null | undefined;
    try {
      await withTimeout(conn.sendRequest(ShutdownRequest.type), 10000, 'the shutdown response');
      await conn.sendNotification(ExitNotification.type);
      code = await withTimeout(exited, 10000, 'pyward to exit after `exit`');
    } finally {
      conn.dispose();
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
      }
    }
    expect(code === 0, 'exit status 0 after shutdown + exit', code);
  });

  it('announces the capabilities the extension relies on', () => {
    const caps = init.capabilities;
    assert.ok(caps.definitionProvider, 'definitionProvider is missing');
    assert.ok(caps.hoverProvider, 'hoverProvider is missing');
    const sync = typeof caps.textDocumentSync === 'number' ? caps.textDocumentSync : caps.textDocumentSync?.change;
    expect(sync === TextDocumentSyncKind.Incremental, 'textDocumentSync is incremental', caps.textDocumentSync);
    expect(!!caps.declarationProvider, 'declarationProvider', caps.declarationProvider);
    expect(!!caps.codeActionProvider, 'codeActionProvider', caps.codeActionProvider);
    expect(!!caps.completionProvider?.triggerCharacters?.includes('.'), 'completion triggered by "."', caps.completionProvider);
  });

  it('publishes syntax-error for app/broken.py', async () => {
    const diags = await waitForDiagnostics(uriOf('app/broken.py'), (d) => d.some((x) => x.code === 'syntax-error'), 'a syntax-error diagnostic on app/broken.py');
    const d = diags.find((x) => x.code === 'syntax-error')!;
    assert.equal(d.source, 'pyward');
    assert.equal(d.severity, 1, 'syntax-error is an error by default');
    assert.ok(d.range.start.line >= 2 && d.range.start.line <= 4, `syntax-error reported on line ${d.range.start.line}, expected near "def f(:" (line 3)`);
  });

  it('finds missing-await and mangled-attribute-access in app/main.py', async () => {
    const uri = uriOf('app/main.py');
    const want = ['missing-await', 'mangled-attribute-access'];
    const got = await waitForDiagnostics(uri, (d) => want.every((c) => d.some((x) => x.code === c)), 'main.py diagnostics').catch(
      () => diagnostics.get(uri)?.diagnostics ?? [],
    );
    const codes = got.map((x) => x.code);
    for (const c of want) {
      expect(codes.includes(c), `${c} on app/main.py`, codes);
    }
    const ma = got.find((x) => x.code === 'missing-await');
    expect(ma?.severity === 1, 'settings reach the server (missing-await raised to error)', ma?.severity);
  });

  it('goes to app/models.py from `models` in `from . import models`', async () => {
    const text = textOf('app/main.py');
    const position = positionOf(text, 'from . import models', 'models');
    const result = await withTimeout(
      conn.sendRequest(DefinitionRequest.type, { textDocument: { uri: uriOf('app/main.py') }, position }),
      WAIT_MS,
      'the definition answer',
    );
    const t = targets(result);
    assert.ok(t.length > 0, `no definition for "models" at ${JSON.stringify(position)}: ${JSON.stringify(result)}`);
    assert.ok(samePath(t[0].uri, 'app/models.py'), `definition went to ${t[0].uri}, expected app/models.py`);
  });

  it('goes to `class Model` from `Model` in `from .models import Model`', async () => {
    const text = textOf('app/main.py');
    const position = positionOf(text, 'from .models import Model', 'Model', 2);
    const result = await withTimeout(
      conn.sendRequest(DefinitionRequest.type, { textDocument: { uri: uriOf('app/main.py') }, position }),
      WAIT_MS,
      'the definition answer',
    );
    const t = targets(result);
    assert.ok(t.length > 0, `no definition for "Model" at ${JSON.stringify(position)}: ${JSON.stringify(result)}`);
    assert.ok(samePath(t[0].uri, 'app/models.py'), `definition went to ${t[0].uri}, expected app/models.py`);
    assert.equal(t[0].line, lineOf(textOf('app/models.py'), 'class Model'), 'definition is not on the `class Model` line');
  });

  it('explains __str__ on hover', async () => {
    const position = positionOf(textOf('app/models.py'), 'def __str__', '__str__', 3);
    const result = await withTimeout(
      conn.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf('app/models.py') }, position }),
      WAIT_MS,
      'the hover answer',
    );
    const text = hoverText(result);
    assert.ok(text.includes('__str__'), `hover does not mention __str__: ${JSON.stringify(result)}`);
    assert.ok(text.includes('str('), `hover does not say when Python calls __str__ (str(x)): ${JSON.stringify(result)}`);
  });

  it('follows `Model()` to its class and hovers import segments', async () => {
    const main = textOf('app/main.py');
    const use = await conn
      .sendRequest(DefinitionRequest.type, { textDocument: { uri: uriOf('app/main.py') }, position: positionOf(main, 'return Model()', 'Model') })
      .catch((e) => String(e));
    const t = typeof use === 'string' ? [] : targets(use);
    expect(t.length > 0 && samePath(t[0].uri, 'app/models.py'), 'definition of the use `Model()`', use);
    const seg = await conn
      .sendRequest(HoverRequest.type, { textDocument: { uri: uriOf('app/main.py') }, position: positionOf(main, 'from . import models', 'models') })
      .catch((e) => String(e));
    expect(typeof seg !== 'string' && hoverText(seg).includes('models.py'), 'hover on an import segment names the file', seg);
  });

  it('offers "add await", declaration and completion', async () => {
    const uri = uriOf('app/main.py');
    const main = textOf('app/main.py');
    const missing = (diagnostics.get(uri)?.diagnostics ?? []).find((d) => d.code === 'missing-await');
    if (missing) {
      const actions = await conn
        .sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } })
        .catch((e) => String(e));
      const titles = Array.isArray(actions) ? actions.map((a) => a.title) : actions;
      expect(Array.isArray(titles) && titles.some((t) => /await/i.test(t)), 'a quick fix with "await" for missing-await', titles);
    } else {
      expect(false, 'a quick fix with "await" for missing-await', 'no missing-await diagnostic to fix');
    }
    const decl = await conn
      .sendRequest(DeclarationRequest.type, { textDocument: { uri }, position: positionOf(main, 'from .models import Model', 'Model', 2) })
      .catch((e) => String(e));
    const dt = typeof decl === 'string' ? [] : targets(decl as Location | Location[] | LocationLink[] | null);
    expect(dt.length > 0 && samePath(dt[0].uri, 'app/models.py'), 'declaration of `Model` (no stub: the source)', decl);
    const pos = positionOf(main, 'models.fetch()', 'fetch', 0);
    const comp = await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: pos }).catch((e) => String(e));
    const labels = typeof comp === 'string' || comp === null ? [] : (Array.isArray(comp) ? comp : comp.items).map((i) => i.label);
    expect(labels.includes('fetch') && labels.includes('Model'), 'completion after `models.` lists fetch and Model', typeof comp === 'string' ? comp : labels.slice(0, 20));
  });

  it('serves untitled buffers and notebook cells', async () => {
    const untitled = 'untitled:Untitled-1';
    await open('', untitled, 'def f(:\n    pass\n');
    const u = await waitForDiagnostics(untitled, (d) => d.some((x) => x.code === 'syntax-error'), 'untitled diagnostics').catch(() => null);
    expect(u !== null, 'syntax-error in an untitled: buffer', diagnostics.get(untitled));
    const cell = `vscode-notebook-cell:${pathToFileURL(path.join(FIXTURE, 'notebook.ipynb')).pathname}#W0sZmlsZQ%3D%3D`;
    await open('', cell, 'import asyncio\nawait asyncio.sleep(0)\n');
    const c = await waitForDiagnostics(cell, () => true, 'notebook cell diagnostics').catch(() => null);
    expect(c !== null && !c.some((x) => x.code === 'await-outside-async'), 'top-level await allowed in a notebook cell', c);
  });

  it('applies incremental edits', async () => {
    const uri = uriOf('app/broken.py');
    const line = lineOf(textOf('app/broken.py'), 'def f(:');
    // Turn `def f(:` into `def f():`, an incremental change of one character.
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 6 }, end: { line, character: 6 } }, text: ')' }],
    });
    const d = await waitForDiagnostics(uri, (x) => !x.some((y) => y.code === 'syntax-error'), 'the syntax-error to go away').catch(() => null);
    expect(d !== null, 'syntax-error gone after an incremental fix', diagnostics.get(uri));
    expect(configRequests.length > 0, 'server asked workspace/configuration for section pyward', configRequests);
  });

  it('keeps running', () => {
    assert.equal(proc.exitCode, null, `pyward exited early with ${proc.exitCode}\n--- pyward stderr ---\n${stderr}`);
  });
});
