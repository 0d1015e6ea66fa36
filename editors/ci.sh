#!/usr/bin/env bash
# Everything CI runs for editors/, from any directory:
#   editors/ci.sh <path-to-pyward-binary>
# 1. VS Code: npm ci, type check, unit tests + protocol test against the binary, build and package the
#    .vsix (a universal one, and one for this platform with the binary bundled).
# 2. Neovim: headless tests with Debian's neovim (installed with apt-get when missing): the plugin, and a
#    file rename through workspace/willRenameFiles.
# 3. Emacs: the eglot and lsp-mode recipes of README.md run verbatim in emacs --batch (Debian's emacs-nox,
#    elpa-eglot, elpa-lsp-mode, installed when missing: a missing tool fails the step, nothing is skipped).
# 4. Every recipe in the READMEs parses.
# Runs every step, prints a summary, exits non-zero when any step failed.
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <path-to-pyward-binary>" >&2
  exit 2
fi
bin=$(realpath "$1" 2>/dev/null || true)
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "editors/ci.sh: no executable pyward binary at '$1'" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
failed=()
ok=()

step() {
  local name=$1
  shift
  echo
  echo "=== editors: $name"
  if "$@"; then
    ok+=("$name")
  else
    echo "=== editors: $name FAILED" >&2
    failed+=("$name")
  fi
}

install_neovim() {
  command -v nvim >/dev/null 2>&1 && return 0
  export DEBIAN_FRONTEND=noninteractive
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq neovim >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq neovim >/dev/null
  fi
  nvim --version | head -1
}

vscode() {
  (
    set -e
    cd "$here/vscode"
    npm ci --no-audit --no-fund
    npm run typecheck
    npm run build    # dist/extension.js: the activation test loads the built bundle
    npm run compile-tests
    PYWARD_BIN="$bin" node --test out/test/
  )
}

vsix() {
  (
    set -e
    cd "$here/vscode"
    npm run package
    target=$(node -p 'process.platform + "-" + process.arch')
    npm run package:target -- "$target" "$bin" "pyward-$target.vsix"
    # (listings read whole: `unzip | grep -q` can die of SIGPIPE under pipefail)
    local listing
    listing=$(unzip -l "pyward-$target.vsix")
    grep -q "extension/bin/$target/pyward" <<<"$listing" \
      || { echo "pyward-$target.vsix lacks extension/bin/$target/pyward" >&2; exit 1; }
    listing=$(unzip -l pyward.vsix)
    grep -q "extension/dist/extension.js" <<<"$listing" \
      || { echo "pyward.vsix lacks extension/dist/extension.js" >&2; exit 1; }
    grep -q "extension/LICENSE" <<<"$listing" \
      || { echo "pyward.vsix lacks the LICENSE" >&2; exit 1; }
    ls -l pyward.vsix "pyward-$target.vsix"
  )
}

install_emacs() {
  if command -v emacs >/dev/null 2>&1 && ls -d /usr/share/emacs/site-lisp/elpa/eglot-* \
    /usr/share/emacs/site-lisp/elpa/lsp-mode-* >/dev/null 2>&1; then
    return 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq emacs-nox elpa-eglot elpa-lsp-mode >/dev/null
  emacs --version | head -1
}

step "install neovim" install_neovim
step "vscode unit + protocol tests" vscode
step "vscode package (.vsix)" vsix
step "neovim headless test" "$here/neovim/test/run.sh" "$bin"
step "neovim rename test" "$here/neovim/test/rename.sh" "$bin"
step "install emacs (eglot, lsp-mode)" install_emacs
step "emacs recipes (eglot, lsp-mode)" "$here/test/emacs/run.sh" "$bin"
step "recipes parse" "$here/test/check-recipes.sh"
step "the .vsix's LICENSE is the repository's" cmp "$here/../LICENSE" "$here/vscode/LICENSE"

echo
echo "editors: ${#ok[@]} passed, ${#failed[@]} failed"
if [ ${#failed[@]} -ne 0 ]; then
  printf '  failed: %s\n' "${failed[@]}" >&2
  exit 1
fi
