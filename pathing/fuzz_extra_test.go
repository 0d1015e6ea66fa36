package pathing

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzz targets here cover what fuzz_test.go does not: module resolution over any
// tree of files, folders and links, and relpath/commonpath.

// buildFuzzTree makes a MemFS from a spec: entries separated by \x01; "a/b" is a
// folder, "a/b.py=" a file, "x->y" a link.
func buildFuzzTree(spec string) *MemFS {
	m := NewMemFS(Posix)
	_ = m.Mkdir("/r")
	for _, e := range strings.Split(spec, "\x01") {
		e = strings.Trim(e, "/")
		if e == "" {
			continue
		}
		switch {
		case strings.Contains(e, "->"):
			name, target, _ := strings.Cut(e, "->")
			_ = m.Mkdir("/r/" + Posix.Dirname(name))
			_ = m.Symlink(target, "/r/"+name)
		case strings.HasSuffix(e, "="):
			name := strings.TrimSuffix(e, "=")
			_ = m.Mkdir("/r/" + Posix.Dirname(name))
			_ = m.WriteFile("/r/"+name, []byte("x = 1\n"))
		default:
			_ = m.Mkdir("/r/" + e)
		}
	}
	return m
}

// FuzzResolve resolves absolute and relative imports in any tree (symlink loops
// included): it returns in bounded time, without a panic; errors are *ImportError;
// every module found exists on the FS; relative results agree with the dots.
func FuzzResolve(f *testing.F) {
	f.Add("p/__init__.py=\x01p/a.py=\x01p/q/__init__.py=\x01p/q/b.pyi=", "p/q/b.py", uint8(2), "a")
	f.Add("p/__init__.py=\x01p/l->p\x01p/m->../p/l", "p/l/l/m/x.py", uint8(3), "l.l.m")
	f.Add("ns/x.py=\x01ns/y/z.py=", "ns/x.py", uint8(1), "y.z")
	f.Add("a->b\x01b->a", "a/c.py", uint8(1), "a")
	f.Add("p/__init__.py=\x01p/__init__.pyi=\x01p/m.cpython-311-x86_64-linux-gnu.so=", "p/m.py", uint8(0), "p.m")
	f.Fuzz(func(t *testing.T, spec, importer string, dots uint8, dotted string) {
		if !utf8.ValidString(spec+importer+dotted) || len(spec) > 512 {
			return
		}
		m := buildFuzzTree(spec)
		r := NewResolver(Posix, m)
		roots := []string{"/r", "/r/ns"}
		var names []string
		if dotted != "" {
			names = strings.Split(dotted, ".")
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			// The importer need not exist here; its package folder is taken on trust (in
			// use the importer is a real file), so only the files of base are checked.
			base, segs, err := r.ResolveRelative("/r/"+strings.TrimLeft(importer, "/"), int(dots%5), names, roots)
			base.Dirs = nil
			checkResolved(t, m, append([]Module{base}, segs...), err)
			segs, err = r.ResolveAbsolute(names, roots)
			checkResolved(t, m, segs, err)
			_, _ = r.ModuleName("/r/"+importer, roots)
			_ = r.ListModules([]string{"/r", "/r/" + importer})
			r.Forget("/r/" + importer)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("resolution in %q did not end", spec)
		}
	})
}

func checkResolved(t *testing.T, m *MemFS, mods []Module, err error) {
	t.Helper()
	if err != nil {
		var ie *ImportError
		if !errors.As(err, &ie) || ie.Msg == "" {
			t.Fatalf("error %v (%T) is not an *ImportError with a message", err, err)
		}
	}
	for _, mod := range mods {
		for _, p := range []string{mod.Path, mod.Stub} {
			if p == "" {
				continue
			}
			if _, err := m.Stat(p); err != nil {
				t.Fatalf("module %s: %s does not exist: %v", mod.Name, p, err)
			}
		}
		for _, d := range mod.Dirs {
			if info, err := m.Stat(d); err != nil || !info.IsDir() {
				t.Fatalf("module %s: %s is not a folder", mod.Name, d)
			}
		}
	}
}

// FuzzRelpath: for absolute POSIX paths, joining start with relpath(path, start) and
// normalising gives the normalised path; commonpath is a component prefix of every path.
func FuzzRelpath(f *testing.F) {
	f.Add("/a/b/c", "/a/d")
	f.Add("/", "/x/y/..")
	f.Add("/a/./b//", "/a/b/../../c")
	f.Add(`C:\x\y`, `c:\x`)
	f.Fuzz(func(t *testing.T, p, start string) {
		if !utf8.ValidString(p+start) || strings.ContainsRune(p+start, 0) {
			return
		}
		_, _ = NT.Relpath(p, start)
		_, _ = NT.Commonpath([]string{p, start})
		ap, as := "/"+strings.TrimLeft(p, "/"), "/"+strings.TrimLeft(start, "/")
		rel, err := Posix.Relpath(ap, as)
		if err != nil {
			t.Fatalf("relpath(%q, %q): %v", ap, as, err)
		}
		if got, want := Posix.Normpath(Posix.Join(as, rel)), Posix.Normpath(ap); got != want {
			t.Fatalf("relpath(%q, %q) = %q; join+normpath = %q, want %q", ap, as, rel, got, want)
		}
		common, err := Posix.Commonpath([]string{ap, as})
		if err != nil {
			t.Fatalf("commonpath(%q, %q): %v", ap, as, err)
		}
		// CPython's commonpath drops empty and "." components but keeps "..".
		parts := func(x string) []string {
			var out []string
			for _, c := range strings.Split(x, "/") {
				if c != "" && c != "." {
					out = append(out, c)
				}
			}
			return out
		}
		cp := parts(common)
		for _, x := range []string{ap, as} {
			xp := parts(x)
			if len(cp) > len(xp) || strings.Join(xp[:len(cp)], "/") != strings.Join(cp, "/") {
				t.Fatalf("commonpath(%q, %q) = %q is not a prefix of %q", ap, as, common, x)
			}
		}
	})
}
