package pathing

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
)

func mustTree(t testing.TB, f Flavour, entries map[string]string) *MemFS {
	t.Helper()
	m := NewMemFS(f)
	if err := m.AddTree(entries); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestResolveNT(t *testing.T) {
	m := mustTree(t, NT, map[string]string{
		`C:\proj\app\__init__.py`:                     "",
		`C:\proj\app\main.py`:                         "",
		`C:\proj\app\util.PY`:                         "",
		`C:\proj\app\util.pyi`:                        "",
		`C:\proj\app\Mixed.py`:                        "",
		`C:\proj\app\gui.pyw`:                         "",
		`C:\proj\app\fast.cp311-win_amd64.pyd`:        "",
		`C:\proj\app\fast.pyd`:                        "",
		`C:\proj\app\fast.py`:                         "",
		`C:\proj\app\slow.pyd`:                        "",
		`C:\proj\app\slow.py`:                         "",
		`C:\proj\app\sub\__INIT__.PY`:                 "",
		`C:\proj\app\sub\leaf.py`:                     "",
		`\\srv\share\lib\netpkg\__init__.py`:          "",
		`\\srv\share\lib\netpkg\m.py`:                 "",
		`C:\proj\app\so\__init__.cp311-win_amd64.pyd`: "",
		`C:\proj\app\so\__init__.py`:                  "",
	})
	r := NewResolver(NT, m)
	roots := []string{`C:\proj`, `\\srv\share\lib`}
	for _, tc := range []struct {
		importer string
		dots     int
		names    []string
		paths    []string // Path of each segment
		err      string
	}{
		{`c:\PROJ\app\main.py`, 1, []string{"util"}, []string{`C:\proj\app\util.py`}, ""},
		{`C:\proj\app\main.py`, 1, []string{"Util"}, nil, "No module named 'app.Util'"},
		{`C:\proj\app\main.py`, 1, []string{"mixed"}, nil, "No module named 'app.mixed'"},
		{`C:\proj\app\main.py`, 1, []string{"Mixed"}, []string{`C:\proj\app\Mixed.py`}, ""},
		{`C:\proj\app\main.py`, 1, []string{"gui"}, []string{`C:\proj\app\gui.pyw`}, ""},
		{`C:\proj\app\main.py`, 1, []string{"fast"}, []string{`C:\proj\app\fast.cp311-win_amd64.pyd`}, ""},
		{`C:\proj\app\main.py`, 1, []string{"slow"}, []string{`C:\proj\app\slow.pyd`}, ""},
		{`C:\proj\app\main.py`, 1, []string{"sub", "leaf"}, []string{`C:\proj\app\sub\__init__.py`, `C:\proj\app\sub\leaf.py`}, ""},
		{`C:\proj\app\main.py`, 1, []string{"so"}, []string{`C:\proj\app\so\__init__.cp311-win_amd64.pyd`}, ""},
		{`C:/proj/app/sub/leaf.py`, 2, []string{"util"}, []string{`C:\proj\app\util.py`}, ""},
		{`C:\proj\app\main.py`, 2, nil, nil, "attempted relative import beyond top-level package"},
		{`\\SRV\share\lib\netpkg\m.py`, 1, []string{"m"}, []string{`\\srv\share\lib\netpkg\m.py`}, ""},
		{``, 0, []string{"netpkg", "m"}, []string{`\\srv\share\lib\netpkg\__init__.py`, `\\srv\share\lib\netpkg\m.py`}, ""},
	} {
		_, segs, err := r.ResolveRelative(tc.importer, tc.dots, tc.names, roots)
		if errString(err) != tc.err {
			t.Errorf("%s %d %v: err %v, want %q", tc.importer, tc.dots, tc.names, err, tc.err)
		}
		var paths []string
		for _, s := range segs {
			paths = append(paths, s.Path)
		}
		if !reflect.DeepEqual(paths, tc.paths) {
			t.Errorf("%s %d %v: paths %q, want %q", tc.importer, tc.dots, tc.names, paths, tc.paths)
		}
	}
	_, segs, _ := r.ResolveRelative(`C:\proj\app\main.py`, 1, []string{"util"}, roots)
	if len(segs) != 1 || segs[0].Stub != `C:\proj\app\util.pyi` || segs[0].Name != "app.util" {
		t.Errorf("stub beside: %+v", segs)
	}
	for file, want := range map[string]string{
		`c:\proj\APP\sub\__init__.py`:          "APP.sub",
		`C:\proj\app\fast.cp311-win_amd64.pyd`: "app.fast",
		`C:\proj\app\util.PY`:                  "app.util",
		`C:\proj\app\sub`:                      "app.sub",
		`\\srv\share\lib\netpkg\m.py`:          "netpkg.m",
	} {
		if got, ok := r.ModuleName(file, roots); !ok || got != want {
			t.Errorf("ModuleName(%q) = %q, %v; want %q", file, got, ok, want)
		}
	}
	if got, ok := r.ModuleName(`D:\elsewhere\x.py`, roots); ok {
		t.Errorf("ModuleName outside roots = %q", got)
	}
}

func TestResolveFallbackRootAndNoParent(t *testing.T) {
	m := mustTree(t, Posix, map[string]string{
		"/w/scripts/run.py":       "",
		"/w/scripts/helper.py":    "",
		"/w/top/__init__.py":      "",
		"/w/top/pkg/__init__.pyi": "",
		"/w/top/pkg/mod.py":       "",
		"/w/top/sibling.py":       "",
	})
	r := NewResolver(Posix, m)
	_, _, err := r.ResolveRelative("/w/scripts/run.py", 1, []string{"helper"}, nil)
	if errString(err) != "attempted relative import with no known parent package" {
		t.Errorf("script importer: %v", err)
	}
	base, segs, err := r.ResolveRelative("/w/top/pkg/mod.py", 2, []string{"sibling"}, nil)
	if err != nil || base.Name != "top" || len(segs) != 1 || segs[0].Path != "/w/top/sibling.py" || segs[0].Name != "top.sibling" {
		t.Errorf("fallback root: %+v %+v %v", base, segs, err)
	}
	_, _, err = r.ResolveRelative("/w/top/pkg/mod.py", 3, nil, nil)
	if errString(err) != "attempted relative import beyond top-level package" {
		t.Errorf("climb above fallback root: %v", err)
	}
}

func TestResolveSymlinkLoopsDoNotHang(t *testing.T) {
	m := mustTree(t, Posix, map[string]string{
		"/r/p/__init__.py": "",
		"/r/p/self":        "-> self",
		"/r/p/a":           "-> b",
		"/r/p/b":           "-> a",
		"/r/p/up":          "-> ..",
		"/r/loopdir":       "-> loopdir/x",
	})
	r := NewResolver(Posix, m)
	for _, names := range [][]string{{"p", "self"}, {"p", "a", "x"}, {"loopdir"}, {"p", "up", "p", "up", "p", "self"}} {
		segs, err := r.ResolveAbsolute(names, []string{"/r"})
		if len(names) == 6 {
			// up -> .. is a real (cyclic) namespace portion: p/up is a folder.
			if err == nil || len(segs) != 5 || segs[4].Path != "/r/p/up/p/up/p/__init__.py" {
				t.Errorf("%v: %+v %v", names, segs, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%v resolved through a loop: %+v", names, segs)
		}
	}
	if got := r.ListModules([]string{"/r", "/r/p"}); !reflect.DeepEqual(got, []string{"p", "up"}) {
		t.Errorf("ListModules = %v", got)
	}
}

func TestResolveForget(t *testing.T) {
	m := mustTree(t, Posix, map[string]string{"/r/pkg/__init__.py": ""})
	r := NewResolver(Posix, m)
	roots := []string{"/r"}
	if _, err := r.ResolveAbsolute([]string{"pkg", "new"}, roots); err == nil {
		t.Fatal("found a module that does not exist")
	}
	if err := m.WriteFile("/r/pkg/new.py", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := r.ResolveAbsolute([]string{"pkg", "new"}, roots); err == nil {
		t.Fatal("the listing was not cached")
	}
	r.Forget("/r/pkg/new.py")
	if segs, err := r.ResolveAbsolute([]string{"pkg", "new"}, roots); err != nil || segs[1].Path != "/r/pkg/new.py" {
		t.Fatalf("after Forget: %+v %v", segs, err)
	}
	// A regular package that loses its __init__ becomes a namespace package.
	if err := m.Remove("/r/pkg/__init__.py"); err != nil {
		t.Fatal(err)
	}
	r.Forget("/r/pkg")
	if segs, err := r.ResolveAbsolute([]string{"pkg"}, roots); err != nil || segs[0].Kind != KindNamespace {
		t.Fatalf("after removing __init__: %+v %v", segs, err)
	}
	if err := m.WriteFile("/r/pkg/__init__.py", nil); err != nil {
		t.Fatal(err)
	}
	if segs, _ := r.ResolveAbsolute([]string{"pkg"}, roots); segs[0].Kind != KindNamespace {
		t.Fatalf("status was not cached")
	}
	r.ForgetAll()
	if segs, _ := r.ResolveAbsolute([]string{"pkg"}, roots); segs[0].Kind != KindPackage {
		t.Fatalf("after ForgetAll: %+v", segs)
	}
}

func TestListModules(t *testing.T) {
	m := mustTree(t, Posix, map[string]string{
		"/r/a.py": "", "/r/b.pyi": "", "/r/c.cpython-311-x86_64-linux-gnu.so": "", "/r/d.abi3.so": "",
		"/r/pkg/__init__.py": "", "/r/ns/": "", "/r/__pycache__/": "", "/r/__init__.py": "",
		"/r/not-ident.py": "", "/r/dir.py/": "", "/r/readme.txt": "", "/r/x.y.py": "", "/r/dangling.py": "-> nowhere",
		"/s/a.py": "", "/s/z.py": "",
	})
	r := NewResolver(Posix, m)
	r.SetExtensionSuffixes([]string{".cpython-311-x86_64-linux-gnu.so", ".abi3.so", ".so"})
	got := r.ListModules([]string{"/r", "/s", "/missing"})
	want := []string{"a", "b", "c", "d", "ns", "pkg", "z"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ListModules = %v, want %v", got, want)
	}
}

func TestResolverConcurrent(t *testing.T) {
	entries := map[string]string{}
	for i := 0; i < 20; i++ {
		entries[fmt.Sprintf("/r/p%d/__init__.py", i)] = ""
		entries[fmt.Sprintf("/r/p%d/m.py", i)] = ""
	}
	m := mustTree(t, Posix, entries)
	r := NewResolver(Posix, m)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				p := fmt.Sprintf("p%d", (i+g)%20)
				if _, segs, err := r.ResolveRelative("/r/"+p+"/m.py", 1, []string{"m"}, []string{"/r"}); err != nil || len(segs) != 1 {
					t.Errorf("concurrent resolve: %v", err)
					return
				}
				if i%17 == 0 {
					r.Forget("/r/" + p)
				}
				if i%53 == 0 {
					r.ForgetAll()
				}
			}
		}(g)
	}
	wg.Wait()
}

// A module that exists only as a stub (mod.pyi) in two roots is reported from the first
// root, as search order asks, and as an error (CPython finds no module to run).
func TestResolveStubOnlyFirstRootWins(t *testing.T) {
	m := mustTree(t, Posix, map[string]string{
		"/first/mod.pyi":     "",
		"/second/mod.pyi":    "",
		"/first/ns/sub.pyi":  "",
		"/second/ns/sub.pyi": "",
	})
	r := NewResolver(Posix, m)
	roots := []string{"/first", "/second"}
	segs, err := r.ResolveAbsolute([]string{"mod"}, roots)
	if err == nil || len(segs) != 1 || segs[0].Stub != "/first/mod.pyi" || segs[0].Path != "" {
		t.Errorf("stub-only mod: %+v %v; want the stub of the first root and an error", segs, err)
	}
	// ns is a namespace package with a portion in each root.
	segs, err = r.ResolveAbsolute([]string{"ns", "sub"}, roots)
	if err == nil || len(segs) != 2 || segs[1].Stub != "/first/ns/sub.pyi" {
		t.Errorf("stub-only ns.sub: %+v %v", segs, err)
	}
}

// TestResolveConcurrently: resolutions run in parallel with each other and with
// Forget (the resolver holds no lock while it reads the file system); run with -race.
// After the last Forget, a resolution sees the files as they are.
func TestResolveConcurrently(t *testing.T) {
	files := map[string]string{"/r/pkg/__init__.py": "", "/r/pkg/sub/__init__.py": ""}
	for i := 0; i < 20; i++ {
		files[fmt.Sprintf("/r/pkg/m%d.py", i)] = ""
	}
	m := mustTree(t, Posix, files)
	r := NewResolver(Posix, m)
	roots := []string{"/r"}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				name := fmt.Sprintf("m%d", (i+g)%20)
				if segs, err := r.ResolveAbsolute([]string{"pkg", name}, roots); err != nil || segs[1].Path != "/r/pkg/"+name+".py" {
					t.Errorf("pkg.%s: %+v %v", name, segs, err)
					return
				}
				if _, _, err := r.ResolveRelative("/r/pkg/sub/__init__.py", 2, []string{name}, roots); err != nil {
					t.Errorf("..%s from pkg.sub: %v", name, err)
					return
				}
				if g == 0 && i%20 == 0 {
					r.Forget("/r/pkg")
				}
			}
		}(g)
	}
	wg.Wait()
}
