package pathing

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// URIs are handled as VS Code's vscode-uri does (URI.parse, URI.file,
// toString, fsPath with keepDriveLetterCasing), with two deliberate
// differences so that PathToURI then URIToPath gives the path back exactly:
// the case of a drive letter and of a UNC host is kept (VS Code lower-cases
// both when printing), and a POSIX path is never given an authority (so the
// POSIX path "//x/y" becomes "file:////x/y", not "file://x/y").

// uriParts is a URI split by the RFC 3986 regular expression VS Code uses:
// ^(([^:/?#]+?):)?(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?
type uriParts struct {
	scheme, authority, path, query, fragment string
	hasAuthority, hasQuery, hasFragment      bool
}

func splitURI(s string) uriParts {
	var u uriParts
	// scheme: the shortest run of [^:/?#]+ followed by ':' at the start.
	if i := strings.IndexAny(s, ":/?#"); i > 0 && s[i] == ':' {
		u.scheme, s = s[:i], s[i+1:]
	}
	if strings.HasPrefix(s, "//") {
		s = s[2:]
		i := strings.IndexAny(s, "/?#")
		if i < 0 {
			i = len(s)
		}
		u.authority, s, u.hasAuthority = s[:i], s[i:], true
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		u.fragment, s, u.hasFragment = s[i+1:], s[:i], true
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		u.query, s, u.hasQuery = s[i+1:], s[:i], true
	}
	u.path = s
	return u
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// percentDecode is vscode-uri's percentDecode: every run of "%XX" (X
// alphanumeric) is decoded with decodeURIComponent, and a run that does not
// decode (bad hex, not UTF-8) is kept as written.
func percentDecode(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i
		for j+2 < len(s) && s[j] == '%' && isAlnum(s[j+1]) && isAlnum(s[j+2]) {
			j += 3
		}
		if j == i {
			b.WriteByte(s[i])
			i++
			continue
		}
		run := s[i:j]
		dec := make([]byte, 0, len(run)/3)
		ok := true
		for k := 0; k < len(run); k += 3 {
			hi, ok1 := unhex(run[k+1])
			lo, ok2 := unhex(run[k+2])
			if !ok1 || !ok2 {
				ok = false
				break
			}
			dec = append(dec, hi<<4|lo)
		}
		if ok && utf8.Valid(dec) {
			b.Write(dec)
		} else {
			b.WriteString(run)
		}
		i = j
	}
	return b.String()
}

const upperhex = "0123456789ABCDEF"

// percentEncode is vscode-uri's encodeURIComponentFast: unreserved
// characters (and "/" in a path, "[", "]", ":" in an authority) stay, every
// other byte of the UTF-8 text is written as %XX.
func percentEncode(s string, isPath, isAuthority bool) string {
	keep := func(c byte) bool {
		return isAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
			(isPath && c == '/') || (isAuthority && (c == '[' || c == ']' || c == ':'))
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !keep(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keep(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', upperhex[c>>4], upperhex[c&15])
		}
	}
	return string(b)
}

// NotFileURIError is returned by URIToPath for a URI whose scheme is not "file"
// (untitled:, vscode-notebook-cell:, ...).
type NotFileURIError struct {
	URI    string
	Scheme string
}

// Error says which URI is not a file URI.
func (e *NotFileURIError) Error() string {
	return fmt.Sprintf("pathing: %q is not a file URI (scheme %q)", e.URI, e.Scheme)
}

// URIToPath converts a file URI to a path of flavour f. It accepts VS Code's
// spelling (file:///c%3A/Users/me/a%20b.py), Neovim's (file:///C:/Users/me/x.py),
// UNC (file://server/share/x.py is \\server\share\x.py on NT and
// //server/share/x.py on POSIX).
// A drive letter keeps the case it has in the URI. Query and fragment are
// ignored. file://localhost/x is the local /x on POSIX (on NT it is the UNC
// path \\localhost\x). A URI of another scheme gives a *NotFileURIError.
func (f Flavour) URIToPath(uri string) (string, error) {
	u := splitURI(uri)
	if !strings.EqualFold(u.scheme, "file") {
		return "", &NotFileURIError{URI: uri, Scheme: u.scheme}
	}
	auth := percentDecode(u.authority)
	if !f.nt && strings.EqualFold(auth, "localhost") {
		auth = ""
	}
	path := percentDecode(u.path)
	if auth == "" && !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	var p string
	switch {
	case auth != "":
		p = "//" + auth + path
	case f.nt && len(path) >= 3 && isASCIILetter(path[1]) && path[2] == ':':
		p = path[1:]
	default:
		p = path
	}
	if f.nt {
		p = strings.ReplaceAll(p, "/", `\`)
	}
	return p, nil
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// PathToURI converts an absolute path of flavour f to a file URI, encoded
// as VS Code's URI.file(path).toString() encodes it (":" as %3A, space as
// %20, "#", "%", "?", ";" and non-ASCII percent-encoded), except that the
// case of the drive letter and UNC host is kept. On NT, "\\server\share\x"
// becomes "file://server/share/x" (and "\\server" alone "file://server").
// URIToPath gives an absolute path back exactly (on NT, written with "\";
// "/" in an NT path comes back as "\"); a relative path is taken as relative
// to the root.
func (f Flavour) PathToURI(path string) string {
	auth := ""
	p := path
	if f.nt {
		p = strings.ReplaceAll(p, `\`, "/")
		if strings.HasPrefix(p, "//") {
			if i := strings.IndexByte(p[2:], '/'); i > 0 {
				auth, p = p[2:2+i], p[2+i:]
			} else if i < 0 && len(p) > 2 {
				auth, p = p[2:], ""
			}
		}
	}
	if auth == "" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file://" + percentEncode(auth, false, true) + percentEncode(p, true, false)
}

// DocumentKey returns a canonical key for a document URI: two spellings of
// one file give one key. For file URIs the key is the file URI of the path,
// re-encoded; on NT the path is first put through Normcase (drive letter,
// host and path case, "/" vs "\"), since NT file names are case-insensitive.
// Other URIs (untitled:, vscode-notebook-cell:) key as themselves with the
// scheme lower-cased and percent-escapes normalised (decoded, then encoded
// as VS Code encodes).
func (f Flavour) DocumentKey(uri string) string {
	u := splitURI(uri)
	if strings.EqualFold(u.scheme, "file") {
		p, err := f.URIToPath(uri)
		if err == nil {
			if f.nt {
				p = ntNormcase(p)
			}
			return f.PathToURI(p)
		}
	}
	var b strings.Builder
	if u.scheme != "" {
		b.WriteString(strings.ToLower(u.scheme))
		b.WriteByte(':')
	}
	if u.hasAuthority {
		b.WriteString("//")
		b.WriteString(percentEncode(strings.ToLower(percentDecode(u.authority)), false, true))
	}
	b.WriteString(percentEncode(percentDecode(u.path), true, false))
	if u.hasQuery {
		b.WriteByte('?')
		b.WriteString(percentEncode(percentDecode(u.query), false, false))
	}
	if u.hasFragment {
		b.WriteByte('#')
		b.WriteString(percentEncode(percentDecode(u.fragment), false, false))
	}
	return b.String()
}

// URIToPath is Host.URIToPath.
func URIToPath(uri string) (string, error) { return Host.URIToPath(uri) }

// PathToURI is Host.PathToURI.
func PathToURI(path string) string { return Host.PathToURI(path) }

// DocumentKey is Host.DocumentKey.
func DocumentKey(uri string) string { return Host.DocumentKey(uri) }
