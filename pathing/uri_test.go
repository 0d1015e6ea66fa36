package pathing

import (
	"errors"
	"strings"
	"testing"
)

func TestURIToPath(t *testing.T) {
	for _, tc := range []struct {
		f    Flavour
		uri  string
		want string
	}{
		{NT, "file:///c%3A/Users/me/a%20b.py", `c:\Users\me\a b.py`},
		{NT, "file:///C:/Users/me/x.py", `C:\Users\me\x.py`},
		{NT, "file:///C%3a/x", `C:\x`},
		{NT, "file://server/share/x.py", `\\server\share\x.py`},
		{NT, "file://Server/share", `\\Server\share`},
		{NT, "file://localhost/c$/x", `\\localhost\c$\x`},
		{NT, "file:////server/share/x.py", `\\server\share\x.py`},
		{NT, "file:///c%3A/a%23b%25c%3Fd%3Be.py", `c:\a#b%c?d;e.py`},
		{NT, "file:///c%3A/%E6%97%A5%E6%9C%AC.py", `c:\日本.py`},
		{NT, "file:///c%3A/x.py#L10", `c:\x.py`},
		{NT, "file:///c%3A/x.py?q=1", `c:\x.py`},
		{NT, "FILE:///C:/x", `C:\x`},
		{NT, "file:C:/x", `C:\x`},
		{NT, "file:///x/y", `\x\y`},
		{NT, "file://%3F/C%3A/x", `\\?\C:\x`},
		{NT, "file:///c%3A/bad%zz%E6", `c:\bad%zz%E6`},
		{NT, "file:///c%3A/a%2Fb", `c:\a\b`},
		{Posix, "file:///home/me/a%20b.py", "/home/me/a b.py"},
		{Posix, "file:///home/me/a%5Cb.py", `/home/me/a\b.py`},
		{Posix, "file://server/share/x.py", "//server/share/x.py"},
		{Posix, "file://localhost/etc/x", "/etc/x"},
		{Posix, "file:////x/y", "//x/y"},
		{Posix, "file:///C:/x", "/C:/x"},
		{Posix, "file:///%F0%9F%98%80", "/😀"},
	} {
		got, err := tc.f.URIToPath(tc.uri)
		if err != nil || got != tc.want {
			t.Errorf("%s.URIToPath(%q) = %q, %v; want %q", tc.f, tc.uri, got, err, tc.want)
		}
	}
}

func TestPathToURI(t *testing.T) {
	for _, tc := range []struct {
		f    Flavour
		path string
		want string
	}{
		{NT, `C:\Users\me\a b.py`, "file:///C%3A/Users/me/a%20b.py"},
		{NT, `c:\x`, "file:///c%3A/x"},
		{NT, `\\server\share\x.py`, "file://server/share/x.py"},
		{NT, `\\server`, "file://server"},
		{NT, `\\?\C:\x`, "file://%3F/C%3A/x"},
		{NT, `\\.\pipe\x`, "file://./pipe/x"},
		{NT, `C:\a#b%c?d;e&f'(g)!*+,=@$.py`, "file:///C%3A/a%23b%25c%3Fd%3Be%26f%27%28g%29%21%2A%2B%2C%3D%40%24.py"},
		{NT, `C:\日本\é.py`, "file:///C%3A/%E6%97%A5%E6%9C%AC/%C3%A9.py"},
		{NT, `C:\a-b_c.d~e`, "file:///C%3A/a-b_c.d~e"},
		{Posix, "/home/me/a b.py", "file:///home/me/a%20b.py"},
		{Posix, `/home/a\b`, "file:///home/a%5Cb"},
		{Posix, "//x/y", "file:////x/y"},
		{Posix, "/", "file:///"},
	} {
		if got := tc.f.PathToURI(tc.path); got != tc.want {
			t.Errorf("%s.PathToURI(%q) = %q; want %q", tc.f, tc.path, got, tc.want)
		}
	}
}

func TestURIRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		f     Flavour
		paths []string
	}{
		{NT, []string{`C:\`, `C:`, `c:\x`, `C:\Users\me\a b.py`, `D:\a#b\%41\?;x.py`, `\\server\share`, `\\server\share\`,
			`\\server\share\a b\c.py`, `\\server`, `\\server\`, `\\?\C:\x`, `\\?\UNC\srv\shr\x`, `\\.\pipe\p`, `\x`, `\`,
			`\\`, `\\\x`, `C:\日本\😀.py`, `C:\ΑΣ\İ`, `C:\a%20b`, `C:\x\`}},
		{Posix, []string{"/", "/x", "//x", "//x/y", "///x", "/a b/c#d%e?f;g", `/a\b`, "/日本/😀.py", "/x/", "/%41"}},
	} {
		for _, p := range tc.paths {
			uri := tc.f.PathToURI(p)
			back, err := tc.f.URIToPath(uri)
			if err != nil || back != p {
				t.Errorf("%s: %q -> %q -> %q, %v", tc.f, p, uri, back, err)
			}
		}
	}
}

func TestURINotFile(t *testing.T) {
	for _, f := range []Flavour{Posix, NT} {
		for _, uri := range []string{"untitled:Untitled-1", "vscode-notebook-cell:/x.ipynb#W0sZmlsZQ==", "", "x", "C:\\x", "http://h/x", ":", "%", "file"} {
			_, err := f.URIToPath(uri)
			var nf *NotFileURIError
			if !errors.As(err, &nf) {
				t.Errorf("%s.URIToPath(%q) error = %v, want *NotFileURIError", f, uri, err)
			}
		}
	}
}

func TestDocumentKey(t *testing.T) {
	same := []struct {
		f    Flavour
		uris []string
	}{
		{NT, []string{"file:///c%3A/Users/me/x.py", "file:///C:/Users/me/x.py", "file:///C%3a/Users/me/x.py", "file:///c:/users/ME/X.py", "file:///c%3A/Users/me/%78.py"}},
		{NT, []string{"file://Server/Share/x.py", "file://server/share/x.py", "file:////server/share/x.py"}},
		{NT, []string{"file:///c%3A/a%20b.py", "file:///c:/a b.py"}},
		{Posix, []string{"file:///home/a%20b.py", "file:///home/a b.py", "file:///home/%61%20b.py", "FILE:///home/a%20b.py"}},
		{Posix, []string{"untitled:Untitled-1", "UNTITLED:Untitled%2D1"}},
		{NT, []string{"vscode-notebook-cell:/x.ipynb#W0sZmlsZQ==", "vscode-notebook-cell:/x.ipynb#W0sZmlsZQ%3D%3D"}},
	}
	for _, tc := range same {
		want := tc.f.DocumentKey(tc.uris[0])
		for _, u := range tc.uris[1:] {
			if got := tc.f.DocumentKey(u); got != want {
				t.Errorf("%s.DocumentKey(%q) = %q; want %q (key of %q)", tc.f, u, got, want, tc.uris[0])
			}
		}
	}
	differ := []struct {
		f    Flavour
		a, b string
	}{
		{Posix, "file:///home/X.py", "file:///home/x.py"},
		{NT, "file:///c%3A/x.py", "file:///d%3A/x.py"},
		{NT, "untitled:Untitled-1", "untitled:Untitled-2"},
		{NT, "vscode-notebook-cell:/x.ipynb#W0", "vscode-notebook-cell:/x.ipynb#W1"},
		{Posix, "git:/a.py?ref=HEAD", "git:/a.pyref=HEAD"},
	}
	for _, tc := range differ {
		if tc.f.DocumentKey(tc.a) == tc.f.DocumentKey(tc.b) {
			t.Errorf("%s: %q and %q share key %q", tc.f, tc.a, tc.b, tc.f.DocumentKey(tc.a))
		}
	}
	if k := NT.DocumentKey("file:///C:/x.py"); !strings.HasPrefix(k, "file:///c%3A/") {
		t.Errorf("NT key %q does not spell the drive as VS Code does", k)
	}
}
