// Loads the bundled extension (dist/extension.js) against a stand-in `vscode` module and activates it
// with no server to be found: the bundle must load, register its commands and output channel, and say
// in a notification how to fix the missing server. (Driving a real server is the protocol test's job.)
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('node:module');

const bundle = path.resolve(__dirname, '..', '..', 'dist', 'extension.js');

/** Anything: callable, constructible, every property another Anything (for the client library's load-time use). */
function anything(): any {
  const f = function () {
    return anything();
  };
  return new Proxy(f, {
    get: (target, prop) => {
      if (prop === 'prototype') {
        return Object.prototype;
      }
      if (prop === Symbol.toPrimitive) {
        return () => '';
      }
      if (prop === 'then') {
        return undefined; // not a thenable
      }
      return anything();
    },
    construct: () => anything(),
    apply: () => anything(),
  });
}

function fakeVscode(settings: Record<string, unknown>) {
  const log = { commands: [] as string[], errors: [] as string[], channels: [] as string[], lines: [] as string[] };
  const disposable = { dispose: () => undefined };
  const overrides: Record<string, unknown> = {
    window: {
      createOutputChannel: (name: string) => {
        log.channels.push(name);
        return { appendLine: (l: string) => log.lines.push(l), append: () => undefined, show: () => undefined, dispose: () => undefined };
      },
      showErrorMessage: (msg: string) => {
        log.errors.push(msg);
        return new Promise(() => undefined); // the user never dismisses it: activation must not wait
      },
    },
    commands: {
      registerCommand: (id: string) => {
        log.commands.push(id);
        return disposable;
      },
      executeCommand: async () => undefined,
    },
    workspace: {
      workspaceFolders: undefined,
      onDidChangeConfiguration: () => disposable,
      getConfiguration: () => ({
        get: (k: string) => settings[k],
        inspect: (k: string) => (k in settings ? { globalValue: settings[k] } : {}),
      }),
    },
  };
  const mod = new Proxy(overrides, {
    get: (target, prop: string) => (prop in target ? target[prop] : anything()),
  });
  return { mod, log };
}

describe('extension activation (stand-in vscode API)', () => {
  it('runs against the built bundle', () => {
    assert.ok(fs.existsSync(bundle), `${bundle} is not built: run "npm run build" first`);
  });
  it('registers its commands and explains a missing server', { timeout: 10000 }, async () => {
    const { mod, log } = fakeVscode({ path: '' });
    const load = Module._load;
    Module._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? mod : load.call(this, request, ...rest);
    };
    const oldPath = process.env.PATH;
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyward-nopath-'));
    process.env.PATH = emptyDir;
    try {
      delete require.cache[bundle];
      const ext = require(bundle);
      const context = { subscriptions: [] as unknown[], extensionPath: path.join(os.tmpdir(), 'no-such-extension') };
      await ext.activate(context);
      assert.deepEqual(log.channels, ['pyward']);
      assert.deepEqual(log.commands.sort(), ['pyward.restart', 'pyward.showLogs']);
      assert.equal(log.errors.length, 1, `expected one notification, got ${JSON.stringify(log.errors)}`);
      assert.match(log.errors[0], /not found/);
      assert.match(log.errors[0], /go install \.\/cmd\/pyward/);
      assert.match(log.errors[0], /pyward\.path/);
      assert.ok(log.lines.some((l) => l.includes(path.join('bin', `${process.platform}-${process.arch}`, 'pyward'))), 'the output channel lists where it looked');
      await ext.deactivate();
    } finally {
      process.env.PATH = oldPath;
      Module._load = load;
      fs.rmSync(emptyDir, { force: true, recursive: true });
    }
  });

  it('says the pyward.path setting is wrong when it points nowhere', { timeout: 10000 }, async () => {
    const { mod, log } = fakeVscode({ path: '/no/such/pyward' });
    const load = Module._load;
    Module._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? mod : load.call(this, request, ...rest);
    };
    try {
      delete require.cache[bundle];
      const ext = require(bundle);
      await ext.activate({ subscriptions: [], extensionPath: '/nonexistent' });
      assert.equal(log.errors.length, 1);
      assert.match(log.errors[0], /"pyward\.path" \(\/no\/such\/pyward\) is not an executable file/);
      await ext.deactivate();
    } finally {
      Module._load = load;
    }
  });
});
