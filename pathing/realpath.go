package pathing

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
)

// Realpath is CPython 3.11's os.path.realpath(path) (non-strict) on the real
// filesystem: symbolic links are resolved component by component, ".."
// after a link climbs from the link's target, a dangling link is kept as
// far as it resolves, and a symlink loop ends with CPython's answer (the
// looping link joined with the rest of the path) instead of an error.
// On Windows it uses filepath.EvalSymlinks, falling back to the absolute path.
func Realpath(path string) (string, error) {
	if runtime.GOOS == "windows" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return "", fmt.Errorf("pathing: realpath %q: %w", path, err)
		}
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			return r, nil
		}
		return abs, nil
	}
	return RealpathFS(OSFS, path)
}

// RealpathFS is CPython 3.11's posixpath.realpath(path) (non-strict) over
// fsys, a POSIX-flavoured filesystem. Relative paths are made absolute with
// fsys.Getwd. It fails only where CPython raises: when Getwd or a Readlink of
// a path that Lstat reported as a link fails.
func RealpathFS(fsys FS, path string) (string, error) {
	r := realpather{fsys: fsys, seen: map[string]*string{}}
	p, _, err := r.join("", path)
	if err != nil {
		return "", err
	}
	if !posixIsAbs(p) {
		cwd, err := fsys.Getwd()
		if err != nil {
			return "", fmt.Errorf("pathing: realpath %q: %w", path, err)
		}
		p = posixJoin(cwd, []string{p})
	}
	return posixNormpath(p), nil
}

type realpather struct {
	fsys FS
	// seen maps a link's path to its resolution; nil while it is being resolved.
	seen map[string]*string
}

// join is posixpath._joinrealpath: path (already resolved) joined with rest,
// resolving links in rest. ok is false when a loop was met.
func (r *realpather) join(path, rest string) (string, bool, error) {
	if posixIsAbs(rest) {
		rest = rest[1:]
		path = "/"
	}
	for rest != "" {
		var name string
		if i := indexByte(rest, '/'); i >= 0 {
			name, rest = rest[:i], rest[i+1:]
		} else {
			name, rest = rest, ""
		}
		if name == "" || name == "." {
			continue
		}
		if name == ".." {
			if path != "" {
				var tail string
				path, tail = posixSplit(path)
				if tail == ".." {
					path = posixJoin(path, []string{"..", ".."})
				}
			} else {
				path = ".."
			}
			continue
		}
		newpath := posixJoin(path, []string{name})
		st, err := r.fsys.Lstat(newpath)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			path = newpath
			continue
		}
		if res, ok := r.seen[newpath]; ok {
			if res != nil {
				path = *res
				continue
			}
			return posixJoin(newpath, []string{rest}), false, nil
		}
		r.seen[newpath] = nil
		target, err := r.fsys.Readlink(newpath)
		if err != nil {
			return "", false, fmt.Errorf("pathing: realpath: %w", err)
		}
		var ok bool
		path, ok, err = r.join(path, target)
		if err != nil {
			return "", false, err
		}
		if !ok {
			return posixJoin(path, []string{rest}), false, nil
		}
		resolved := path
		r.seen[newpath] = &resolved
	}
	return path, true, nil
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
