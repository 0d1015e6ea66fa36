package pathing

import "runtime"

// Flavour selects a path syntax: Posix (CPython's posixpath) or NT (ntpath).
// The zero value is Posix. Flavour values are comparable.
type Flavour struct {
	nt bool
}

var (
	// Posix is the flavour of CPython's posixpath module.
	Posix = Flavour{}
	// NT is the flavour of CPython's ntpath module (Windows paths), usable on
	// every host exactly as CPython's ntpath is.
	NT = Flavour{nt: true}
	// Host is the flavour of the operating system this program runs on.
	Host = hostFlavour()
)

func hostFlavour() Flavour {
	if runtime.GOOS == "windows" {
		return NT
	}
	return Posix
}

// IsNT reports whether f is the NT flavour.
func (f Flavour) IsNT() bool { return f.nt }

// String returns "posix" or "nt", the names CPython gives the two modules.
func (f Flavour) String() string {
	if f.nt {
		return "nt"
	}
	return "posix"
}

// Sep returns the flavour's primary separator: "/" or "\".
func (f Flavour) Sep() string {
	if f.nt {
		return `\`
	}
	return "/"
}

// isSep reports whether the byte c is a separator in this flavour.
func (f Flavour) isSep(c byte) bool {
	return c == '/' || (f.nt && c == '\\')
}

// Normpath is CPython's normpath: it collapses redundant separators and
// "." and ".." components lexically.
func (f Flavour) Normpath(p string) string {
	if f.nt {
		return ntNormpath(p)
	}
	return posixNormpath(p)
}

// Normcase is CPython's normcase: identity on POSIX; on NT, "/" becomes "\"
// and the path is lower-cased with Python's str.lower.
func (f Flavour) Normcase(p string) string {
	if f.nt {
		return ntNormcase(p)
	}
	return p
}

// IsAbs is CPython's isabs.
func (f Flavour) IsAbs(p string) bool {
	if f.nt {
		return ntIsAbs(p)
	}
	return posixIsAbs(p)
}

// Join is CPython's join(p, *more).
func (f Flavour) Join(p string, more ...string) string {
	if f.nt {
		return ntJoin(p, more)
	}
	return posixJoin(p, more)
}

// Split is CPython's split: (head, tail) around the last separator.
func (f Flavour) Split(p string) (string, string) {
	if f.nt {
		return ntSplit(p)
	}
	return posixSplit(p)
}

// Splitdrive is CPython's splitdrive: always ("", p) on POSIX; the drive
// letter, UNC share or device prefix on NT.
func (f Flavour) Splitdrive(p string) (string, string) {
	if f.nt {
		return ntSplitdrive(p)
	}
	return "", p
}

// Splitext is CPython's splitext: (root, ext) with leading dots of the last
// component not counted as an extension.
func (f Flavour) Splitext(p string) (string, string) {
	if f.nt {
		return splitext(p, '\\', '/')
	}
	return splitext(p, '/', 0)
}

// Basename is CPython's basename.
func (f Flavour) Basename(p string) string {
	if f.nt {
		_, t := ntSplit(p)
		return t
	}
	return posixBasename(p)
}

// Dirname is CPython's dirname.
func (f Flavour) Dirname(p string) string {
	if f.nt {
		h, _ := ntSplit(p)
		return h
	}
	return posixDirname(p)
}

// Relpath is CPython's relpath(path, start). A relative argument is made
// absolute against the working directory "/" for both flavours; that is what
// CPython's ntpath does on a POSIX host whose cwd is "/", since ntpath's
// abspath falls back to join(os.getcwd(), path) there. Callers should pass
// absolute paths. Errors carry CPython's ValueError message.
func (f Flavour) Relpath(path, start string) (string, error) {
	if f.nt {
		return ntRelpath(path, start)
	}
	return posixRelpath(path, start)
}

// Commonpath is CPython's commonpath. Errors carry CPython's ValueError message.
func (f Flavour) Commonpath(paths []string) (string, error) {
	if f.nt {
		return ntCommonpath(paths)
	}
	return posixCommonpath(paths)
}

// Abspath is CPython's abspath with the working directory "/" (see Relpath).
func (f Flavour) Abspath(p string) string {
	if f.nt {
		return ntAbspath(p)
	}
	return posixAbspath(p)
}
