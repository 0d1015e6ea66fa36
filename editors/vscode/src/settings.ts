// Mapping VS Code's `pyward.*` settings onto the server's `pyward` section.
// Pure logic: no `vscode` import, so it runs under node:test.

/** The rule names, as the server reports them in Diagnostic.code and reads them in `rules.<rule>`. */
export const RULES = [
  'syntax-error',
  'unresolved-import',
  'import-beyond-top-level',
  'missing-import-name',
  'private-member-access',
  'private-module-import',
  'mangled-attribute-access',
  'mangled-attribute-write',
  'mangled-name-mismatch',
  'mangled-global-reference',
  'star-import-private',
  'missing-await',
  'coroutine-in-condition',
  'await-outside-async',
  'coroutine-function-not-called',
  'dangling-task',
] as const;
export type Rule = (typeof RULES)[number];

export const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The values of `diagnosticMode`: only open documents, or every Python file of the workspace. */
export const DIAGNOSTIC_MODES = ['openFiles', 'workspace'] as const;
export type DiagnosticMode = (typeof DIAGNOSTIC_MODES)[number];

/** Settings under `pyward.` that belong to the extension only and are never sent to the server. */
export const CLIENT_ONLY_KEYS = ['path', 'trace.server'] as const;

/** Every key of the server's section, dotted as in VS Code's settings (`pyward.<key>`). */
export const SERVER_KEYS: readonly string[] = [
  ...RULES.map((r) => `rules.${r}`),
  'extraPaths',
  'pythonPath',
  'privateAccess.checkTests',
  'notebook.topLevelAwait',
  'exclude',
  'extend-exclude',
  'cache.enabled',
  'largeFileSize',
  'diagnosticMode',
  'log.level',
  'log.file',
];

/** The `pyward` section as the server reads it. Absent keys mean "the server's default". */
export interface ServerSettings {
  rules?: Partial<Record<Rule, Severity>>;
  extraPaths?: string[];
  pythonPath?: string;
  privateAccess?: { checkTests?: boolean };
  notebook?: { topLevelAwait?: boolean };
  exclude?: string[];
  'extend-exclude'?: string[];
  cache?: { enabled?: boolean };
  largeFileSize?: number;
  diagnosticMode?: DiagnosticMode;
  log?: { level?: LogLevel; file?: string };
}

/** What we need of vscode.WorkspaceConfiguration (so tests can pass a plain object). */
export interface ConfigReader {
  get<T>(key: string): T | undefined;
}

/** What we need of vscode.WorkspaceConfiguration.inspect. */
export interface ConfigInspector {
  inspect<T>(key: string):
    | {
        globalValue?: T;
        workspaceValue?: T;
        workspaceFolderValue?: T;
        globalLanguageValue?: T;
        workspaceLanguageValue?: T;
        workspaceFolderLanguageValue?: T;
      }
    | undefined;
}

/**
 * A ConfigReader that sees only what the user set (user, workspace or folder settings), never the defaults
 * declared in package.json: the server's own defaults and `[tool.pyward]` in pyproject.toml then apply
 * to everything the user left alone.
 */
export function explicitOnly(config: ConfigInspector): ConfigReader {
  return {
    get<T>(key: string): T | undefined {
      const i = config.inspect<T>(key);
      if (!i) {
        return undefined;
      }
      // Most specific first, as VS Code itself resolves them.
      for (const v of [
        i.workspaceFolderLanguageValue,
        i.workspaceFolderValue,
        i.workspaceLanguageValue,
        i.workspaceValue,
        i.globalLanguageValue,
        i.globalValue,
      ]) {
        if (v !== undefined) {
          return v;
        }
      }
      return undefined;
    },
  };
}

/** A ConfigReader over a nested or dotted plain object, e.g. `{ rules: { 'missing-await': 'off' } }`. */
export function readerFromObject(obj: Record<string, unknown>): ConfigReader {
  return {
    get<T>(key: string): T | undefined {
      if (Object.prototype.hasOwnProperty.call(obj, key)) {
        return obj[key] as T;
      }
      let cur: unknown = obj;
      for (const part of key.split('.')) {
        if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) {
          return undefined;
        }
        cur = (cur as Record<string, unknown>)[part];
      }
      return cur as T;
    },
  };
}

function isOneOf<T extends string>(values: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}

export interface MappingContext {
  /** Replaces `${workspaceFolder}` in paths. */
  workspaceFolder?: string;
  /** Replaces `${userHome}` and a leading `~` in paths. */
  homeDir?: string;
  /** Receives a line for every value that is dropped because it has the wrong type or value. */
  warn?: (message: string) => void;
}

function expandVars(v: string, ctx: MappingContext): string {
  let out = v;
  if (ctx.workspaceFolder) {
    out = out.replace(/\$\{workspaceFolder\}/g, ctx.workspaceFolder);
  }
  if (ctx.homeDir) {
    out = out.replace(/\$\{userHome\}/g, ctx.homeDir);
    if (out === '~' || out.startsWith('~/') || out.startsWith('~\\')) {
      out = ctx.homeDir + out.slice(1);
    }
  }
  return out;
}

/**
 * Builds the server's `pyward` section from the editor's settings: one to one, leaving out the
 * client-only keys (`path`, `trace.server`), empty strings (server default) and ill-typed values.
 */
