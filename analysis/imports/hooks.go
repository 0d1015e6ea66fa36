package imports

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/pyward/pyward/pathing"
)

// Import hooks installed at start-up. site.py runs the lines of *.pth files in
// site-packages that start with "import"; such a line can install a sys.meta_path
// finder that serves a top-level name from elsewhere. setuptools' distutils-precedence.pth
// does: __import__('_distutils_hack').add_shim() makes `distutils` setuptools' own copy,
// which has names the standard library's distutils lacks. pyward cannot see what such
// a finder serves, so imports of the names it mentions get no error.

var (
	pthImport = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`__import__\(\s*['"]([A-Za-z_][\w.]*)['"]|(?:^|;)\s*import\s+([A-Za-z_][\w.]*)`)
	})
	hookSpecFor = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\bspec_for_([A-Za-z_]\w*)`) })
	hookCompare = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:==|startswith\()\s*['"]([A-Za-z_]\w*)\.?['"]`) })
)

var hookCache struct {
	sync.Mutex
	byRoots map[string]map[string]bool
}

// hookedTops returns the top-level module names that a finder installed by a .pth file
// in one of roots may serve: the modules a .pth line imports whose source installs a
// sys.meta_path or sys.path_hooks entry name them (as `spec_for_NAME` methods, or in
// `== "NAME"` / `startswith("NAME.")` tests). Computed once per owner (an Index) and
// set of roots.
func hookedTops(owner any, fsys pathing.FS, fl pathing.Flavour, roots []string) map[string]bool {
	key := fmt.Sprintf("%p\x00%s", owner, strings.Join(roots, "\x00"))
	hookCache.Lock()
	defer hookCache.Unlock()
	if m, ok := hookCache.byRoots[key]; ok {
		return m
	}
	out := map[string]bool{}
	for _, root := range roots {
		ents, err := fsys.ReadDir(root)
		if err != nil {
			continue
		}
		for _, e := range ents {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".pth") {
				continue
			}
			data, err := fsys.ReadFile(fl.Join(root, e.Name()))
			if err != nil {
				continue
			}
			for _, line := range strings.Split(string(data), "\n") {
				if !strings.HasPrefix(line, "import ") && !strings.HasPrefix(line, "import\t") {
					continue // site.py runs only these lines
				}
				for _, m := range pthImport().FindAllStringSubmatch(line, -1) {
					mod := m[1] + m[2]
					hookNames(fsys, fl, roots, strings.SplitN(mod, ".", 2)[0], out)
				}
			}
		}
	}
	if hookCache.byRoots == nil {
		hookCache.byRoots = map[string]map[string]bool{}
	}
	hookCache.byRoots[key] = out
	return out
}

// hookNames adds the names the module top (found in roots) serves, when it installs an
// import hook.
func hookNames(fsys pathing.FS, fl pathing.Flavour, roots []string, top string, out map[string]bool) {
	for _, root := range roots {
		for _, p := range []string{fl.Join(root, top, "__init__.py"), fl.Join(root, top+".py")} {
			src, err := fsys.ReadFile(p)
			if err != nil {
				continue
			}
			text := string(src)
			if !strings.Contains(text, "meta_path") && !strings.Contains(text, "path_hooks") {
				return
			}
			for _, m := range hookSpecFor().FindAllStringSubmatch(text, -1) {
				out[m[1]] = true
			}
			for _, m := range hookCompare().FindAllStringSubmatch(text, -1) {
				out[m[1]] = true
			}
			return
		}
	}
}

// hookedImport reports whether the absolute import imp names a top-level module that an
// import hook installed at start-up may serve.
func (ix index) hookedImport(tops []string) bool {
	if len(tops) == 0 {
		return false
	}
	hooked := hookedTops(ix.Index, ix.FS, ix.Flavour, ix.Roots())
	for _, t := range tops {
		if hooked[t] {
			return true
		}
	}
	return false
}
