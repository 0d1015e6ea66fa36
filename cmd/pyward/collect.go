package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing/exclude"
	"github.com/pyward/pyward/server"
)

// project is what check knows of the project a path belongs to: its settings from
// [tool.pyward] in pyproject.toml, and its excludes.
type project struct {
	root    string
	cfg     analysis.Config
	python  string
	exclude *exclude.Matcher
}

// loadProject reads root/pyproject.toml (when there is one) and applies the flags on
// top. Problems in the file are warnings on stderr: the defaults stand in.
func loadProject(root string, o *checkOptions, stderr io.Writer) *project {
	settings := server.DefaultSettings()
	name := filepath.Join(root, "pyproject.toml")
	if text, err := os.ReadFile(name); err == nil {
		section, err := server.PyprojectSection(text)
		if err != nil {
			fmt.Fprintf(stderr, "pyward check: warning: %s: %v\n", name, err)
		}
		if section != nil {
			var problems []string
			settings, _, problems = server.ApplySettings(settings, section)
			for _, p := range problems {
				fmt.Fprintf(stderr, "pyward check: warning: %s: %s\n", name, p)
			}
		}
	}
	if o.excludeSet {
		settings.Exclude, settings.ExcludeSet = o.exclude, true
	}
	settings.ExtendExclude = append(settings.ExtendExclude, o.extendExclude...)
	cfg := settings.Analysis
	if len(o.only) > 0 {
		cfg = cfg.Only(o.only...)
	}
	m, err := exclude.New(root, settings.Excludes())
	if err != nil { // the globs were validated when they were read
		panic(err)
	}
	python := settings.PythonPath
	if strings.ContainsRune(python, filepath.Separator) && !filepath.IsAbs(python) {
		python = filepath.Join(root, python) // ".venv/bin/python" is the project's
	}
	return &project{root: root, cfg: cfg, python: python, exclude: m}
}

// collect returns the Python files at path: the file itself, or every .py/.pyi below a
// folder, leaving out what excl excludes and virtual environments. A folder or file
// that cannot be read is an error in errs; the walk goes on past it.
func collect(root string, excl *exclude.Matcher) (files []string, errs []error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, []error{err}
	}
	if !info.IsDir() {
		return []string{root}, nil
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err)
			if d != nil && d.IsDir() && p != root {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && excl.ExcludedEntry(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != root && isVirtualEnv(p) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".pyi") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	sort.Strings(files)
	return files, errs
}

func isVirtualEnv(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "pyvenv.cfg"))
	return err == nil
}