export function toServerSettings(config: ConfigReader, ctx: MappingContext = {}): ServerSettings {
  const warn = ctx.warn ?? (() => undefined);
  const out: ServerSettings = {};

  const rules: Partial<Record<Rule, Severity>> = {};
  for (const rule of RULES) {
    const v = config.get<unknown>(`rules.${rule}`);
    if (v === undefined || v === null) {
      continue;
    }
    if (isOneOf(SEVERITIES, v)) {
      rules[rule] = v;
    } else {
      warn(`pyward.rules.${rule}: expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(v)}; ignored`);
    }
  }
  if (Object.keys(rules).length > 0) {
    out.rules = rules;
  }

  const extra = config.get<unknown>('extraPaths');
  if (Array.isArray(extra)) {
    const paths = extra.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => expandVars(p, ctx));
    if (paths.length !== extra.length) {
      warn('pyward.extraPaths: entries that are not non-empty strings were ignored');
    }
    out.extraPaths = paths;
  } else if (extra !== undefined && extra !== null) {
    warn(`pyward.extraPaths: expected an array of strings, got ${JSON.stringify(extra)}; ignored`);
  }

  const pythonPath = config.get<unknown>('pythonPath');
  if (typeof pythonPath === 'string') {
    if (pythonPath.trim() !== '') {
      out.pythonPath = expandVars(pythonPath.trim(), ctx);
    }
  } else if (pythonPath !== undefined && pythonPath !== null) {
    warn(`pyward.pythonPath: expected a string, got ${JSON.stringify(pythonPath)}; ignored`);
  }

  const checkTests = config.get<unknown>('privateAccess.checkTests');
  if (typeof checkTests === 'boolean') {
    out.privateAccess = { checkTests };
  } else if (checkTests !== undefined && checkTests !== null) {
    warn(`pyward.privateAccess.checkTests: expected true or false, got ${JSON.stringify(checkTests)}; ignored`);
  }

  const tla = config.get<unknown>('notebook.topLevelAwait');
  if (typeof tla === 'boolean') {
    out.notebook = { topLevelAwait: tla };
  } else if (tla !== undefined && tla !== null) {
    warn(`pyward.notebook.topLevelAwait: expected true or false, got ${JSON.stringify(tla)}; ignored`);
  }

  for (const key of ['exclude', 'extend-exclude'] as const) {
    const globs = config.get<unknown>(key);
    if (Array.isArray(globs)) {
      const kept = globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
      if (kept.length !== globs.length) {
        warn(`pyward.${key}: entries that are not non-empty strings were ignored`);
      }
      out[key] = kept;
    } else if (globs !== undefined && globs !== null) {
      warn(`pyward.${key}: expected an array of globs, got ${JSON.stringify(globs)}; ignored`);
    }
  }

  const cacheEnabled = config.get<unknown>('cache.enabled');
  if (typeof cacheEnabled === 'boolean') {
    out.cache = { enabled: cacheEnabled };
  } else if (cacheEnabled !== undefined && cacheEnabled !== null) {
    warn(`pyward.cache.enabled: expected true or false, got ${JSON.stringify(cacheEnabled)}; ignored`);
  }

  const large = config.get<unknown>('largeFileSize');
  if (typeof large === 'number' && Number.isInteger(large) && large >= 1) {
    out.largeFileSize = large;
  } else if (large !== undefined && large !== null) {
    warn(`pyward.largeFileSize: expected a positive whole number of bytes, got ${JSON.stringify(large)}; ignored`);
  }

  const mode = config.get<unknown>('diagnosticMode');
  if (isOneOf(DIAGNOSTIC_MODES, mode)) {
    out.diagnosticMode = mode;
  } else if (mode !== undefined && mode !== null) {
    warn(`pyward.diagnosticMode: expected one of ${DIAGNOSTIC_MODES.join(', ')}, got ${JSON.stringify(mode)}; ignored`);
  }

  const log: { level?: LogLevel; file?: string } = {};
  const level = config.get<unknown>('log.level');
  if (isOneOf(LOG_LEVELS, level)) {
    log.level = level;
  } else if (level !== undefined && level !== null) {
    warn(`pyward.log.level: expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(level)}; ignored`);
  }
  const file = config.get<unknown>('log.file');
  if (typeof file === 'string') {
    if (file.trim() !== '') {
      log.file = expandVars(file.trim(), ctx);
    }
  } else if (file !== undefined && file !== null) {
    warn(`pyward.log.file: expected a string, got ${JSON.stringify(file)}; ignored`);
  }
  if (Object.keys(log).length > 0) {
    out.log = log;
  }
  return out;
}

/** Command-line arguments for `pyward serve`, so logging is set before the first message arrives. */
export function serverArgs(settings: ServerSettings): string[] {
  const args = ['serve'];
  if (settings.log?.level) {
    args.push('--log-level', settings.log.level);
  }
  if (settings.log?.file) {
    args.push('--log-file', settings.log.file);
  }
  return args;
}

/** The documents pyward serves: Python files, untitled Python buffers, Python notebook cells. */
export const DOCUMENT_SELECTOR: ReadonlyArray<{ scheme: string; language: string }> = [
  { scheme: 'file', language: 'python' },
  { scheme: 'untitled', language: 'python' },
  { scheme: 'vscode-notebook-cell', language: 'python' },
];
