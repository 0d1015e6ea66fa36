package pathing

import "testing"

func TestPackageRoot(t *testing.T) {
	fsys := NewMemFS(Posix)
	if err := fsys.AddTree(map[string]string{
		"/home/.git/": "",
		"/home/u/venv/lib/python3.11/pkg/__init__.py":     "",
		"/home/u/venv/lib/python3.11/pkg/sub/__init__.py": "",
		"/home/u/venv/lib/python3.11/pkg/sub/mod.py":      "",
		"/home/u/venv/lib/python3.11/pkg/setup.py":        "",
		"/home/u/venv/lib/python3.11/pkg/data/script.py":  "",
		"/home/u/venv/lib/python3.11/stubs/__init__.pyi":  "",
		"/home/u/venv/lib/python3.11/stubs/m.pyi":         "",
		"/home/u/venv/lib/python3.11/top.py":              "",
	}); err != nil {
		t.Fatal(err)
	}
	lib := "/home/u/venv/lib/python3.11"
	tests := []struct{ path, want string }{
		{lib + "/pkg/sub/mod.py", lib},                   // climbs every regular package, ignoring .git far above
		{lib + "/pkg/sub", lib},                          // a package folder climbs too
		{lib + "/pkg", lib},                              // pkg/setup.py is not a project marker inside a package
		{lib + "/pkg/data/script.py", lib + "/pkg/data"}, // a folder without __init__ is its own root
		{lib + "/stubs/m.pyi", lib},                      // __init__.pyi makes a package too
		{lib + "/top.py", lib},
		{lib, lib},
		{"/", "/"},
	}
	for _, tt := range tests {
		if got := PackageRoot(fsys, Posix, tt.path); got != tt.want {
			t.Errorf("PackageRoot(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
