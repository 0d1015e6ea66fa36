package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/interpreter"
	"github.com/pyward/pyward/pathing"
	"github.com/pyward/pyward/server"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	o, code, ok := parseCheck(args, stdout, stderr)
	if !ok {
		return code
	}
	log, closeLog, err := newLogger(o.logLevel, o.logFile, stderr, zap.NewAtomicLevel(), nil)
	if err != nil {
		fmt.Fprintf(stderr, "pyward check: %v\n", err)
		return 2
	}
	defer closeLog()
	if o.cpuProfile != "" {
		stopProfile, err := startCPUProfile(o.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "pyward check: --cpu-profile: %v\n", err)
			return 2
		}
		defer stopProfile()
	}

	for _, r := range o.only {
		if _, ok := analysis.RuleByName(r); !ok {
			msg := fmt.Sprintf("unknown rule %q", r)
			if near := closest(r, ruleNames()); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			fmt.Fprintf(stderr, "pyward check: %s; the rules are listed in docs/rules.md\n", msg)
			return 2
		}
	}

	status := 0
	fail := func(err error) {
		fmt.Fprintf(stderr, "pyward check: %v\n", err)
		status = 2
	}
	var jobs []checkJob
	var roots, importRoots []string
	projects := map[string]*project{}
	for _, arg := range o.paths {
		abs, err := filepath.Abs(arg)
		if err != nil {
			fail(err)
			continue
		}
		rootDir := projectRoot(abs)
		proj := projects[rootDir]
		if proj == nil {
			proj = loadProject(rootDir, o, stderr)
			projects[rootDir] = proj
		}
		found, errs := collect(abs, proj.exclude)
		for _, err := range errs {
			fail(err)
		}
		for _, f := range found {
			jobs = append(jobs, checkJob{path: f, cfg: proj.cfg})
		}
		roots = append(roots, rootDir)
		importRoots = append(importRoots, pathing.PackageRoot(pathing.OSFS, pathing.Host, abs))
	}

	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	// Memory stays bounded whatever the tree: imported modules are cached within a
	// budget, and the collector works harder near a soft limit (unless GOMEMLIMIT says
	// otherwise).
	ix.SetModuleBudget(checkModuleBudget)
	ix.SetTreeCache(analysis.OpenTreeCache(!o.noCache))
	ix.SetSummaryCache(analysis.OpenSummaryCache(!o.noCache))
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(checkMemoryLimit)
	}
	python := o.python
	if python == "" && len(roots) > 0 {
		python = projects[roots[0]].python
	}
	sysPath, target, executable := interpreterPath(python, o.noCache, stderr)
	var oracle analysis.SyntaxOracle
	if executable != "" {
		// tree-sitter's syntax errors are confirmed by CPython's compile().
		compiler := interpreter.NewCompiler(executable)
		defer compiler.Close()
		oracle = analysis.BlockingOracle{Compiler: compiler}
	}
	for i := range jobs {
		jobs[i].cfg.Target = target
		jobs[i].syntax = oracle
	}
	var extra []string
	if len(roots) > 0 {
		for _, e := range projects[roots[0]].cfg.ExtraPaths {
			if !filepath.IsAbs(e) {
				e = filepath.Join(roots[0], e) // relative to the project's folder
			}
			extra = append(extra, e)
		}
	}
	// The package roots of the checked paths come first (as `python -m` run there sees
	// them); each file's own package root is added by the index.
	ix.SetRoots(server.ImportRoots(pathing.OSFS, dedupe(importRoots), extra, sysPath))

	// Each file is checked, reported and dropped: line formats (text, github) are
	// written as the files finish, in the order of the files; the others keep only the
	// findings. --fix keeps each file's text to edit it.
	stream := !o.fix && !o.statistics && (o.format == "text" || o.format == "github")
	var all []finding
	var results []fileResult
	var writeErr error
	found := 0
	checkFiles(ix, jobs, o.fix, stderr, log, func(r fileResult) {
		if o.fix {
			results = append(results, r)
		}
		if r.err != nil {
			fail(r.err)
			return
		}
		found += len(r.findings)
		switch {
		case o.fix:
		case stream:
			if writeErr == nil {
				writeErr = report(stdout, o, r.findings)
			}
		default:
			all = append(all, r.findings...)
		}
	})
	if o.fix {
		return fixFiles(results, o, stdout, stderr, status)
	}
	if stream {
		if writeErr != nil {
			fail(writeErr)
		}
	} else if err := report(stdout, o, all); err != nil {
		fail(err)
	}
	if status == 0 && found > 0 {
		status = 1
	}
	return status
}

// checkModuleBudget is the memory (estimated) `pyward check` lets imported modules take.
var checkModuleBudget int64 = 64 << 20

