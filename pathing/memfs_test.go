package pathing

import (
	"errors"
	"io/fs"
	"syscall"
	"testing"
)

func TestMemFSPosix(t *testing.T) {
	m := NewMemFS(Posix)
	if err := m.AddTree(map[string]string{
		"/a/b/f.txt": "hello",
		"/a/empty/":  "",
		"/a/l":       "-> b",
		"/a/abs":     "-> /a/b/f.txt",
		"/a/up":      "-> b/..",
		"/loop":      "-> loop",
		"/dang":      "-> /nowhere",
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		stat bool
		mode fs.FileMode
		err  error
	}{
		{"/a/b/f.txt", true, 0, nil},
		{"/a/l/f.txt", true, 0, nil},
		{"/a/l", true, fs.ModeDir, nil},
		{"/a/l", false, fs.ModeSymlink, nil},
		{"/a/l/", false, fs.ModeDir, nil},
		{"/a/abs", true, 0, nil},
		{"/a/l/../l/f.txt", true, 0, nil},
		{"/a/up/l/f.txt", true, 0, nil},
		{"/a/B/f.txt", true, 0, syscall.ENOENT},
		{"/a/b/f.txt/x", true, 0, syscall.ENOTDIR},
		{"/loop", true, 0, syscall.ELOOP},
		{"/loop", false, fs.ModeSymlink, nil},
		{"/loop/x", false, 0, syscall.ELOOP},
		{"/dang", true, 0, syscall.ENOENT},
		{"a/b", true, fs.ModeDir, nil}, // relative to "/"
	} {
		var fi fs.FileInfo
		var err error
		if tc.stat {
			fi, err = m.Stat(tc.name)
		} else {
			fi, err = m.Lstat(tc.name)
		}
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("stat=%v %q: err %v, want %v", tc.stat, tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || fi.Mode().Type() != tc.mode {
			t.Errorf("stat=%v %q: %v, %v; want type %v", tc.stat, tc.name, fi, err, tc.mode)
		}
	}
	if b, err := m.ReadFile("/a/abs"); err != nil || string(b) != "hello" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	if target, err := m.Readlink("/a/l"); err != nil || target != "b" {
		t.Errorf("Readlink = %q, %v", target, err)
	}
	if _, err := m.Readlink("/a/b"); !errors.Is(err, syscall.EINVAL) {
		t.Errorf("Readlink of a dir: %v", err)
	}
	ents, err := m.ReadDir("/a")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if got := fmtList(names); got != "[abs b empty l up]" {
		t.Errorf("ReadDir = %s", got)
	}
	if err := m.Remove("/a/l"); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Lstat("/a/l"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after Remove: %v", err)
	}
	if err := m.Symlink("x", "/a/abs"); !errors.Is(err, syscall.EEXIST) {
		t.Errorf("Symlink over existing: %v", err)
	}
}

func TestMemFSNT(t *testing.T) {
	m := NewMemFS(NT)
	if err := m.AddTree(map[string]string{
		`C:\Users\Me\a.py`:         "a",
		`c:/users/me/B.PY`:         "b",
		`\\srv\share\pkg\x.py`:     "x",
		`C:\Users\Me\link`:         `-> ..\Me`,
		`C:\Users\Me\unc`:          `-> \\SRV\Share\pkg`,
		`D:\rel\here`:              `-> other`,
		`D:\rel\other\deep\z.py`:   "z",
		`C:\Users\Me\tofile\`:      "",
		`C:\Users\Me\loop`:         `-> loop`,
		`C:\Users\Me\dotdot`:       `-> link\..\..`,
		`C:\Users\Me\ΑΣ\file.txt`:  "sigma",
		`C:\Users\Me\İstanbul.txt`: "i",
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		want string // "" = must fail
	}{
		{`C:\USERS\me\A.PY`, "a"},
		{`c:/Users/Me/b.py`, "b"},
		{`C:\Users\Me\link\a.py`, "a"},
		{`C:\Users\Me\unc\X.PY`, "x"},
		{`\\SRV\SHARE\PKG\x.py`, "x"},
		{`D:\rel\here\deep\z.py`, "z"},
		{`C:\Users\Me\nothere\..\a.py`, "a"}, // lexical "..", as Win32
		{`C:\Users\Me\dotdot\Me\a.py`, "a"},
		{`C:\Users\Me\loop`, ""},
		{`C:\Users\Me\ας\FILE.TXT`, "sigma"},
		{`Users\Me\a.py`, "a"}, // relative to C:\
		{`\Users\Me\a.py`, "a"},
		{`E:\x`, ""},
	} {
		b, err := m.ReadFile(tc.name)
		if tc.want == "" {
			if err == nil {
				t.Errorf("ReadFile(%q) = %q, want an error", tc.name, b)
			}
			continue
		}
		if err != nil || string(b) != tc.want {
			t.Errorf("ReadFile(%q) = %q, %v; want %q", tc.name, b, err, tc.want)
		}
	}
	ents, err := m.ReadDir(`c:\users\me`)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range ents {
		if e.Name() == "B.PY" {
			found = true
		}
	}
	if !found {
		t.Errorf("ReadDir lost the case names were created with: %v", ents)
	}
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}
