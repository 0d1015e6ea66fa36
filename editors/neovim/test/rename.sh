#!/usr/bin/env bash
# Headless Neovim test of a file rename through workspace/willRenameFiles:
#   editors/neovim/test/rename.sh <path-to-pyward-binary>
# Builds a small project in a temporary folder, renames a module (with its stub) the way
# file explorers do (request the edit, apply it with Neovim, save, move, didRenameFiles),
# then checks the files and that python3 still imports the project. Bounded to 120 s.
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <path-to-pyward-binary>" >&2
  exit 2
fi
bin=$(realpath "$1" 2>/dev/null || true)
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "neovim rename test: no executable pyward binary at '$1'" >&2
  exit 2
fi
nvim=${NVIM:-nvim}
if ! command -v "$nvim" >/dev/null 2>&1; then
  echo "neovim rename test: $nvim not found (on Debian: apt-get install -y neovim)" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
export PYWARD_PLUGIN=$(dirname "$here") PYWARD_RENAME_DIR="$tmp/project"
mkdir -p "$tmp/bin" "$tmp/project" && ln -s "$bin" "$tmp/bin/pyward"
export PATH="$tmp/bin:$PATH"

timeout -k 5 120 "$nvim" --headless --clean -n -i NONE -u "$here/rename.lua" </dev/null
rc=$?
if [ $rc -ne 0 ]; then
  echo "neovim rename test: FAILED (exit $rc). Neovim's LSP log:" >&2
  for f in "$tmp"/cache/nvim/lsp.log "$tmp"/state/nvim/lsp.log; do
    [ -f "$f" ] && tail -n 60 "$f" >&2
  done
  exit 1
fi
echo "neovim rename test: OK"
