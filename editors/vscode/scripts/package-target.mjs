// Packages a platform-specific .vsix that bundles a pyward binary:
//   npm run package:target -- <target> <path-to-pyward> [out.vsix]
// <target> is a vsce target (linux-x64, linux-arm64, darwin-arm64, darwin-x64, win32-x64, ...), which is also
// Node's `${process.platform}-${process.arch}`, the folder the extension looks in: bin/<target>/pyward[.exe].
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const [target, binary, out = `pyward-${target}.vsix`] = process.argv.slice(2);
if (!target || !binary) {
  console.error('usage: npm run package:target -- <target> <path-to-pyward> [out.vsix]');
  process.exit(2);
}
if (!fs.existsSync(binary)) {
  console.error(`no pyward binary at ${binary}`);
  process.exit(2);
}
const dir = path.join('bin', target);
const name = target.startsWith('win32-') ? 'pyward.exe' : 'pyward';
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
fs.copyFileSync(binary, path.join(dir, name));
fs.chmodSync(path.join(dir, name), 0o755);
try {
  execFileSync(
    'npx',
    ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--target', target, '-o', out],
    { stdio: 'inherit' },
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
