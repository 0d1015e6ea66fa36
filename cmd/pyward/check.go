package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/interpreter"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
	"github.com/pyward/pyward/server"
)

// finding is one diagnostic as `pyward check` reports it. Lines and columns are 1-based;
// columns count characters (code points).
type finding struct {
	Path      string `json:"path"`
	Line      uint32 `json:"line"`
	Column    uint32 `json:"column"`
	EndLine   uint32 `json:"endLine"`
	EndColumn uint32 `json:"endColumn"`
	Severity  string `json:"severity"`
	Rule      string `json:"rule"`
	Message   string `json:"message"`
}

// skipDirs are folders `pyward check` never descends into.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "__pycache__": true, "node_modules": true,
	".tox": true, ".nox": true, ".mypy_cache": true, ".pytest_cache": true, ".ruff_cache": true,
	".venv": true, "venv": true, ".eggs": true,
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("check", flag.ContinueOnError)
	fset.SetOutput(stderr)
	format := fset.String("format", "text", "output format: text or json")
	logLevel := fset.String("log-level", "warn", "log level: debug, info, warn, error")
	logFile := fset.String("log-file", "", "write logs to this file instead of stderr")
	python := fset.String("python", "", "interpreter whose sys.path resolves installed modules (default python3; - for none)")
	noCache := fset.Bool("no-cache", false, "do not use the cache folder ($XDG_CACHE_HOME/pyward)")
	var only stringList
	fset.Var(&only, "select", "run only these rules (repeatable, or comma-separated)")
	if err := fset.Parse(args); err != nil {
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "pyward check: unknown --format %q (want text or json)\n", *format)
		return 2
	}
	if fset.NArg() == 0 {
		fmt.Fprint(stderr, "pyward check: no paths given\n"+usage)
		return 2
	}
	log, closeLog, err := newLogger(*logLevel, *logFile, stderr, zap.NewAtomicLevel(), nil)
	if err != nil {
		fmt.Fprintf(stderr, "pyward check: %v\n", err)
		return 2
	}
	defer closeLog()

	cfg := analysis.DefaultConfig()
	if len(only) > 0 {
		for _, r := range only {
			if _, ok := analysis.RuleByName(r); !ok {
				fmt.Fprintf(stderr, "pyward check: unknown rule %q\n", r)
				return 2
			}
		}
		cfg = cfg.Only(only...)
	}

	var files []string
	var roots []string
	status := 0
	for _, arg := range fset.Args() {
		abs, err := filepath.Abs(arg)
		if err != nil {
			fmt.Fprintf(stderr, "pyward check: %v\n", err)
			status = 2
			continue
		}
		found, err := collect(abs)
		if err != nil {
			fmt.Fprintf(stderr, "pyward check: %v\n", err)
			status = 2
			continue
		}
		files = append(files, found...)
		roots = append(roots, projectRoot(abs))
	}

	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	var sysPath []string
	if *python != "-" {
		py := *python
		if py == "" {
			py = "python3"
		}
		opts := interpreter.Options{Cache: interpreter.OpenCache(!*noCache)}
		if info, err := interpreter.Query(context.Background(), py, opts); err == nil {
			sysPath = info.SysPath
		} else {
			log.Info("no interpreter sys.path", zap.Error(err))
		}
	}
	// A project's own folders come first; then the folders above the checked paths.
	ix.SetRoots(server.ImportRoots(pathing.OSFS, dedupe(roots), cfg.ExtraPaths, sysPath))

	results := checkFiles(ix, files, cfg, stderr, log)
	var all []finding
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintf(stderr, "pyward check: %v\n", r.err)
			status = 2
			continue
		}
		all = append(all, r.findings...)
	}
	if *format == "json" {
		if all == nil {
			all = []finding{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(all)
	} else {
		for _, f := range all {
			fmt.Fprintf(stdout, "%s:%d:%d: %s [%s] %s\n", f.Path, f.Line, f.Column, f.Severity, f.Rule, f.Message)
		}
	}
	if status == 0 && len(all) > 0 {
		status = 1
	}
	return status
}

type fileResult struct {
	findings []finding
	err      error
}

// checkFiles checks files on every core, returning results in the order of files.
func checkFiles(ix *analysis.Index, files []string, cfg analysis.Config, stderr io.Writer, log *zap.Logger) []fileResult {
	results := make([]fileResult, len(files))
	var next, done atomic.Int64
	var wg sync.WaitGroup
	stopProgress := progress(stderr, &done, len(files))
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				results[i] = checkFile(ix, files[i], cfg, log)
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	stopProgress()
	return results
}

func checkFile(ix *analysis.Index, path string, cfg analysis.Config, log *zap.Logger) (res fileResult) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("check panicked", zap.String("path", path), zap.Any("panic", p))
			res = fileResult{err: fmt.Errorf("%s: internal error: %v", path, p)}
		}
	}()
	src, err := os.ReadFile(path)
	if err != nil {
		return fileResult{err: err}
	}
	tree, err := syntax.Parse(src)
	if err != nil {
		return fileResult{err: fmt.Errorf("%s: %w", path, err)}
	}
	m := analysis.Build(tree)
	f := &analysis.File{Path: path, Module: m, Notebook: strings.HasSuffix(path, ".ipynb")}
	checker := analysis.Checker{OnPanic: func(rule string, p any) { log.Error("rule panicked", zap.String("rule", rule), zap.Any("panic", p)) }}
	diags := checker.Check(context.Background(), f, ix, cfg)
	out := make([]finding, 0, len(diags))
	display := displayPath(path)
	for _, d := range diags {
		r := m.Lines.Range(d.Span, analysis.UTF32)
		out = append(out, finding{
			Path: display, Line: r.Start.Line + 1, Column: r.Start.Character + 1,
			EndLine: r.End.Line + 1, EndColumn: r.End.Character + 1,
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message,
		})
	}
	return fileResult{findings: out}
}

