package interpreter

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pyward/pyward/analysis/diskcache"
)

// key identifies one interpreter as it is now.
type key struct {
	command string // the absolute path that is run
	text    string // the cache key
}

// keyOf finds python (on PATH unless it contains a separator) and builds its cache key:
// the path that is run, the file it resolves to through symbolic links, that file's
// modification time and size. A virtual environment's python is a link to the base
// interpreter, so the unresolved path is part of the key too. When the file is a script
// (a pyenv or asdf shim), what the script looks at to choose the interpreter joins the
// key: the folder, PYENV_VERSION and the pyenv version files.
func keyOf(python, dir string) (key, error) {
	if python == "" {
		return key{}, fmt.Errorf("no interpreter given: %w", ErrNotFound)
	}
	command := python
	if !strings.ContainsRune(python, filepath.Separator) && !strings.ContainsRune(python, '/') {
		found, err := exec.LookPath(python)
		if err != nil {
			return key{}, fmt.Errorf("%w on PATH", ErrNotFound)
		}
		command = found
	} else if !filepath.IsAbs(command) && dir != "" {
		command = filepath.Join(dir, command)
	}
	abs, err := filepath.Abs(command)
	if err != nil {
		return key{}, err
	}
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return key{}, fmt.Errorf("%s: %w", abs, ErrNotFound)
	}
	info, err := os.Stat(resolved)
	if err != nil {
		return key{}, fmt.Errorf("%s: %w", abs, ErrNotFound)
	}
	if info.IsDir() {
		return key{}, fmt.Errorf("%s is a folder, not an interpreter", abs)
	}
	parts := []string{"interpreter 1", abs, resolved, stampOf(info)}
	if isScript(resolved) {
		wd := dir
		if wd == "" {
			wd, _ = os.Getwd()
		}
		wd, _ = filepath.Abs(wd)
		parts = append(parts, "dir="+wd, "PYENV_VERSION="+os.Getenv("PYENV_VERSION"))
		if v := nearest(wd, ".python-version"); v != "" {
			parts = append(parts, v+"="+stamp(v))
		}
		root := os.Getenv("PYENV_ROOT")
		if root == "" && filepath.Base(filepath.Dir(abs)) == "shims" {
			root = filepath.Dir(filepath.Dir(abs))
		}
		if root != "" {
			v := filepath.Join(root, "version")
			parts = append(parts, v+"="+stamp(v))
		}
	}
	return key{command: abs, text: strings.Join(parts, "\n")}, nil
}

// isScript reports whether the file starts with "#!".
func isScript(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [2]byte
	n, _ := io.ReadFull(f, head[:])
	return n == 2 && string(head[:]) == "#!"
}

// nearest is the file called name in dir or the closest folder above it, or "".
func nearest(dir, name string) string {
	for {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func stampOf(info os.FileInfo) string {
	return fmt.Sprintf("%d:%d", info.ModTime().UnixNano(), info.Size())
}

// stamp is the modification time and size of path, or "-" when it does not exist.
func stamp(path string) string {
	info, err := os.Stat(path)
	if err != nil {
		return "-"
	}
	return stampOf(info)
}

// entry is a cached answer with the stamps of the files it depends on: the
// interpreter that answered and every sys.path folder (adding a .pth file to
// site-packages changes sys.path, and the folder's modification time).
type entry struct {
	Info   Info              `json:"info"`
	Stamps map[string]string `json:"stamps"`
}

func stampsOf(info Info) map[string]string {
	m := map[string]string{}
	if info.Executable != "" {
		m[info.Executable] = stamp(info.Executable)
	}
	for _, p := range info.SysPath {
		m[p] = stamp(p)
	}
	return m
}

func lookup(c diskcache.Cache, k key) (Info, bool) {
	data, ok := c.Get(k.text)
	if !ok {
		return Info{}, false
	}
	var e entry
	if err := json.Unmarshal(data, &e); err != nil || e.Stamps == nil {
		return Info{}, false
	}
	for p, s := range e.Stamps {
		if stamp(p) != s {
			return Info{}, false
		}
	}
	return e.Info, true
}

func store(c diskcache.Cache, k key, info Info) {
	if !c.Enabled() {
		return
	}
	data, err := json.Marshal(entry{Info: info, Stamps: stampsOf(info)})
	if err != nil {
		return
	}
	_ = c.Put(k.text, data) // a cache that cannot be written only costs time
}