// checkMemoryLimit is the soft memory limit of `pyward check`: the collector runs more
// often as the heap nears it, so the peak stays near the live heap, not twice it.
const checkMemoryLimit = 200 << 20

func ruleNames() []string {
	var names []string
	for _, r := range analysis.Rules() {
		names = append(names, r.Name)
	}
	return names
}

// interpreterPath asks python (python3 when "") for its sys.path, for the version,
// platform and os.name that decide which code runs, and for its executable; "-" means
// none. A missing or broken
// interpreter is a warning: installed modules will not resolve.
func interpreterPath(python string, noCache bool, stderr io.Writer) ([]string, analysis.Interp, string) {
	if python == "-" {
		return nil, analysis.Interp{}, ""
	}
	if python == "" {
		python = "python3"
	}
	info, err := interpreter.Query(context.Background(), python, interpreter.Options{Cache: interpreter.OpenCache(!noCache)})
	if err != nil {
		fmt.Fprintf(stderr, "pyward check: warning: cannot read sys.path from the interpreter %q (%v): installed modules will not resolve; set --python, or --python - for none\n", python, err)
		return nil, analysis.Interp{}, ""
	}
	executable := info.Executable
	if executable == "" {
		executable = python
	}
	return info.SysPath, server.TargetOf(info), executable
}

// checkJob is one file to check, with the settings of its project.
type checkJob struct {
	path string
	cfg  analysis.Config
	// syntax confirms syntax errors with the interpreter; nil without one.
	syntax analysis.SyntaxOracle
}

type fileResult struct {
	path     string
	findings []finding
	err      error
	// src and diags are kept for --fix only.
	src   []byte
	diags []analysis.Diagnostic
}

// checkFiles checks files on every core and hands each result to emit, in the order of
// files, as soon as it and those before it are done; emit runs on one goroutine at a
// time. Only results waiting for an earlier file are held, and those are findings.
func checkFiles(ix *analysis.Index, files []checkJob, keep bool, stderr io.Writer, log *zap.Logger, emit func(fileResult)) {
	var next, done atomic.Int64
	var mu sync.Mutex
	pending := map[int]fileResult{}
	emitted := 0
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
				r := checkFile(ix, files[i].path, files[i].cfg, files[i].syntax, keep, log)
				done.Add(1)
				mu.Lock()
				pending[i] = r
				for {
					r, ok := pending[emitted]
					if !ok {
						break
					}
					delete(pending, emitted)
					emitted++
					emit(r)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	stopProgress()
}

func checkFile(ix *analysis.Index, path string, cfg analysis.Config, oracle analysis.SyntaxOracle, keep bool, log *zap.Logger) (res fileResult) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("check panicked", zap.String("path", path), zap.Any("panic", p))
			res = fileResult{err: fmt.Errorf("%s: internal error: %v", path, p)}
		}
	}()
	info, err := os.Stat(path)
	if err != nil {
		return fileResult{err: err}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return fileResult{err: err}
	}
	// from the tree cache when this file was parsed before, as a module imported or checked
	tree, err := ix.ParsedTree(path, src, info.ModTime())
	if err != nil {
		return fileResult{err: err}
	}
	m := analysis.Build(tree)
	f := &analysis.File{Path: path, Module: m, Notebook: strings.HasSuffix(path, ".ipynb"), Large: len(src) > server.DefaultLargeFileSize}
	checker := analysis.Checker{Syntax: oracle, OnPanic: func(rule string, p any) { log.Error("rule panicked", zap.String("rule", rule), zap.Any("panic", p)) }}
	diags := checker.Check(context.Background(), f, ix, cfg)
	out := make([]finding, 0, len(diags))
	display := displayPath(path)
	for _, d := range diags {
		r := m.Lines.Range(d.Span, analysis.UTF32)
		out = append(out, finding{
			Path: display, Line: r.Start.Line + 1, Column: r.Start.Character + 1,
			EndLine: r.End.Line + 1, EndColumn: r.End.Character + 1,
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message,
			Fixes: fixesOf(m, d),
		})
	}
	res = fileResult{path: path, findings: out}
	if keep {
		res.src, res.diags = src, diags
	}
	return res
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

// fixesOf converts d's quick fixes to 1-based lines and code-point columns.
func fixesOf(m *analysis.Module, d analysis.Diagnostic) []findingFix {
	var out []findingFix
	for _, fix := range d.Fixes {
		ff := findingFix{Title: fix.Title, Preferred: fix.Preferred, Safe: fix.Safe}
		for _, e := range fix.Edits {
			r := m.Lines.Range(e.Span, analysis.UTF32)
			ff.Edits = append(ff.Edits, findingEdit{
				Line: r.Start.Line + 1, Column: r.Start.Character + 1,
				EndLine: r.End.Line + 1, EndColumn: r.End.Character + 1, NewText: e.NewText,
			})
		}
		out = append(out, ff)
	}
	return out
}
