// The VS Code side of pyward: finds the server, starts it over stdio, keeps its settings in sync.
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { bundledBinaryPath, findServer, isExecutableFile, notFoundMessage } from './serverPath';
import { DOCUMENT_SELECTOR, explicitOnly, serverArgs, ServerSettings, toServerSettings } from './settings';

const SECTION = 'pyward';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let starting: Promise<void> | undefined;

function firstFolder(): string | undefined {
  const f = vscode.workspace.workspaceFolders?.[0];
  return f && f.uri.scheme === 'file' ? f.uri.fsPath : undefined;
}

function currentSettings(scope?: vscode.ConfigurationScope, folder?: string): ServerSettings {
  return toServerSettings(explicitOnly(vscode.workspace.getConfiguration(SECTION, scope)), {
    workspaceFolder: folder ?? firstFolder(),
    homeDir: os.homedir(),
    warn: (m) => output?.appendLine(`[settings] ${m}`),
  });
}

/** A .vsix may lose the executable bit of the bundled binary on unpacking: put it back. */
function ensureExecutable(p: string): void {
  if (process.platform === 'win32') {
    return;
  }
  try {
    const st = fs.statSync(p);
    if (st.isFile() && (st.mode & 0o111) === 0) {
      fs.chmodSync(p, st.mode | 0o755);
    }
  } catch {
    // not bundled for this platform
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const out = output!;
  const config = vscode.workspace.getConfiguration(SECTION);
  const configuredPath = config.get<string>('path') ?? '';
  ensureExecutable(bundledBinaryPath(context.extensionPath, process.platform, process.arch));
  const lookup = findServer({
    configuredPath,
    extensionPath: context.extensionPath,
    platform: process.platform,
    arch: process.arch,
    envPath: process.env.PATH ?? process.env.Path,
    pathExt: process.env.PATHEXT,
    workspaceFolder: firstFolder(),
    homeDir: os.homedir(),
    isExecutable: isExecutableFile,
  });
  if (!lookup.found) {
    const message = notFoundMessage(lookup, configuredPath);
    out.appendLine(message);
    out.appendLine(`Looked at:\n  ${lookup.tried.join('\n  ') || '(no PATH entries)'}`);
    // Not awaited: activation must not wait for the user to dismiss the notification.
    void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Logs').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'pyward.path');
      } else if (choice === 'Show Logs') {
        out.show(true);
      }
    });
    return;
  }
  out.appendLine(`Starting ${lookup.path} (found via ${lookup.source === 'setting' ? 'pyward.path' : lookup.source === 'bundled' ? 'the bundled binary' : 'PATH'})`);

  const settings = currentSettings();
  const serverOptions: ServerOptions = {
    command: lookup.path,
    args: serverArgs(settings),
    transport: TransportKind.stdio,
    options: { cwd: firstFolder() },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR.map((s) => ({ ...s })),
    outputChannel: out,
    initializationOptions: settings,
    middleware: {
      workspace: {
        // The server asks for section `pyward`: answer with the mapped section, not VS Code's raw one.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (answers instanceof ResponseError || !Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, i) => {
            if (item.section !== SECTION) {
              return answers[i];
            }
            const uri = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            const folder = uri ? vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath : undefined;
            return currentSettings(uri, folder);
          });
        },
      },
    },
  };

  client = new LanguageClient('pyward', 'pyward', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    out.appendLine(`pyward failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage(`pyward failed to start: ${String(err)}. See "pyward: Show Logs".`, 'Show Logs').then((c) => {
      if (c) {
        out.show(true);
      }
    });
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) {
    return;
  }
  try {
    await c.stop(5000);
  } catch (err) {
    output?.appendLine(`pyward did not stop cleanly: ${String(err)}`);
  }
  try {
    await c.dispose();
  } catch {
    // already stopped
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (starting) {
    await starting;
  }
  starting = (async () => {
    await stopClient();
    await startClient(context);
  })();
  try {
    await starting;
  } finally {
    starting = undefined;
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('pyward');
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('pyward.restart', () => restart(context)),
    vscode.commands.registerCommand('pyward.showLogs', () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) {
        return;
      }
      if (e.affectsConfiguration('pyward.path') || e.affectsConfiguration('pyward.log') || !client) {
        // A new binary or new log flags need a new process.
        await restart(context);
        return;
      }
      if (client.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { [SECTION]: currentSettings() },
        });
      }
    }),
  );
  await restart(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
