package analysis

import "github.com/pyward/pyward/pathing"

// RootsFor returns the roots for an absolute import written in importer: the index's
// roots, then the importer's own package root (the first folder above it that is not a
// regular package: sys.path[0] when CPython runs it as a script, or with `python -m`
// from there) when no root is that folder. A script in tools/ imports its neighbours.
// It comes last, so that it only ever adds modules: a name the configured roots
// resolve resolves as before.
func (ix *Index) RootsFor(importer string) []string {
	roots := ix.Roots()
	if importer == "" {
		return roots
	}
	dir := ix.Flavour.Dirname(importer)
	ix.mu.Lock()
	root, ok := ix.pkgRoots[dir]
	ix.mu.Unlock()
	if !ok {
		root = pathing.PackageRoot(ix.FS, ix.Flavour, dir)
		ix.mu.Lock()
		if ix.pkgRoots == nil {
			ix.pkgRoots = map[string]string{}
		}
		ix.pkgRoots[dir] = root
		ix.mu.Unlock()
	}
	for _, r := range roots {
		if r == root {
			return roots
		}
	}
	return append(roots, root)
}
