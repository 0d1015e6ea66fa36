package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/pyward/pyward/pathing/exclude"
)

// checkOptions are the flags of `pyward check`.
type checkOptions struct {
	format                 string
	only                   stringList
	exclude, extendExclude stringList
	excludeSet             bool // --exclude was given: it replaces the defaults and the project's list
	statistics             bool
	fix, diff              bool
	logLevel, logFile      string
	python                 string
	noCache                bool
	cpuProfile             string
	paths                  []string
}

// formats are the output formats of check.
var formats = []string{"text", "json", "github", "sarif"}

func checkCommand() (*command, *checkOptions) {
	c := newCommand("check", "pyward check [flags] PATH...",
		"Report findings in Python files (.py, .pyi) and folders. Flags may come before or after the\npaths. Exit status: 0 clean, 1 findings, 2 errors (a path that cannot be read, a bad flag).")
	o := &checkOptions{}
	c.fs.StringVar(&o.format, "format", "text", "output `format`: text (path:line:col: severity [rule] message), json, github (workflow commands: annotations on a pull request) or sarif (SARIF 2.1.0, for code scanning)")
	c.fs.Var(&o.only, "select", "run only these `rules` (repeatable, or comma-separated)")
	c.shown["select"] = "every rule"
	c.fs.Var(&o.exclude, "exclude", "skip files and folders matching this `glob` (repeatable); replaces the default excludes and the project's exclude list")
	c.shown["exclude"] = strings.Join(exclude.Default, " ")
	c.fs.Var(&o.extendExclude, "extend-exclude", "skip files and folders matching this `glob` too, on top of the default or given excludes (repeatable)")
	c.shown["extend-exclude"] = "none"
	c.fs.BoolVar(&o.statistics, "statistics", false, "print how many findings each rule has instead of the findings")
	c.fs.BoolVar(&o.fix, "fix", false, "apply the safe preferred quick fixes to the files and report what changed")
	c.fs.BoolVar(&o.diff, "diff", false, "with --fix, print the fixes as a unified diff instead of writing them")
	addCommonFlags(c, &o.logLevel, &o.logFile, &o.python, &o.noCache, &o.cpuProfile)
	c.notes = `Excludes: a glob without "/" matches a file or folder name anywhere in the tree ("build",
"*_pb2.py"); one with "/" matches the path from the project root ("src/gen/**"). Folders
holding pyvenv.cfg (virtual environments) are always skipped. A path named on the command
line is checked even if it matches. [tool.pyward] in pyproject.toml may set exclude and
extend-exclude, and the rule severities (rules.<rule> = "off", ...).`
	return c, o
}

// parseCheck parses the flags of check; ok is false when check should exit with code.
func parseCheck(args []string, stdout, stderr io.Writer) (o *checkOptions, code int, ok bool) {
	c, o := checkCommand()
	paths, code, ok := c.parse(args, stdout, stderr)
	if !ok {
		return nil, code, false
	}
	o.paths = paths
	o.excludeSet = len(o.exclude) > 0
	bad := func(format string, a ...any) (*checkOptions, int, bool) {
		fmt.Fprintf(stderr, "pyward check: "+format+"\nRun 'pyward check --help' to see every flag.\n", a...)
		return nil, 2, false
	}
	known := false
	for _, f := range formats {
		known = known || f == o.format
	}
	if !known {
		msg := fmt.Sprintf("unknown --format %q (want %s)", o.format, strings.Join(formats, ", "))
		if near := closest(o.format, formats); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		return bad("%s", msg)
	}
	if o.statistics && o.format != "text" && o.format != "json" {
		return bad("--statistics prints text or json, not %s", o.format)
	}
	if o.statistics && o.fix {
		return bad("--statistics and --fix do not go together")
	}
	if o.diff && !o.fix {
		return bad("--diff prints the patch of --fix: give both")
	}
	if len(o.paths) == 0 {
		return bad("no paths given (pyward check [flags] PATH...)")
	}
	for _, g := range append(append([]string{}, o.exclude...), o.extendExclude...) {
		if err := exclude.Valid(g); err != nil {
			return bad("%v", err)
		}
	}
	return o, 0, true
}
