package pathing

import (
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Resolver finds the files Python imports resolve to, as CPython 3.11's
// PathFinder and FileFinder do, reading through an FS and caching directory
// listings and file status until told to Forget. Result paths are spelled
// from the roots as given (never put through realpath). It is safe for
// concurrent use.
//
// Per search folder and name x, FileFinder's order: a regular package
// x/__init__<suffix> (extension suffixes, then .py, then .pyc, as
// importlib.machinery lists its loaders), then a module x<suffix> in the same
// order; a bare folder x/ is only remembered as a namespace portion. The first
// folder that yields a package or module wins; otherwise the portions of all
// folders make a namespace package. Names match the directory listing
// exactly, also on NT (PEP 235; CPython ignores case only with PYTHONCASEOK),
// where a file's suffix is compared case-insensitively as CPython does.
//
// Stubs (.pyi) are never imported: they are reported in Module.Stub beside
// what is found. When a segment exists only as a stub (x.pyi and nothing CPython
// can import), resolution fails with ErrNotFound, as it does at run time, and
// that segment is still returned, with Path "" and Stub set, so that
// go-to-declaration can use it.
type Resolver struct {
	f    Flavour
	fsys FS

	// mu guards the caches and ext; it is never held while the file system is read,
	// so that resolutions in parallel (a check and a definition request) do not queue.
	mu       sync.RWMutex
	gen      uint64 // bumped by Forget and ForgetAll: a read started before is not cached
	listings map[string]*listing
	stats    map[string]statEntry
	ext      []string // extension suffixes, in CPython's order
	source   []string
	bytecode []string
}

// NewResolver returns a resolver for paths of flavour f read through fsys.
// Extension suffixes default to CPython 3.11's for the flavour (on POSIX,
// for the host's architecture); see SetExtensionSuffixes.
func NewResolver(f Flavour, fsys FS) *Resolver {
	r := &Resolver{f: f, fsys: fsys, listings: map[string]*listing{}, stats: map[string]statEntry{}}
	if f.nt {
		r.ext = []string{".cp311-win_amd64.pyd", ".pyd"}
		r.source = []string{".py", ".pyw"}
	} else {
		r.ext = []string{".cpython-311-" + posixPlatformTag() + ".so", ".abi3.so", ".so"}
		r.source = []string{".py"}
	}
	r.bytecode = []string{".pyc"}
	return r
}

func posixPlatformTag() string {
	switch runtime.GOOS + "/" + runtime.GOARCH {
	case "darwin/amd64", "darwin/arm64":
		return "darwin"
	case "linux/arm64":
		return "aarch64-linux-gnu"
	case "linux/386":
		return "i386-linux-gnu"
	}
	return "x86_64-linux-gnu"
}

// SetExtensionSuffixes replaces the extension-module suffixes, in priority
// order (importlib.machinery.EXTENSION_SUFFIXES of the target interpreter),
// and forgets the caches.
func (r *Resolver) SetExtensionSuffixes(suffixes []string) {
	r.mu.Lock()
	r.ext = append([]string(nil), suffixes...)
	r.mu.Unlock()
	r.ForgetAll()
}

// Flavour returns the resolver's path flavour.
func (r *Resolver) Flavour() Flavour { return r.f }

const stubSuffix = ".pyi"

// loaderSuffixes calls fn for each suffix in FileFinder's order; fn returns
// true to stop. ext is true for extension suffixes.
func (r *Resolver) loaderSuffixes(fn func(suffix string, ext bool) bool) {
	r.mu.RLock()
	ext := r.ext
	r.mu.RUnlock()
	for _, s := range ext {
		if fn(s, true) {
			return
		}
	}
	for _, s := range r.source {
		if fn(s, false) {
			return
		}
	}
	for _, s := range r.bytecode {
		if fn(s, false) {
			return
		}
	}
}

// joinChild is importlib's _path_join(dir, name): dir without trailing
// separators, a separator, name.
func (r *Resolver) joinChild(dir, name string) string {
	i := len(dir)
	for i > 0 && r.f.isSep(dir[i-1]) {
		i--
	}
	return dir[:i] + r.f.Sep() + name
}

// stubBeside returns p if it is a file, else "".
func (r *Resolver) stubIfFile(p string) string {
	if r.isFile(p) {
		return p
	}
	return ""
}

// packageInit returns the __init__ file CPython would load from folder
// base, or "".
func (r *Resolver) packageInit(base string) string {
	found := ""
	r.loaderSuffixes(func(s string, _ bool) bool {
		p := r.joinChild(base, "__init__"+s)
		if r.isFile(p) {
			found = p
			return true
		}
		return false
	})
	return found
}

// findSpec is PathFinder.find_spec(full) over dirs, with FileFinder in each
// dir. ok is false when CPython finds nothing; m may then be a stub-only module.
func (r *Resolver) findSpec(full, tail string, dirs []string) (m Module, ok bool) {
	var portions []string
	stubOnly := ""
	for _, d := range dirs {
		l := r.list(d)
		isNS := false
		if l.has(tail) {
			base := r.joinChild(d, tail)
			if init := r.packageInit(base); init != "" {
				return Module{Name: full, Kind: KindPackage, Path: init,
					Stub: r.stubIfFile(r.joinChild(base, "__init__"+stubSuffix)), Dirs: []string{base}}, true
			}
			isNS = r.isDir(base)
		}
		found := false
		r.loaderSuffixes(func(s string, ext bool) bool {
			if !l.has(tail + s) {
				return false
			}
			p := r.joinChild(d, tail+s)
			if !r.isFile(p) {
				return false
			}
			kind := KindModule
			if ext {
				kind = KindExtension
			}
			m = Module{Name: full, Kind: kind, Path: p, Stub: r.stubIfFile(r.joinChild(d, tail+stubSuffix))}
			found = true
			return true
		})
		if found {
			return m, true
		}
		if isNS {
			portions = append(portions, r.joinChild(d, tail))
		}
		if stubOnly == "" && l.has(tail+stubSuffix) {
			stubOnly = r.stubIfFile(r.joinChild(d, tail+stubSuffix))
		}
	}
	if len(portions) > 0 {
		return Module{Name: full, Kind: KindNamespace,
			Stub: r.stubIfFile(r.joinChild(portions[0], "__init__"+stubSuffix)), Dirs: portions}, true
	}
	if stubOnly != "" {
		return Module{Name: full, Kind: KindModule, Stub: stubOnly}, false
	}
	return Module{}, false
}

func notFound(name string, seg int, msg string) *ImportError {
	if msg == "" {
		msg = "No module named " + pyRepr(name)
	}
	return &ImportError{Kind: ErrNotFound, Name: name, Segment: seg, Msg: msg}
}

// resolveFrom resolves names below prefix (a dotted name, "" for top level)
// starting in dirs.
func (r *Resolver) resolveFrom(prefix string, parentIsPkg bool, dirs []string, names []string) ([]Module, error) {
	var segs []Module
	for i, name := range names {
		full := name
		if prefix != "" {
			full = prefix + "." + name
		}
		if !parentIsPkg {
			return segs, notFound(full, i, "No module named "+pyRepr(full)+"; "+pyRepr(prefix)+" is not a package")
		}
		m, ok := r.findSpec(full, name, dirs)
		if !ok {
			if m.Stub != "" {
				segs = append(segs, m)
			}
			return segs, notFound(full, i, "")
		}
		segs = append(segs, m)
		prefix, dirs, parentIsPkg = full, m.Dirs, m.Dirs != nil
	}
	return segs, nil
}

// ResolveAbsolute resolves "import a.b.c" (names = ["a", "b", "c"]) against
// the ordered import roots. It returns one Module per segment resolved and,
// on failure, an *ImportError for the first segment that fails, after the
// segments before it (and the failing one when it exists only as a stub).
func (r *Resolver) ResolveAbsolute(names []string, roots []string) ([]Module, error) {
	segs, err := r.resolveFrom("", true, roots, names)
	if err != nil {
		return segs, err
	}
	return segs, nil
}

// ResolveRelative resolves "from <dots><names> import ..." written in the
// file importer. The importer's package is its folder (also for an
// __init__.py importer); its dotted name comes from the first root that
// contains the folder, or, when no root does, from the highest chain of
// ancestor folders that have an __init__ file (the root is then the parent of
// the highest). Each dot after the first climbs one package; reaching the
// root is ErrBeyondTopLevel with CPython's message. base is the package the
// dots refer to (as CPython imports it from the roots when that gives the
// importer's own folder, else that folder itself); segs has one Module per
// name, resolved in base.Dirs. With dots == 0 this is ResolveAbsolute.
func (r *Resolver) ResolveRelative(importer string, dots int, names []string, roots []string) (base Module, segs []Module, err error) {
	if dots <= 0 {
		segs, err = r.ResolveAbsolute(names, roots)
		return Module{}, segs, err
	}
	dir := r.f.Dirname(importer)
	root, rel, ok := r.rootFor(dir, roots)
	searchRoots := roots
	if !ok {
		root = r.fallbackRoot(dir)
		searchRoots = []string{root}
		rel = r.relParts(dir, root)
	}
	if len(rel) == 0 || len(rel) < dots {
		msg := "attempted relative import beyond top-level package"
		if len(rel) == 0 {
			msg = "attempted relative import with no known parent package"
		}
		return Module{}, nil, &ImportError{Kind: ErrBeyondTopLevel, Name: strings.Repeat(".", dots) + strings.Join(names, "."), Segment: -1, Msg: msg}
	}
	baseParts := rel[:len(rel)-(dots-1)]
	baseDir := dir
	for i := 1; i < dots; i++ {
		baseDir = r.f.Dirname(r.trimSeps(baseDir))
	}
	base = r.packageModule(strings.Join(baseParts, "."), baseParts, baseDir, searchRoots)
	segs, err = r.resolveFrom(base.Name, true, base.Dirs, names)
	return base, segs, err
}

// packageModule is the package named name whose folder is dir: as CPython
// imports it from roots when that gives dir among its __path__, else built
// from dir alone.
func (r *Resolver) packageModule(name string, parts []string, dir string, roots []string) Module {
	if segs, err := r.resolveFrom("", true, roots, parts); err == nil {
		m := segs[len(segs)-1]
		k := r.cacheKey(dir)
		for _, d := range m.Dirs {
			if r.cacheKey(d) == k {
				return m
			}
		}
	}
	if init := r.packageInit(dir); init != "" {
		return Module{Name: name, Kind: KindPackage, Path: init, Stub: r.stubIfFile(r.joinChild(dir, "__init__"+stubSuffix)), Dirs: []string{dir}}
	}
	return Module{Name: name, Kind: KindNamespace, Stub: r.stubIfFile(r.joinChild(dir, "__init__"+stubSuffix)), Dirs: []string{dir}}
}

func (r *Resolver) trimSeps(p string) string {
	i := len(p)
	for i > 1 && r.f.isSep(p[i-1]) {
		i--
	}
	return p[:i]
}

// components splits a path into its drive (NT) and names, after normpath.
func (r *Resolver) components(p string) []string {
	p = r.f.Normpath(p)
	drive, rest := r.f.Splitdrive(p)
	sep := byte('/')
	if r.f.nt {
		sep = '\\'
	}
	parts := nonEmptyParts(rest, sep)
	if r.f.IsAbs(rest) {
		drive += r.f.Sep()
	}
	return append([]string{drive}, parts...)
}

// relParts returns the names of p below root, or nil, false when p is not
// root or below it. Comparison is by normcase on NT.
func (r *Resolver) relPartsOK(p, root string) ([]string, bool) {
	pc, rc := r.components(p), r.components(root)
	if len(rc) > len(pc) {
		return nil, false
	}
	for i := range rc {
		if r.f.Normcase(rc[i]) != r.f.Normcase(pc[i]) {
			return nil, false
		}
	}
	return pc[len(rc):], true
}

func (r *Resolver) relParts(p, root string) []string {
	rel, _ := r.relPartsOK(p, root)
	return rel
}

// rootFor returns the first root that is dir or contains it, and dir's names below it.
func (r *Resolver) rootFor(dir string, roots []string) (string, []string, bool) {
	for _, root := range roots {
		if rel, ok := r.relPartsOK(dir, root); ok {
			return root, rel, true
		}
	}
	return "", nil, false
}

// hasInit reports whether folder d has an __init__ file (any loader suffix, or .pyi).
func (r *Resolver) hasInit(d string) bool {
	return r.packageInit(d) != "" || r.isFile(r.joinChild(d, "__init__"+stubSuffix))
}

// fallbackRoot climbs from dir while folders have an __init__ file and
// returns the parent of the highest (dir itself when it has none).
func (r *Resolver) fallbackRoot(dir string) string {
	d := r.trimSeps(dir)
	for r.hasInit(d) {
		parent := r.trimSeps(r.f.Dirname(d))
		if r.cacheKey(parent) == r.cacheKey(d) {
			break
		}
		d = parent
	}
	return d
}

// ModuleName returns the dotted name of file under the first root that
// contains it ("pkg.mod" for root/pkg/mod.py, "pkg" for root/pkg/__init__.py
// or the folder root/pkg), and false when file is under no root, is a root,
// or a part of its name is not a Python identifier. Any module suffix
// (extension, .py, .pyc, .pyi) is removed; the FS is asked only when the
// last part has none, to tell a folder.
func (r *Resolver) ModuleName(file string, roots []string) (string, bool) {
	_, rel, ok := r.rootFor(file, roots)
	if !ok || len(rel) == 0 {
		return "", false
	}
	rel = append([]string(nil), rel...)
	last := rel[len(rel)-1]
	if stem, ok := r.stripSuffix(last); ok {
		if stem == "__init__" {
			rel = rel[:len(rel)-1]
		} else {
			rel[len(rel)-1] = stem
		}
	} else if !r.isDir(file) {
		return "", false
	}
	if len(rel) == 0 {
		return "", false
	}
	for _, p := range rel {
		if !isIdentifier(p) {
			return "", false
		}
	}
	return strings.Join(rel, "."), true
}

// stripSuffix removes the longest module suffix (extension, source,
// bytecode, stub) from a file name.
func (r *Resolver) stripSuffix(name string) (string, bool) {
	best := ""
	check := func(s string) {
		if len(s) > len(best) && len(name) > len(s) && strings.HasSuffix(r.suffixForm(name), s) {
			best = s
		}
	}
	r.loaderSuffixes(func(s string, _ bool) bool { check(s); return false })
	check(stubSuffix)
	if best == "" {
		return name, false
	}
	return name[:len(name)-len(best)], true
}

// suffixForm is a file name as FileFinder compares suffixes: on NT the part
// after the first dot is lower-cased.
func (r *Resolver) suffixForm(name string) string {
	if r.f.nt {
		if i := strings.IndexByte(name, '.'); i >= 0 {
			return name[:i+1] + pyLower(name[i+1:])
		}
	}
	return name
}

// ListModules returns the sorted names of the modules and packages that can
// be imported from the folders dirs (a package's Dirs, or the roots): module
// files with a loader or stub suffix, and folders whose names are
// identifiers (packages and namespace portions), without __init__ and
// __pycache__.
func (r *Resolver) ListModules(dirs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range dirs {
		for _, name := range r.list(d).raw {
			stem, hasSuffix := r.stripSuffix(name)
			p := r.joinChild(d, name)
			switch {
			case hasSuffix:
				if !isIdentifier(stem) || stem == "__init__" || !r.isFile(p) {
					continue
				}
			case isIdentifier(name) && name != "__pycache__" && r.isDir(p):
				stem = name
			default:
				continue
			}
			if !seen[stem] {
				seen[stem] = true
				out = append(out, stem)
			}
		}
	}
	sortStrings(out)
	return out
}

// isIdentifier approximates str.isidentifier: a letter or "_", then
// letters, digits, marks, connector punctuation.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if c == utf8.RuneError {
			return false
		}
		if c == '_' || unicode.IsLetter(c) || unicode.Is(unicode.Nl, c) {
			continue
		}
		if i > 0 && (unicode.IsDigit(c) || unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Mc, c) || unicode.Is(unicode.Nd, c) || unicode.Is(unicode.Pc, c)) {
			continue
		}
		return false
	}
	return true
}
