#!/usr/bin/env bash
# Headless Neovim end-to-end test of the pyward plugin:
#   editors/neovim/test/run.sh <path-to-pyward-binary>
# Opens the fixture project, waits for the client and for diagnostics, asks for definition and hover,
# and exits non-zero with a message on any wrong answer or time-out (the whole run is bounded to 120 s).
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <path-to-pyward-binary>" >&2
  exit 2
fi
bin=$(realpath "$1" 2>/dev/null || true)
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "neovim test: no executable pyward binary at '$1'" >&2
  exit 2
fi
nvim=${NVIM:-nvim} # NVIM=/path/to/another/nvim tries another version
if ! command -v "$nvim" >/dev/null 2>&1; then
  echo "neovim test: $nvim not found (on Debian: apt-get install -y neovim)" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
plugin=$(dirname "$here")
fixture=$(cd "$plugin/../testdata/project" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Keep Neovim's state, cache (lsp.log) and config away from the user's.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
export PYWARD_BIN="$bin" PYWARD_FIXTURE="$fixture" PYWARD_PLUGIN="$plugin"
# The test follows the README: `pyward` on PATH and require('pyward').setup({}).
mkdir -p "$tmp/bin" && ln -s "$bin" "$tmp/bin/pyward"
export PATH="$tmp/bin:$PATH"

timeout -k 5 120 "$nvim" --headless --clean -n -i NONE -u "$here/init.lua" </dev/null
rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
  echo "neovim test: TIMED OUT after 120 s" >&2
fi
if [ $rc -ne 0 ]; then
  echo "neovim test: FAILED (exit $rc). Neovim's LSP log:" >&2
  for f in "$tmp"/cache/nvim/lsp.log "$tmp"/state/nvim/lsp.log; do
    [ -f "$f" ] && tail -n 60 "$f" >&2
  done
  exit 1
fi
echo "neovim test: OK"
