// Package interpreter asks a Python interpreter, once, what pyward needs to know about
// it: sys.path (where installed modules are), sys.version_info, sys.platform, os.name and
// the interpreter's own path. Answers are cached on disk per interpreter, keyed by its
// resolved path and modification time, so that a pyenv shim (a shell script that costs
// a third of a second per run) is not run again on every start; an answer is refreshed
// when the interpreter, a sys.path folder or a pyenv version file changes.
package interpreter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/pyward/pyward/analysis/diskcache"
)

// Version is sys.version_info.
type Version struct {
	Major, Minor, Micro int
	// ReleaseLevel is "alpha", "beta", "candidate" or "final".
	ReleaseLevel string
	Serial       int
}

// String is the version as Python prints it in sys.version: 3.12.1, 3.13.0rc2.
func (v Version) String() string {
	s := fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Micro)
	switch v.ReleaseLevel {
	case "alpha":
		s += fmt.Sprintf("a%d", v.Serial)
	case "beta":
		s += fmt.Sprintf("b%d", v.Serial)
	case "candidate":
		s += fmt.Sprintf("rc%d", v.Serial)
	}
	return s
}

// AtLeast reports whether the version is major.minor or newer.
func (v Version) AtLeast(major, minor int) bool {
	return v.Major > major || v.Major == major && v.Minor >= minor
}

// Info is what an interpreter told pyward about itself.
type Info struct {
	// Executable is sys.executable: the interpreter that answered (behind a shim, the
	// real one).
	Executable string
	// SysPath is sys.path without the entry for the script's folder, in order; empty
	// entries are dropped.
	SysPath []string
	// Version is sys.version_info.
	Version Version
	// Platform is sys.platform ("linux", "darwin", "win32", …).
	Platform string
	// OSName is os.name ("posix" or "nt").
	OSName string
	// Implementation is sys.implementation.name ("cpython", "pypy", …).
	Implementation string
}

// ErrNotFound is wrapped by the error Query returns when the interpreter does not exist.
var ErrNotFound = errors.New("not found")

// Error is the error Query returns when the interpreter could not be asked: it does not
// exist, it failed, it did not answer in time, or it answered something else.
type Error struct {
	// Python is the interpreter as given.
	Python string
	// Err says what went wrong.
	Err error
}

func (e *Error) Error() string {
	return fmt.Sprintf("cannot ask the Python interpreter %q: %v", e.Python, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Options configure Query.
type Options struct {
	// Cache keeps answers between runs; the zero Cache asks the interpreter every time.
	// OpenCache returns the usual one.
	Cache diskcache.Cache
	// Timeout bounds the interpreter's run; 0 means 10 seconds.
	Timeout time.Duration
	// Dir is the folder the interpreter runs in and relative paths are resolved against;
	// "" means the current folder.
	Dir string
}

// OpenCache returns the interpreter cache under the user's cache folder, or a disabled
// cache when enabled is false or the folder cannot be known.
func OpenCache(enabled bool) diskcache.Cache {
	if !enabled {
		return diskcache.Cache{}
	}
	c, err := diskcache.Open("", "interpreters")
	if err != nil {
		return diskcache.Cache{}
	}
	return c
}

// script prints the answer as JSON. With -I, Python 3.11 and newer set safe_path and put
// no script folder first; older versions put "" there.
const script = `import sys, os, json
p = sys.path if getattr(sys.flags, "safe_path", False) else sys.path[1:]
v = sys.version_info
i = getattr(sys, "implementation", None)
print(json.dumps({"executable": sys.executable, "sys_path": p,
    "version": [v[0], v[1], v[2], v[3], v[4]], "platform": sys.platform,
    "os_name": os.name, "implementation": getattr(i, "name", "")}))
`

// answer is the JSON the script prints.
type answer struct {
	Executable     string   `json:"executable"`
	SysPath        []string `json:"sys_path"`
	Version        []any    `json:"version"`
	Platform       string   `json:"platform"`
	OSName         string   `json:"os_name"`
	Implementation string   `json:"implementation"`
}

// Query returns what the interpreter python (a command on PATH or a path) says about
// itself, from the cache when the cached answer is still current. Errors are *Error.
func Query(ctx context.Context, python string, opt Options) (Info, error) {
	k, err := keyOf(python, opt.Dir)
	if err != nil {
		return Info{}, &Error{Python: python, Err: err}
	}
	if info, ok := lookup(opt.Cache, k); ok {
		return info, nil
	}
	info, err := run(ctx, k.command, opt)
	if err != nil {
		return Info{}, &Error{Python: python, Err: err}
	}
	store(opt.Cache, k, info)
	return info, nil
}

// Cached returns the cached answer of python when there is a current one, without
// running anything: a few file system calls.
func Cached(python string, opt Options) (Info, bool) {
	k, err := keyOf(python, opt.Dir)
	if err != nil {
		return Info{}, false
	}
	return lookup(opt.Cache, k)
}

func run(ctx context.Context, command string, opt Options) (Info, error) {
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, command, "-I", "-c", script)
	cmd.Dir = opt.Dir
	// A shim's children may hold stdout open after the kill: do not wait for them.
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return Info{}, fmt.Errorf("no answer within %v", timeout)
	}
	if err != nil {
		if line := lastLine(stderr.String()); line != "" {
			return Info{}, fmt.Errorf("%v: %s", err, line)
		}
		return Info{}, err
	}
	return parse(stdout.Bytes())
}

// parse reads the script's output.
func parse(out []byte) (Info, error) {
	var a answer
	if err := json.Unmarshal(bytes.TrimSpace(out), &a); err != nil || len(a.Version) != 5 {
		return Info{}, fmt.Errorf("unexpected answer %q", truncate(strings.TrimSpace(string(out)), 200))
	}
	num := func(v any) int {
		f, _ := v.(float64)
		return int(f)
	}
	level, _ := a.Version[3].(string)
	info := Info{
		Executable:     a.Executable,
		Version:        Version{Major: num(a.Version[0]), Minor: num(a.Version[1]), Micro: num(a.Version[2]), ReleaseLevel: level, Serial: num(a.Version[4])},
		Platform:       a.Platform,
		OSName:         a.OSName,
		Implementation: a.Implementation,
	}
	for _, p := range a.SysPath {
		if p != "" {
			info.SysPath = append(info.SysPath, p)
		}
	}
	return info, nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return truncate(strings.TrimSpace(lines[len(lines)-1]), 200)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
