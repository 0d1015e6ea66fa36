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
