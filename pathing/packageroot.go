package pathing

// PackageRoot returns the folder CPython imports path from when path is part of a
// package: the first folder at or above path's folder that is not a regular package
// (has neither __init__.py nor __init__.pyi). This is sys.path[0] as `python -m` run
// there and mypy see it: pkg/sub/mod.py in /src, with pkg/ and pkg/sub/ packages, has
// the package root /src and the module name pkg.sub.mod. A folder path is treated as
// the folder itself (a package folder climbs to its parent). Markers such as .git or
// pyproject.toml play no part: a version-controlled home folder far above must not
// turn a module into versions.3.11.7.lib….
func PackageRoot(fsys FS, fl Flavour, path string) string {
	dir := fl.Normpath(path)
	if info, err := fsys.Stat(dir); err != nil || !info.IsDir() {
		dir = fl.Dirname(dir)
	}
	for {
		if !isRegularPackage(fsys, fl, dir) {
			return dir
		}
		parent := fl.Dirname(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

func isRegularPackage(fsys FS, fl Flavour, dir string) bool {
	for _, name := range []string{"__init__.py", "__init__.pyi"} {
		if info, err := fsys.Stat(fl.Join(dir, name)); err == nil && !info.IsDir() {
			return true
		}
	}
	return false
}
