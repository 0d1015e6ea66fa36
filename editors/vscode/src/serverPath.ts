// Finding the pyward executable. Pure logic: no `vscode` import, so it runs under node:test.
import * as fs from 'fs';
import * as path from 'path';

export type ServerSource = 'setting' | 'bundled' | 'path';

export interface LookupInput {
  /** The `pyward.path` setting; empty or undefined means "not set". */
  configuredPath?: string;
  /** Root folder of the installed extension (ExtensionContext.extensionPath). */
  extensionPath: string;
  platform: NodeJS.Platform;
  arch: string;
  /** The PATH environment variable. */
  envPath?: string;
  /** PATHEXT on Windows (defaults to `.EXE;.CMD;.BAT;.COM`). */
  pathExt?: string;
  /** First workspace folder, for `${workspaceFolder}` and relative `pyward.path`. */
  workspaceFolder?: string;
  /** The user's home folder, for a leading `~`. */
  homeDir?: string;
  /** True when a regular, executable file exists at this path. */
  isExecutable: (p: string) => boolean;
}

export type LookupResult =
  | { found: true; path: string; source: ServerSource; tried: string[] }
  | { found: false; tried: string[]; reason: 'setting' | 'none' };

function pathFlavour(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** The executable's file name on a platform. */
export function executableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'pyward.exe' : 'pyward';
}

/** Where a platform-specific build of the extension carries its binary: bin/<platform>-<arch>/pyward[.exe]. */
export function bundledBinaryPath(extensionPath: string, platform: NodeJS.Platform, arch: string): string {
  const p = pathFlavour(platform);
  return p.join(extensionPath, 'bin', `${platform}-${arch}`, executableName(platform));
}

/** Expands `~` and `${workspaceFolder}`/`${userHome}` and makes a relative path absolute against the workspace folder. */
export function expandConfiguredPath(
  value: string,
  platform: NodeJS.Platform,
  workspaceFolder?: string,
  homeDir?: string,
): string {
  const p = pathFlavour(platform);
  let v = value.trim();
  if (homeDir) {
    v = v.replace(/\$\{userHome\}/g, homeDir);
    if (v === '~' || v.startsWith('~/') || (platform === 'win32' && v.startsWith('~\\'))) {
      v = p.join(homeDir, v.slice(1));
    }
  }
  if (workspaceFolder) {
    v = v.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  }
  const bare = !v.includes('/') && !(platform === 'win32' && v.includes('\\'));
  if (bare) {
    // A bare name such as "pyward" means: look it up on PATH.
    return v;
  }
  if (!p.isAbsolute(v) && workspaceFolder) {
    v = p.join(workspaceFolder, v);
  }
  return p.normalize(v);
}

/** Every file PATH lookup would try for `name`, in order. */
export function pathCandidates(
  name: string,
  platform: NodeJS.Platform,
  envPath: string | undefined,
  pathExt?: string,
): string[] {
  const p = pathFlavour(platform);
  const sep = platform === 'win32' ? ';' : ':';
  const dirs = (envPath ?? '').split(sep).filter((d) => d.length > 0);
  let names = [name];
  if (platform === 'win32' && p.extname(name) === '') {
    const exts = (pathExt ?? '.EXE;.CMD;.BAT;.COM').split(';').filter((e) => e.length > 0);
    names = exts.map((e) => name + e.toLowerCase());
  }
  const out: string[] = [];
  for (const d of dirs) {
    for (const n of names) {
      out.push(p.join(d.replace(/^"(.*)"$/, '$1'), n));
    }
  }
  return out;
}

/**
 * Finds the server: the `pyward.path` setting, then the binary bundled in the extension,
 * then `pyward` on PATH. A set but broken `pyward.path` is an error of its own (no silent fallback),
 * so the user learns the setting is wrong.
 */
export function findServer(input: LookupInput): LookupResult {
  const tried: string[] = [];
  const configured = (input.configuredPath ?? '').trim();
  if (configured !== '') {
    const expanded = expandConfiguredPath(configured, input.platform, input.workspaceFolder, input.homeDir);
    const p = pathFlavour(input.platform);
    const candidates = p.isAbsolute(expanded)
      ? [expanded]
      : pathCandidates(expanded, input.platform, input.envPath, input.pathExt);
    for (const c of candidates) {
      tried.push(c);
      if (input.isExecutable(c)) {
        return { found: true, path: c, source: 'setting', tried };
      }
    }
    if (candidates.length === 0) {
      tried.push(expanded);
    }
    return { found: false, tried, reason: 'setting' };
  }
  const bundled = bundledBinaryPath(input.extensionPath, input.platform, input.arch);
  tried.push(bundled);
  if (input.isExecutable(bundled)) {
    return { found: true, path: bundled, source: 'bundled', tried };
  }
  for (const c of pathCandidates(executableName(input.platform).replace(/\.exe$/, ''), input.platform, input.envPath, input.pathExt)) {
    tried.push(c);
    if (input.isExecutable(c)) {
      return { found: true, path: c, source: 'path', tried };
    }
  }
  return { found: false, tried, reason: 'none' };
}

/** The text of the notification shown when no server was found: what went wrong and how to fix it. */
export function notFoundMessage(result: LookupResult & { found: false }, configuredPath?: string): string {
  if (result.reason === 'setting') {
    return (
      `pyward: the server set in "pyward.path" (${configuredPath ?? ''}) is not an executable file. ` +
      'Fix the setting to point at the pyward binary, or clear it to use the bundled binary or pyward on PATH.'
    );
  }
  return (
    'pyward: the language server was not found (not bundled with this extension for this platform, and not on PATH). ' +
    'Build it from a clone of the repository with "go install ./cmd/pyward" (then make sure $(go env GOPATH)/bin is on PATH), ' +
    'or set "pyward.path" to the pyward executable, then run "pyward: Restart Server".'
  );
}

/** The real check used by the extension: a regular file we may execute. */
export function isExecutableFile(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
