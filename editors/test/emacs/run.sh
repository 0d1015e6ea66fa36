#!/usr/bin/env bash
# Runs the Emacs recipes of editors/README.md (eglot and lsp-mode) verbatim in `emacs --batch` against a
# pyward binary, on the example project: diagnostics, definition, hover, settings.
#   editors/test/emacs/run.sh <path-to-pyward-binary>
# Needs Debian's emacs-nox, elpa-eglot and elpa-lsp-mode (Emacs 28 + eglot 1.9 + lsp-mode 8).
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <path-to-pyward-binary>" >&2
  exit 2
fi
bin=$(realpath "$1" 2>/dev/null || true)
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "emacs test: no executable pyward binary at '$1'" >&2
  exit 2
fi
if ! command -v emacs >/dev/null 2>&1; then
  echo "emacs test: emacs not found (on Debian: apt-get install -y emacs-nox elpa-eglot elpa-lsp-mode)" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
editors=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/home"
ln -s "$bin" "$tmp/bin/pyward"

# The recipes exactly as a user pastes them: the elisp block under each heading.
python3 - "$editors/README.md" "$tmp" <<'PY' || exit 1
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for heading, out in (("## Emacs: eglot", "eglot.el"), ("## Emacs: lsp-mode", "lsp-mode.el")):
    m = re.search(re.escape(heading) + r"\n.*?^```elisp\n(.*?)^```", text, re.S | re.M)
    if not m:
        sys.exit(f"emacs test: no elisp block under '{heading}' in README.md")
    open(f"{sys.argv[2]}/{out}", "w").write(m.group(1))
PY

rc=0
for t in eglot lsp-mode; do
  echo "--- emacs $t recipe"
  # SIGPIPE is ignored for Emacs (it installs no handler of its own, so it inherits this): once
  # a client has sent `exit` and killed the server, lsp-mode still writes to the server's pipe
  # while it tears the workspace down, and a CI run once ended there with Emacs killed by
  # SIGPIPE (exit 141) after its checks had run. Ignored, the write fails with EPIPE,
  # which Emacs handles; a server that dies early still fails the checks below.
  (trap '' PIPE
    HOME="$tmp/home" PATH="$tmp/bin:$PATH" PYWARD_RECIPE="$tmp/$t.el" PYWARD_FIXTURE="$editors/testdata/project" \
      exec timeout -k 5 120 emacs --batch -l "$here/$t-test.el" </dev/null >"$tmp/$t.log" 2>&1)
  r=$?
  grep -E '^(PASS|FAIL|emacs )' "$tmp/$t.log"
  if [ $r -ne 0 ]; then
    [ $r -eq 124 ] && echo "emacs test: $t TIMED OUT after 120 s" >&2
    echo "emacs test: $t FAILED (exit $r); its output:" >&2
    tail -n 40 "$tmp/$t.log" >&2
    rc=1
  fi
done
[ $rc -eq 0 ] && echo "emacs test: OK"
exit $rc
