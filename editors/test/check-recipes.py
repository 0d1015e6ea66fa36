#!/usr/bin/env python3
"""Parses every editor snippet in editors/README.md, editors/neovim/README.md and editors/vscode/README.md.

toml -> tomllib; json -> json; kak -> the TOML inside `lsp_servers %{ ... }`; lua -> Neovim's loadstring;
vim -> sourced in Vim (or Neovim) against stub vim-lsp functions, then the registered server is checked;
elisp -> `emacs --batch` reads every form when Emacs is installed, else a balanced-parenthesis read.
Prints one line per snippet and `recipes: N passed, N failed`; exits 1 on any failure.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
EDITORS = os.path.dirname(HERE)
FILES = ["README.md", "neovim/README.md", "vscode/README.md"]

passed = failed = 0


def report(ok, where, lang, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {where} [{lang}]")
    else:
        failed += 1
        print(f"FAIL {where} [{lang}]: {detail}")


def blocks(path):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"^```(\w*)[^\n]*\n(.*?)^```", text, re.S | re.M):
        line = text.count("\n", 0, m.start()) + 1
        yield m.group(1), m.group(2), line


def check_elisp_balanced(code):
    depth, i, n = 0, 0, len(code)
    while i < n:
        c = code[i]
        if c == ";":
            while i < n and code[i] != "\n":
                i += 1
        elif c == '"':
            i += 1
            while i < n and code[i] != '"':
                i += 2 if code[i] == "\\" else 1
        elif c == "?" :
            i += 2 if i + 1 < n and code[i + 1] == "\\" else 1
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                return "unbalanced ')'"
        i += 1
    return None if depth == 0 else f"{depth} unclosed '('"


def check_elisp(code, tmp):
    emacs = shutil.which("emacs")
    if not emacs:
        return check_elisp_balanced(code)
    f = os.path.join(tmp, "snippet.el")
    open(f, "w").write(code)
    prog = (
        f'(with-temp-buffer (insert-file-contents "{f}") (goto-char (point-min))'
        " (condition-case nil (while t (read (current-buffer))) (end-of-file nil)))"
    )
    r = subprocess.run([emacs, "--batch", "-Q", "--eval", prog], capture_output=True, text=True, timeout=60)
    return None if r.returncode == 0 else r.stderr.strip()[-400:]


def check_kak(code):
    m = re.search(r"lsp_servers %\{\n(.*?)^    \}\n", code, re.S | re.M)
    if not m:
        return "no `set-option buffer lsp_servers %{ ... }` block"
    doc = tomllib.loads(textwrap.dedent(m.group(1)))
    s = doc.get("pyward", {})
    if s.get("command") != "pyward" or s.get("args") != ["serve"]:
        return f"unexpected server table {s}"
    if "pyward" not in s.get("settings", {}):
        return "settings.pyward missing"
    return None


def check_lua(snippets, tmp):
    """All Lua snippets in one headless Neovim; each must compile as a chunk or as an expression."""
    if not snippets:
        return {}
    nvim = shutil.which("nvim")
    if not nvim:
        return {k: "nvim not found" for k in snippets}
    files = {}
    for k, code in snippets.items():
        f = os.path.join(tmp, f"snippet{len(files)}.lua")
        open(f, "w").write(code)
        files[k] = f
    script = os.path.join(tmp, "check.lua")
    with open(script, "w") as out:
        out.write("local results = {}\n")
        for k, f in files.items():
            out.write(
                f"do local s = io.open({json.dumps(f)}):read('*a')\n"
                "  local ok, err = loadstring(s)\n"
                "  if not ok then ok, err = loadstring('return ' .. s) end\n"
                f"  io.stdout:write({json.dumps(k)} .. '\\t' .. (ok and 'ok' or tostring(err)):gsub('\\n', ' ') .. '\\n')\n"
                "end\n"
            )
        out.write("vim.cmd('qall!')\n")
    r = subprocess.run([nvim, "--headless", "--clean", "-n", "-i", "NONE", "-u", script],
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    got = {}
    for line in (r.stdout + r.stderr).splitlines():
        if "\t" in line:
            k, v = line.split("\t", 1)
            got[k] = None if v == "ok" else v
    return {k: got.get(k, f"no result from nvim: {r.stderr[-300:]}") for k in snippets}


VIM_STUBS = {
    "autoload/lsp.vim": "function! lsp#register_server(info) abort\n  let g:pyward_info = a:info\nendfunction\n",
    "autoload/lsp/utils.vim": (
        "function! lsp#utils#path_to_uri(p) abort\n  return 'file://' . a:p\nendfunction\n"
        "function! lsp#utils#get_buffer_path(...) abort\n  return getcwd() . '/x.py'\nendfunction\n"
        "function! lsp#utils#find_nearest_parent_file_directory(p, names) abort\n  return getcwd()\nendfunction\n"
    ),
}


def check_vim(code, tmp):
    vim = shutil.which("vim") or shutil.which("nvim")
    if not vim:
        return "neither vim nor nvim found"
    rtp = os.path.join(tmp, "vimstub")
    for rel, body in VIM_STUBS.items():
        os.makedirs(os.path.dirname(os.path.join(rtp, rel)), exist_ok=True)
        open(os.path.join(rtp, rel), "w").write(body)
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir, exist_ok=True)
    fake = os.path.join(bindir, "pyward")
    open(fake, "w").write("#!/bin/sh\nexit 0\n")
    os.chmod(fake, 0o755)
    snippet = os.path.join(tmp, "snippet.vim")
    open(snippet, "w").write(code)
    result = os.path.join(tmp, "vim-result.txt")
    test = os.path.join(tmp, "test.vim")
    open(test, "w").write(textwrap.dedent(f"""\
        set nocompatible
        let &runtimepath = {json.dumps(rtp)} . ',' . &runtimepath
        try
          source {snippet}
          doautocmd User lsp_setup
          let i = g:pyward_info
          if i.name !=# 'pyward' || i.cmd({{}}) != ['pyward', 'serve'] || i.allowlist != ['python']
            throw 'unexpected server: ' . string(i)
          endif
          call i.root_uri({{}})
          if i.workspace_config.pyward.rules['missing-await'] !=# 'error'
            throw 'workspace_config.pyward missing'
          endif
          call writefile(['ok'], {json.dumps(result)})
        catch
          call writefile([v:exception . ' at ' . v:throwpoint], {json.dumps(result)})
        endtry
        qall!
        """))
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
    subprocess.run([vim, "-N", "-u", "NONE", "-i", "NONE", "-n", "-Es", "-S", test],
                   env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    if not os.path.exists(result):
        return "vim wrote no result"
    out = open(result).read().strip()
    os.remove(result)
    return None if out == "ok" else out


def main():
    with tempfile.TemporaryDirectory() as tmp:
        lua = {}
        for rel in FILES:
            path = os.path.join(EDITORS, rel)
            for lang, code, line in blocks(path):
                where = f"{rel}:{line}"
                try:
                    if lang == "toml":
                        tomllib.loads(code)
                        report(True, where, lang)
                    elif lang == "json":
                        json.loads(code)
                        report(True, where, lang)
                    elif lang == "kak":
                        err = check_kak(code)
                        report(err is None, where, lang, err)
                    elif lang == "elisp":
                        err = check_elisp(code, tmp)
                        report(err is None, where, lang + ("" if shutil.which("emacs") else ", balance only"), err)
                    elif lang == "vim":
                        if "lsp#register_server" in code:
                            err = check_vim(code, tmp)
                            report(err is None, where, lang, err)
                    elif lang == "lua":
                        lua[where] = code
                except Exception as e:  # noqa: BLE001 - report every parse error the same way
                    report(False, where, lang, f"{type(e).__name__}: {e}")
        for where, err in check_lua(lua, tmp).items():
            report(err is None, where, "lua", err)
        # The runtime config must load in Neovim too.
        for where, err in check_lua({"neovim/lsp/pyward.lua": open(os.path.join(EDITORS, "neovim/lsp/pyward.lua")).read(),
                                     "neovim/lua/pyward/init.lua": open(os.path.join(EDITORS, "neovim/lua/pyward/init.lua")).read()},
                                    tmp).items():
            report(err is None, where, "lua", err)
    print(f"recipes: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
