package pathing

import (
	"io/fs"
	"testing"
)

// Cases found by mutation testing (cmd/pyward-mutate): behaviour no other test pinned.
// The pyRepr answers are CPython's repr() (the invalid byte decoded with surrogateescape).

func TestPyReprEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"plain":       `'plain'`,
		"a\x01b\x7fc": `'a\x01b\x7fc'`,
		"bad\xffbyte": `'bad\udcffbyte'`,
		"tab\tnl\n":   `'tab\tnl\n'`,
		"it's":        `"it's"`,
		"é😀":          `'é😀'`,
		"\u200b":      `'\u200b'`,
	} {
		if got := pyRepr(in); got != want {
			t.Errorf("pyRepr(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestMemFSModesAndBadNames(t *testing.T) {
	m := NewMemFS(Posix)
	if err := m.WriteFile("/d/f.py", []byte("x")); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]fs.FileMode{"/d": fs.ModeDir | 0o755, "/d/f.py": 0o644} {
		info, err := m.Stat(name)
		if err != nil || info.Mode() != want {
			t.Errorf("Stat(%s): mode %v, %v; want %v", name, info.Mode(), err, want)
		}
	}
	for _, name := range []string{"/d/.", "/d/..", "/d/"} {
		if err := m.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
	}
}

// Forget on a folder drops the folder's own listing and those below it, not only its
// parent's: a module added inside is then found.
func TestForgetFolderDropsItsListings(t *testing.T) {
	m := mustTree(t, Posix, map[string]string{
		"/r/pkg/__init__.py":          "",
		"/r/pkg/sub/__init__.py":      "",
		"/r/pkg/sub/deep/__init__.py": "",
	})
	r := NewResolver(Posix, m)
	roots := []string{"/r"}
	for _, names := range [][]string{{"pkg", "sub", "new"}, {"pkg", "sub", "deep", "new"}} {
		if _, err := r.ResolveAbsolute(names, roots); err == nil {
			t.Fatalf("%v resolves before it exists", names)
		}
	}
	for _, p := range []string{"/r/pkg/sub/new.py", "/r/pkg/sub/deep/new.py"} {
		if err := m.WriteFile(p, nil); err != nil {
			t.Fatal(err)
		}
	}
	r.Forget("/r/pkg/sub")
	for _, names := range [][]string{{"pkg", "sub", "new"}, {"pkg", "sub", "deep", "new"}} {
		if _, err := r.ResolveAbsolute(names, roots); err != nil {
			t.Errorf("%v after Forget of its folder: %v", names, err)
		}
	}
}

// A run of percent escapes that does not decode as a whole is kept as written, as
// vscode-uri's decodeURIComponent of the run throws: "%41%zz" stays, not "A%zz".
func TestPercentDecodeKeepsAFailingRun(t *testing.T) {
	if got, _ := Posix.URIToPath("file:///x%41%zz.py"); got != "/x%41%zz.py" {
		t.Errorf("URIToPath = %q, want /x%%41%%zz.py", got)
	}
	if got, _ := Posix.URIToPath("file:///x%41z.py"); got != "/xAz.py" {
		t.Errorf("URIToPath = %q, want /xAz.py", got)
	}
}

// A file above a root deeper than itself (even on its path) is not below it.
func TestModuleNameAboveADeepRoot(t *testing.T) {
	r := NewResolver(Posix, mustTree(t, Posix, map[string]string{"/a.py": "", "/r/deep/root/m.py": ""}))
	for _, p := range []string{"/a.py", "/r/deep", "/r/deep.py"} {
		if got, ok := r.ModuleName(p, []string{"/r/deep/root"}); ok {
			t.Errorf("ModuleName(%s) under /r/deep/root = %q", p, got)
		}
	}
	if got, ok := r.ModuleName("/r/deep/root/m.py", []string{"/r/deep/root"}); !ok || got != "m" {
		t.Errorf("ModuleName(m.py) = %q, %v", got, ok)
	}
}

// Only an ASCII letter before ':' is a drive (VS Code's /^\/[a-zA-Z]:/): z: is one, 1:
// is not.
func TestURIDriveLetters(t *testing.T) {
	for uri, want := range map[string]string{
		"file:///z:/a.py":   `z:\a.py`,
		"file:///Z%3A/a.py": `Z:\a.py`,
		"file:///1:/a.py":   `\1:\a.py`,
		"file:///{:/a.py":   `\{:\a.py`,
	} {
		if got, err := NT.URIToPath(uri); err != nil || got != want {
			t.Errorf("URIToPath(%s) = %q, %v; want %q", uri, got, err, want)
		}
	}
}

// MemFS: ".." at the root stays at the root, as on a real filesystem; every write
// moves the modification time on.
func TestMemFSRootDotDotAndModTime(t *testing.T) {
	m := NewMemFS(Posix)
	if err := m.WriteFile("/d/f.py", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if data, err := m.ReadFile("/../../d/f.py"); err != nil || string(data) != "x" {
		t.Errorf("ReadFile(/../../d/f.py) = %q, %v", data, err)
	}
	first, err := m.Stat("/d/f.py")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.WriteFile("/d/g.py", nil); err != nil {
		t.Fatal(err)
	}
	second, err := m.Stat("/d/g.py")
	if err != nil {
		t.Fatal(err)
	}
	if first.ModTime().IsZero() || !second.ModTime().After(first.ModTime()) {
		t.Errorf("mod times %v then %v", first.ModTime(), second.ModTime())
	}
}

// A relative path is not below an absolute root of the same names, nor the reverse.
func TestModuleNameRelativeVersusAbsolute(t *testing.T) {
	r := NewResolver(Posix, mustTree(t, Posix, map[string]string{"/r/m.py": ""}))
	for _, tc := range []struct{ file, root string }{{"r/m.py", "/r"}, {"/r/m.py", "r"}} {
		if got, ok := r.ModuleName(tc.file, []string{tc.root}); ok {
			t.Errorf("ModuleName(%s) under %s = %q", tc.file, tc.root, got)
		}
	}
}

// ForgetAll forgets the folder listings too: a module created since is found.
func TestForgetAllRereadsListings(t *testing.T) {
	m := mustTree(t, Posix, map[string]string{"/r/early.py": ""})
	r := NewResolver(Posix, m)
	roots := []string{"/r"}
	if _, err := r.ResolveAbsolute([]string{"late"}, roots); err == nil {
		t.Fatal("late resolves before it exists")
	}
	if err := m.WriteFile("/r/late.py", nil); err != nil {
		t.Fatal(err)
	}
	r.ForgetAll()
	if segs, err := r.ResolveAbsolute([]string{"late"}, roots); err != nil || segs[0].Path != "/r/late.py" {
		t.Fatalf("after ForgetAll: %+v %v", segs, err)
	}
	if got := r.ListModules(roots); len(got) != 2 || got[0] != "early" || got[1] != "late" {
		t.Errorf("ListModules after ForgetAll: %v", got)
	}
}

// A file named ".py" (an empty stem) is no module.
func TestListModulesEmptyStem(t *testing.T) {
	m := mustTree(t, Posix, map[string]string{"/r/.py": "", "/r/.pyi": "", "/r/ok.py": ""})
	if got := NewResolver(Posix, m).ListModules([]string{"/r"}); len(got) != 1 || got[0] != "ok" {
		t.Errorf("ListModules = %q, want [ok]", got)
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{KindModule: "module", KindPackage: "package", KindNamespace: "namespace", KindExtension: "extension"} {
		if got := k.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", k, got, want)
		}
	}
}

// A URI that is not a file: URI keys with its authority, lower-cased.
func TestDocumentKeyAuthority(t *testing.T) {
	for in, want := range map[string]string{
		"vscode-vfs://GitHub/owner/repo/x.py": "vscode-vfs://github/owner/repo/x.py",
		"untitled:Untitled-1":                 "untitled:Untitled-1",
	} {
		if got := Posix.DocumentKey(in); got != want {
			t.Errorf("DocumentKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// On NT, a drive-relative name ("c:f.py") is relative to the working directory when
// it is on that drive (in any case), to the drive's root otherwise.
func TestMemFSDriveRelative(t *testing.T) {
	m := NewMemFS(NT)
	for _, p := range []string{`C:\work\f.py`, `D:\g.py`} {
		if err := m.WriteFile(p, []byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	m.SetWd(`C:\work`)
	for name, want := range map[string]string{`c:f.py`: `C:\work\f.py`, `C:f.py`: `C:\work\f.py`, `D:g.py`: `D:\g.py`} {
		if data, err := m.ReadFile(name); err != nil || string(data) != want {
			t.Errorf("ReadFile(%q) = %q, %v; want the text of %s", name, data, err, want)
		}
	}
}

// A regular or namespace package has a __path__; a module has none.
func TestIsPackage(t *testing.T) {
	m := mustTree(t, Posix, map[string]string{"/r/pkg/__init__.py": "", "/r/ns/mod.py": "", "/r/plain.py": ""})
	r := NewResolver(Posix, m)
	for name, want := range map[string]bool{"pkg": true, "ns": true, "plain": false} {
		segs, err := r.ResolveAbsolute([]string{name}, []string{"/r"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := segs[0].IsPackage(); got != want {
			t.Errorf("%s (%v): IsPackage() = %v, want %v", name, segs[0].Kind, got, want)
		}
	}
}

// The base of a relative import in a package that the roots shadow (an earlier root
// has a package of the same name) is the importer's own folder, a regular package
// when it has an __init__ file.
func TestRelativeBaseShadowedPackage(t *testing.T) {
	m := mustTree(t, Posix, map[string]string{"/a/pkg/__init__.py": "", "/r/pkg/__init__.py": "", "/r/pkg/mod.py": "", "/r/pkg/x.py": ""})
	r := NewResolver(Posix, m)
	base, segs, err := r.ResolveRelative("/r/pkg/mod.py", 1, []string{"x"}, []string{"/a", "/r"})
	if err != nil || base.Kind != KindPackage || base.Path != "/r/pkg/__init__.py" || len(segs) != 1 || segs[0].Path != "/r/pkg/x.py" {
		t.Fatalf("base %+v, segs %+v, err %v; want the package /r/pkg and /r/pkg/x.py", base, segs, err)
	}
}