// progress prints a progress line on stderr, when it is a terminal, once the run has
// taken more than a second. It returns the function that stops it.
func progress(stderr io.Writer, done *atomic.Int64, total int) func() {
	f, ok := stderr.(*os.File)
	if !ok {
		return func() {}
	}
	if info, err := f.Stat(); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	stop := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		shown := false
		for {
			select {
			case <-stop:
				if shown {
					fmt.Fprintf(f, "\r\033[K")
				}
				return
			case <-tick.C:
				if time.Since(start) < time.Second {
					continue
				}
				shown = true
				fmt.Fprintf(f, "\rpyward: checked %d of %d files", done.Load(), total)
			}
		}
	}()
	return func() { close(stop); <-finished }
}

// collect returns the Python files at path: the file itself, or every .py/.pyi below a
// folder, skipping VCS folders, caches and virtual environments.
func collect(root string) ([]string, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{root}, nil
	}
	var out []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && p != root {
				return fs.SkipDir // unreadable folder: skip it
			}
			return err
		}
		if d.IsDir() {
			if p != root && (skipDirs[d.Name()] || isVirtualEnv(p)) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".pyi") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

func isVirtualEnv(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "pyvenv.cfg"))
	return err == nil
}

// projectRoot is the nearest folder at or above path with pyproject.toml, setup.py,
// setup.cfg or .git; else the folder above the topmost package containing path.
func projectRoot(path string) string {
	dir := path
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		dir = filepath.Dir(path)
	}
	for d := dir; ; d = filepath.Dir(d) {
		for _, marker := range []string{"pyproject.toml", "setup.py", "setup.cfg", ".git"} {
			if _, err := os.Stat(filepath.Join(d, marker)); err == nil {
				return d
			}
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	d := dir
	for {
		if _, err := os.Stat(filepath.Join(d, "__init__.py")); err != nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return d
		}
		d = parent
	}
}

func displayPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return p
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// stringList is a repeatable, comma-separated flag.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}
