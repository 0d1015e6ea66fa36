package pathing

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"", ".", "..", "/", "//", "///", "//x/..", "a/../..", `\\server\share\x\..`, `\\?\C:\x`, `\\.\pipe\p`,
	`C:`, `C:x`, `c:\..\x`, `.\a:.`, "ΑΣ/İ", "😀\\x", "a\x00b", `\\?\UNC\s\h\x`, "x/./y//z/",
}

// FuzzNormpath: Normpath is idempotent, for NT wherever CPython's is (it is
// not when removing "." turns a component such as "a:" into a drive).
func FuzzNormpath(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if n := Posix.Normpath(p); Posix.Normpath(n) != n {
			t.Errorf("posix normpath(%q) = %q, normpath again = %q", p, n, Posix.Normpath(n))
		}
		n := NT.Normpath(p)
		d1, _ := NT.Splitdrive(n)
		d2, _ := NT.Splitdrive(strings.ReplaceAll(p, "/", `\`))
		if d1 == d2 && NT.Normpath(n) != n {
			t.Errorf("nt normpath(%q) = %q, normpath again = %q", p, n, NT.Normpath(n))
		}
		if posixIsNormal(p) && posixNormpathSlow(p) != p {
			t.Errorf("posixIsNormal(%q), but normpath gives %q", p, posixNormpathSlow(p))
		}
		if n == "" || Posix.Normpath(p) == "" {
			t.Errorf("normpath(%q) is empty", p)
		}
	})
}

// FuzzSplitJoin: Join(Split(p)) is p after Normpath; on NT wherever it is in
// CPython (not when the tail itself looks like a drive, "x:y").
func FuzzSplitJoin(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		for _, fl := range []Flavour{Posix, NT} {
			head, tail := fl.Split(p)
			if fl.IsNT() {
				if d, _ := fl.Splitdrive(tail); d != "" {
					continue
				}
			}
			if got, want := fl.Normpath(fl.Join(head, tail)), fl.Normpath(p); got != want {
				t.Errorf("%s: split(%q) = %q, %q; normpath(join) = %q, want %q", fl, p, head, tail, got, want)
			}
			if fl.Basename(p) != tail || fl.Dirname(p) != head {
				t.Errorf("%s: basename/dirname disagree with split for %q", fl, p)
			}
			if root, ext := fl.Splitext(p); root+ext != p {
				t.Errorf("%s: splitext(%q) = %q, %q", fl, p, root, ext)
			}
			if d, rest := fl.Splitdrive(p); d+rest != p {
				t.Errorf("%s: splitdrive(%q) = %q, %q", fl, p, d, rest)
			}
		}
	})
}

// FuzzURIRoundTrip: an absolute path goes to a URI and back unchanged, and
// URIToPath never panics on the URI, nor on the fuzz input itself.
func FuzzURIRoundTrip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, uint8(0))
	}
	f.Add("a%20b#c?d;e", uint8(1))
	f.Add("srv/share/x y", uint8(2))
	f.Fuzz(func(t *testing.T, s string, form uint8) {
		_, _ = Posix.URIToPath(s)
		_, _ = NT.URIToPath(s)
		_ = NT.DocumentKey(s)
		_ = Posix.DocumentKey(s)
		if !utf8.ValidString(s) {
			return // paths are Python str: valid text
		}
		p := "/" + s
		if back, err := Posix.URIToPath(Posix.PathToURI(p)); err != nil || back != p {
			t.Errorf("posix %q -> %q -> %q, %v", p, Posix.PathToURI(p), back, err)
		}
		rest := strings.ReplaceAll(s, "/", `\`)
		var np string
		switch form % 3 {
		case 0:
			np = `C:\` + rest
		case 1:
			np = `d:` + rest
			if strings.HasPrefix(rest, `\`) || rest == "" {
				np = `d:\x` + rest
			}
		case 2:
			host, tail, _ := strings.Cut(rest, `\`)
			if host == "" {
				host = "h"
			}
			np = `\\` + host + `\` + tail
		}
		uri := NT.PathToURI(np)
		if back, err := NT.URIToPath(uri); err != nil || back != np {
			t.Errorf("nt %q -> %q -> %q, %v", np, uri, back, err)
		}
		if k := NT.DocumentKey(uri); NT.DocumentKey(k) != k || k != NT.DocumentKey(NT.PathToURI(strings.ToUpper(np[:1])+np[1:])) {
			t.Errorf("nt key of %q unstable: %q", uri, k)
		}
	})
}

// FuzzRealpathMemFS: RealpathFS returns, absolute and normalised, for any
// tree of folders, files and links (loops included) that the input describes.
func FuzzRealpathMemFS(f *testing.F) {
	f.Add([]byte("a/b\x01c->a\x02d->d\x00c/b/../d/x"))
	f.Add([]byte("x->y\x01y->x\x00x/z"))
	f.Add([]byte("p/q\x01p/r->..\x01p/s->/p/r/r/r\x00p/s/q"))
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, query, _ := strings.Cut(string(data), "\x00")
		m := NewMemFS(Posix)
		for _, e := range strings.FieldsFunc(spec, func(r rune) bool { return r == '\x01' || r == '\x02' }) {
			if name, target, ok := strings.Cut(e, "->"); ok {
				_ = m.Symlink(target, "/"+name)
			} else {
				_ = m.Mkdir("/" + e)
			}
		}
		for _, q := range []string{query, "/" + query} {
			got, err := RealpathFS(m, q)
			if err != nil {
				t.Fatalf("RealpathFS(%q): %v", q, err)
			}
			if !Posix.IsAbs(got) || Posix.Normpath(got) != got {
				t.Fatalf("RealpathFS(%q) = %q: not absolute and normal", q, got)
			}
		}
	})
}

// TestPosixIsNormal: the fast path of posixNormpath answers only for paths that
// normpath leaves as they are, and takes the common absolute paths.
func TestPosixIsNormal(t *testing.T) {
	for _, tc := range []struct {
		p      string
		normal bool
	}{
		{"/", true}, {"/a", true}, {"/a/b.py", true}, {"a", true}, {"a/b", true}, {"...", true}, {".a/b.", true},
		{"", false}, {"//", false}, {"//x", false}, {"///x", false}, {"/a/", false}, {"a//b", false},
		{"/a/./b", false}, {"/a/../b", false}, {"..", false}, {"../a", false}, {".", false}, {"./a", false}, {"a/.", false}, {"a/..", false},
	} {
		if got := posixIsNormal(tc.p); got != tc.normal {
			t.Errorf("posixIsNormal(%q) = %v, want %v", tc.p, got, tc.normal)
		}
		if tc.normal && posixNormpathSlow(tc.p) != tc.p {
			t.Errorf("posixIsNormal(%q), but normpath gives %q", tc.p, posixNormpathSlow(tc.p))
		}
	}
}
