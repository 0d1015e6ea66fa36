// Package exclude decides which files and folders a check or a workspace leaves out:
// the default folders (version control, caches, virtual environments, installed
// packages) and the user's globs, as ruff's exclude and extend-exclude do.
//
// A glob without "/" matches a file or folder name at any depth ("build", "*_pb2.py").
// A glob with "/" matches the slash-separated path from the root ("src/gen/**",
// "/docs"), a leading "/" being optional. "*" and "?" do not cross "/", "**" does,
// and "[...]" is a character class, as in path.Match.
package exclude

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Default are the globs excluded when the settings do not replace them.
var Default = []string{
	".bzr", ".direnv", ".eggs", ".git", ".hg", ".ipynb_checkpoints", ".mypy_cache", ".nox",
	".pytest_cache", ".ruff_cache", ".svn", ".tox", ".venv", "__pycache__", "__pypackages__",
	"dist-packages", "node_modules", "site-packages", "venv",
}

// Matcher answers whether a path below its root is excluded.
type Matcher struct {
	root  string // slash-separated, without a trailing slash
	names []string
	paths []*regexp.Regexp
}

// Valid reports whether glob is well formed.
func Valid(glob string) error {
	_, _, err := compile(glob)
	return err
}

// compile checks glob and returns it as a name glob (no "/") or a path expression.
func compile(glob string) (name string, re *regexp.Regexp, err error) {
	if strings.TrimSpace(glob) == "" {
		return "", nil, fmt.Errorf("empty exclude glob")
	}
	bad := func(e error) (string, *regexp.Regexp, error) {
		return "", nil, fmt.Errorf("bad exclude glob %q: %v", glob, e)
	}
	if _, err := path.Match(strings.ReplaceAll(glob, "**", "*"), ""); err != nil {
		return bad(err)
	}
	g := strings.TrimSuffix(glob, "/")
	if !strings.Contains(g, "/") {
		return g, nil, nil
	}
	re, err = regexp.Compile("^" + globRegexp(strings.TrimPrefix(g, "/")) + "$")
	if err != nil {
		return bad(err)
	}
	return "", re, nil
}

// New returns the matcher of globs relative to root (an absolute folder). Invalid
// globs are an error.
func New(root string, globs []string) (*Matcher, error) {
	m := &Matcher{root: strings.TrimSuffix(toSlash(root), "/")}
	for _, g := range globs {
		name, re, err := compile(g)
		if err != nil {
			return nil, err
		}
		if re != nil {
			m.paths = append(m.paths, re)
		} else {
			m.names = append(m.names, name)
		}
	}
	return m, nil
}

// Excluded reports whether p (absolute, below the root) or one of the folders between
// the root and p is excluded. A p outside the root is matched by name only.
func (m *Matcher) Excluded(p string) bool {
	if m == nil {
		return false
	}
	p = toSlash(p)
	rel, below := strings.CutPrefix(p, m.root+"/")
	if !below {
		rel = path.Base(p)
	}
	parts := strings.Split(rel, "/")
	for i := range parts {
		if m.matchName(parts[i]) || m.matchPath(strings.Join(parts[:i+1], "/")) {
			return true
		}
	}
	return false
}

// ExcludedEntry reports whether the entry p met during a walk of the root is excluded,
// looking only at p itself (its parents were looked at on the way down).
func (m *Matcher) ExcludedEntry(p string) bool {
	if m == nil {
		return false
	}
	p = toSlash(p)
	if m.matchName(path.Base(p)) {
		return true
	}
	rel, below := strings.CutPrefix(p, m.root+"/")
	return below && m.matchPath(rel)
}

func (m *Matcher) matchName(name string) bool {
	for _, g := range m.names {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	return false
}

func (m *Matcher) matchPath(rel string) bool {
	for _, re := range m.paths {
		if re.MatchString(rel) {
			return true
		}
	}
	return false
}

// globRegexp translates a glob with "/" into a regular expression.
func globRegexp(g string) string {
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		switch c := g[i]; c {
		case '*':
			if i+1 < len(g) && g[i+1] == '*' {
				i++
				if i+1 < len(g) && g[i+1] == '/' {
					i++
					b.WriteString("(?:.*/)?") // "**/" is zero or more folders
				} else {
					b.WriteString(".*")
				}
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		case '[':
			j := strings.IndexByte(g[i:], ']')
			if j < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := g[i+1 : i+j]
			if strings.HasPrefix(class, "^") {
				class = "^" + strings.ReplaceAll(class[1:], `\`, `\\`)
			} else {
				class = strings.ReplaceAll(class, `\`, `\\`)
			}
			b.WriteString("[" + class + "]")
			i += j
		case '\\':
			if i+1 < len(g) {
				i++
				b.WriteString(regexp.QuoteMeta(string(g[i])))
			}
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}

func toSlash(p string) string { return filepath.ToSlash(p) }
