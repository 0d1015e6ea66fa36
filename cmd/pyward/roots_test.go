package main

import (
	"strings"
	"testing"
)

// pyward check imports a path from its package root (the first folder above it without
// __init__.py), as `python -m` run there does: a .git far above does not turn pkg/mod.py
// into a module lib.pkg.mod (which hid the relative import that climbs too far), and a
// setup.py inside a package does not make the package a root (numpy's numpy/setup.py made
// numpy/typing shadow the standard library's typing).
func TestCheckImportRootsArePackageRoots(t *testing.T) {
	root := writeTree(t, map[string]string{
		".git/HEAD":                  "ref: refs/heads/main\n",
		"lib/pkg/__init__.py":        "",
		"lib/pkg/climbs.py":          "from .. import x\n",
		"lib/pkg/setup.py":           "",
		"lib/pkg/typing/__init__.py": "",
		"lib/pkg/uses_typing.py":     "from typing import TYPE_CHECKING, Protocol\n",
	})
	stdout, stderr, status := runIn(t, root, "check", "--python", "python3", "--select",
		"import-beyond-top-level,unresolved-import,missing-import-name", "lib/pkg")
	if status != 1 {
		t.Fatalf("status %d, want 1 (one finding); stdout %q stderr %q", status, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "climbs.py:1:") || !strings.Contains(lines[0], "[import-beyond-top-level]") {
		t.Errorf("findings %q, want only the import beyond pkg in climbs.py", lines)
	}
}

// A version-controlled folder far above the package is no import root.
func TestCheckImportRootIgnoresFarGit(t *testing.T) {
	root := writeTree(t, map[string]string{
		".git/HEAD":                         "ref: refs/heads/main\n",
		"versions/3.11/lib/pkg/__init__.py": "",
		"versions/3.11/lib/pkg/climbs.py":   "from .. import x\n",
	})
	stdout, _, status := runIn(t, root, "check", "--python", "-", "--select", "import-beyond-top-level", "versions/3.11/lib/pkg")
	if status != 1 || !strings.Contains(stdout, "climbs.py:1:") {
		t.Errorf("status %d, findings %q; want the import beyond pkg in climbs.py", status, stdout)
	}
}
