import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  bundledBinaryPath,
  expandConfiguredPath,
  findServer,
  LookupInput,
  notFoundMessage,
  pathCandidates,
} from '../src/serverPath';

function input(over: Partial<LookupInput>, executables: string[]): LookupInput {
  const set = new Set(executables);
  return {
    extensionPath: '/ext',
    platform: 'linux',
    arch: 'x64',
    envPath: '/usr/local/bin:/usr/bin',
    homeDir: '/home/u',
    workspaceFolder: '/ws',
    isExecutable: (p) => set.has(p),
    ...over,
  };
}

describe('bundledBinaryPath', () => {
  it('uses bin/<platform>-<arch>/pyward', () => {
    assert.equal(bundledBinaryPath('/ext', 'linux', 'x64'), '/ext/bin/linux-x64/pyward');
    assert.equal(bundledBinaryPath('/ext', 'darwin', 'arm64'), '/ext/bin/darwin-arm64/pyward');
  });
  it('adds .exe on Windows', () => {
    assert.equal(bundledBinaryPath('C:\\ext', 'win32', 'x64'), 'C:\\ext\\bin\\win32-x64\\pyward.exe');
  });
});

describe('findServer', () => {
  it('prefers pyward.path over the bundled binary and PATH', () => {
    const r = findServer(input({ configuredPath: '/opt/pyward' }, ['/opt/pyward', '/ext/bin/linux-x64/pyward', '/usr/bin/pyward']));
    assert.deepEqual(r.found && [r.path, r.source], ['/opt/pyward', 'setting']);
  });
  it('uses the bundled binary when no setting is given', () => {
    const r = findServer(input({ configuredPath: '' }, ['/ext/bin/linux-x64/pyward', '/usr/bin/pyward']));
    assert.deepEqual(r.found && [r.path, r.source], ['/ext/bin/linux-x64/pyward', 'bundled']);
  });
  it('falls back to the first pyward on PATH', () => {
    const r = findServer(input({}, ['/usr/bin/pyward', '/usr/local/bin/pyward']));
    assert.deepEqual(r.found && [r.path, r.source], ['/usr/local/bin/pyward', 'path']);
  });
  it('ignores a bundled binary for another platform', () => {
    const r = findServer(input({ arch: 'arm64' }, ['/ext/bin/linux-x64/pyward']));
    assert.equal(r.found, false);
  });
  it('reports a broken pyward.path instead of silently falling back', () => {
    const r = findServer(input({ configuredPath: '/nope/pyward' }, ['/ext/bin/linux-x64/pyward', '/usr/bin/pyward']));
    assert.equal(r.found, false);
    assert.equal(!r.found && r.reason, 'setting');
    assert.deepEqual(r.tried, ['/nope/pyward']);
    assert.match(notFoundMessage(r as never, '/nope/pyward'), /pyward\.path.*\/nope\/pyward.*not an executable/);
  });
  it('resolves a relative pyward.path against the workspace folder', () => {
    const r = findServer(input({ configuredPath: './bin/pyward' }, ['/ws/bin/pyward']));
    assert.deepEqual(r.found && [r.path, r.source], ['/ws/bin/pyward', 'setting']);
  });
  it('expands ~ and ${workspaceFolder} in pyward.path', () => {
    assert.equal(findServer(input({ configuredPath: '~/go/bin/pyward' }, ['/home/u/go/bin/pyward'])).found, true);
    assert.equal(findServer(input({ configuredPath: '${workspaceFolder}/x/pyward' }, ['/ws/x/pyward'])).found, true);
  });
  it('looks a bare command name in pyward.path up on PATH', () => {
    const r = findServer(input({ configuredPath: 'pyward-dev' }, ['/usr/bin/pyward-dev']));
    assert.deepEqual(r.found && [r.path, r.source], ['/usr/bin/pyward-dev', 'setting']);
  });
  it('finds pyward.exe on a Windows PATH', () => {
    const r = findServer(
      input(
        { platform: 'win32', extensionPath: 'C:\\ext', envPath: 'C:\\tools;"C:\\Go Bin"', pathExt: '.COM;.EXE', workspaceFolder: 'C:\\ws', homeDir: 'C:\\Users\\u' },
        ['C:\\Go Bin\\pyward.exe'],
      ),
    );
    assert.deepEqual(r.found && [r.path, r.source], ['C:\\Go Bin\\pyward.exe', 'path']);
  });
  it('says how to fix it when nothing is found, listing what it tried', () => {
    const r = findServer(input({}, []));
    assert.equal(r.found, false);
    assert.deepEqual(r.tried, ['/ext/bin/linux-x64/pyward', '/usr/local/bin/pyward', '/usr/bin/pyward']);
    const msg = notFoundMessage(r as never);
    assert.match(msg, /go install \.\/cmd\/pyward/);
    assert.match(msg, /pyward\.path/);
    assert.match(msg, /Restart Server/);
  });
  it('survives an empty PATH', () => {
    const r = findServer(input({ envPath: undefined }, []));
    assert.deepEqual(r.tried, ['/ext/bin/linux-x64/pyward']);
  });
});

describe('expandConfiguredPath and pathCandidates', () => {
  it('normalises', () => {
    assert.equal(expandConfiguredPath('/a/b/../pyward', 'linux'), '/a/pyward');
    assert.equal(expandConfiguredPath('bin\\pyward.exe', 'win32', 'C:\\ws'), 'C:\\ws\\bin\\pyward.exe');
  });
  it('skips empty PATH entries', () => {
    assert.deepEqual(pathCandidates('pyward', 'linux', ':/a::/b:'), ['/a/pyward', '/b/pyward']);
  });
});
