package analysis

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

// Severity is how serious a finding is. Off disables a rule.
type Severity int

// The severities, most serious first, as LSP numbers them (Off is pyward's own).
const (
	SeverityError Severity = iota + 1
	SeverityWarning
	SeverityInformation
	SeverityHint
	SeverityOff
)

// String returns the setting spelling of s.
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	case SeverityInformation:
		return "information"
	case SeverityHint:
		return "hint"
	case SeverityOff:
		return "off"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity reads a severity setting: error, warning, information (or info), hint, off.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return SeverityError, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "information", "info":
		return SeverityInformation, nil
	case "hint":
		return SeverityHint, nil
	case "off", "none", "ignore":
		return SeverityOff, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning, information, hint or off)", s)
}

// TextEdit replaces a byte span of the checked file with NewText.
type TextEdit struct {
	Span    Span
	NewText string
}

// Fix is a quick fix: a title and the edits that apply it.
type Fix struct {
	Title string
	Edits []TextEdit
	// Preferred marks the fix an editor may apply with its "auto fix" command.
	Preferred bool
	// Safe marks a fix that `pyward check --fix` may apply with nobody looking: it
	// changes nothing but the mistake the diagnostic names.
	Safe bool
}

// Diagnostic is one finding of a rule in one file.
type Diagnostic struct {
	Rule     string
	Severity Severity
	Span     Span
	Message  string
	Fixes    []Fix
}

// Rule is one check. A rule is a value registered once, in an init function of its file.
type Rule struct {
	// Name is stable: it is the diagnostic code, the settings key and the suppression name.
	Name string
	// Default is the severity when the settings say nothing.
	Default Severity
	// Summary is one line for documentation.
	Summary string
	// NoqaCodes are the flake8-style codes that `# noqa: CODE` suppresses this rule with.
	NoqaCodes []string
	// RunTime marks a rule whose findings say what happens when the code runs
	// (ImportError, AttributeError, …): a finding in code that never runs on the
	// configured interpreter (see Unreachable) is dropped. Rules about what the compiler
	// rejects (syntax-error, await-outside-async) leave it false.
	RunTime bool
	// Check inspects c.File and reports through c.Report.
	Check func(c *Context)
	// Superlinear marks a rule whose cost can grow faster than the file: it compares
	// pairs (attributes with long class chains, references with every binding of their
	// name, names with every star import). It is skipped in files over the large-file
	// limit (File.Large), so that a huge file is answered, never hung on.
	Superlinear bool
	// Group names the rules that share facts through Context.Memo (the coroutine
	// knowledge of the asyncio rules): the rules of one group run one after another
	// with one memo, and the groups of a check run in parallel. "" is a group too.
	Group string
}

var (
	registryMu sync.RWMutex
	registry   = map[string]*Rule{}
)

// Register adds a rule to the registry. It panics on a duplicate name: that is a
// programming error found by every test run.
func Register(r *Rule) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[r.Name]; dup {
		panic("analysis: rule registered twice: " + r.Name)
	}
	registry[r.Name] = r
}

// Rules returns every registered rule, sorted by name.
func Rules() []*Rule {
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// RuleByName returns the registered rule called name.
func RuleByName(name string) (*Rule, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	r, ok := registry[name]
	return r, ok
}

// Config is what the settings say about analysis.
type Config struct {
	// Severity overrides a rule's default severity, by rule name.
	Severity map[string]Severity
	// ExtraPaths are extra import roots.
	ExtraPaths []string
	// CheckTests applies the private-access rules to test files too.
	CheckTests bool
	// TopLevelAwait allows top-level await in notebook cells and `# %%` files.
	TopLevelAwait bool
	// Target is the interpreter the code runs on (its version, platform and os.name),
	// for deciding which code runs; the zero value knows none of them.
	Target Interp
}

// DefaultConfig returns the settings of a fresh install.
func DefaultConfig() Config {
	return Config{TopLevelAwait: true}
}

// Only returns a copy of c in which every registered rule but the named ones is off.
// The named rules keep the severity c gives them.
func (c Config) Only(names ...string) Config {
	keep := map[string]bool{}
	for _, n := range names {
		keep[n] = true
	}
	sev := map[string]Severity{}
	for k, v := range c.Severity {
		sev[k] = v
	}
	for _, r := range Rules() {
		if !keep[r.Name] {
			sev[r.Name] = SeverityOff
		}
	}
	c.Severity = sev
	return c
}

// SeverityOf returns the configured severity of rule r.
func (c Config) SeverityOf(r *Rule) Severity {
	if s, ok := c.Severity[r.Name]; ok && s != 0 {
		return s
	}
	return r.Default
}

// File is one Python text to check: its module and what kind of document it is.
type File struct {
	// Path is the file's path as the user sees it ("" for documents that are not files).
	Path string
	// Notebook is true for notebook cells (top-level await is legal there).
	Notebook bool
	Module   *Module
	// Large is true for files over the large-file limit: the Superlinear rules skip them.
	Large bool
}

// IsStub reports whether the file is a .pyi stub.
func (f *File) IsStub() bool { return strings.HasSuffix(f.Path, ".pyi") }

// IsTest reports whether the file is a test file by the usual conventions:
// test_*.py, *_test.py, conftest.py, or anything under a tests/ (or test/) folder.
func (f *File) IsTest() bool {
	p := strings.ReplaceAll(f.Path, "\\", "/")
	base := path.Base(p)
	if strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py" {
		return true
	}
	return strings.Contains(p, "/tests/") || strings.Contains(p, "/test/")
}

// Context is what a rule's Check sees.
type Context struct {
	Ctx    context.Context
	File   *File
	Module *Module
	// Index answers questions about other modules; it may be nil (then rules judge the
	// file alone).
	Index  *Index
	Config Config
	// Syntax confirms syntax errors with CPython; nil keeps tree-sitter's verdict.
	Syntax SyntaxOracle

	rule  *Rule
	diags []Diagnostic
	memo  map[string]any
}

// Memo returns the value stored under key for this check of this file, computing it
// with compute the first time. Rules use it to share facts that several of them need
// (the coroutine functions of the module, the classes a name resolves to), so that one
// check computes them once. The rules of one Group run one after another and share
// the memo, so compute need not lock; a rule of another group has its own memo.
func (c *Context) Memo(key string, compute func() any) any {
	if v, ok := c.memo[key]; ok {
		return v
	}
	v := compute()
	if c.memo != nil {
		c.memo[key] = v
	}
	return v
}

// Report records a finding of the running rule. The severity is filled in from the settings.
func (c *Context) Report(span Span, message string, fixes ...Fix) {
	c.diags = append(c.diags, Diagnostic{Rule: c.rule.Name, Span: span, Message: message, Fixes: fixes})
}

// Checker runs the registered rules over files. The zero value is ready to use; the
// server and the CLI each construct one whose OnPanic logs.
type Checker struct {
	// OnPanic, when set, is told about a rule that panicked while checking a file (that
	// rule's findings for the file are dropped; the other rules still run). The rules
	// of different groups run in parallel, so it may be called from several goroutines
	// at once.
	OnPanic func(rule string, recovered any)
	// Syntax, when set, confirms syntax errors with CPython's compile().
	Syntax SyntaxOracle
}

// Check runs every enabled rule over f with a zero Checker: a rule that panics is
// silently dropped. The server and the CLI use a Checker that logs instead.
func Check(ctx context.Context, f *File, index *Index, cfg Config) []Diagnostic {
	return Checker{}.Check(ctx, f, index, cfg)
}

// Check runs every enabled rule over f and returns the findings that are not suppressed,
// in source order. It stops early, returning what it has, when ctx is cancelled. The
// rules' groups (Rule.Group) run in parallel; the result does not depend on it.
func (k Checker) Check(ctx context.Context, f *File, index *Index, cfg Config) []Diagnostic {
	type run struct {
		rule  *Rule
		sev   Severity
		diags []Diagnostic
	}
	var runs []*run
	groups := map[string][]*run{}
	var order []string
	for _, r := range Rules() {
		sev := cfg.SeverityOf(r)
		if sev == SeverityOff || f.Large && r.Superlinear {
			continue
		}
		x := &run{rule: r, sev: sev}
		runs = append(runs, x)
		if _, ok := groups[r.Group]; !ok {
			order = append(order, r.Group)
		}
		groups[r.Group] = append(groups[r.Group], x)
	}
	runGroup := func(g []*run) {
		memo := map[string]any{}
		for _, x := range g {
			if ctx.Err() != nil {
				return
			}
			c := &Context{Ctx: ctx, File: f, Module: f.Module, Index: index, Config: cfg, Syntax: k.Syntax, rule: x.rule, memo: memo}
			k.runRule(x.rule, c)
			x.diags = c.diags
		}
	}
	var wg sync.WaitGroup
	for _, name := range order[min(1, len(order)):] {
		wg.Add(1)
		go func(g []*run) {
			defer wg.Done()
			runGroup(g)
		}(groups[name])
	}
	if len(order) > 0 {
		runGroup(groups[order[0]])
	}
	wg.Wait()
	var out []Diagnostic
	for _, x := range runs {
		r := x.rule
		for _, d := range x.diags {
			if r.RunTime && Unreachable(f.Module.Tree, f.Module.Tree.NodeAt(d.Span.Start), cfg.Target) {
				continue // code that never runs here raises nothing
			}
			line := int(f.Module.Lines.Position(d.Span.Start, UTF8).Line)
			if f.Module.Suppressed(line, r.Name, r.NoqaCodes...) {
				continue
			}
			d.Severity = x.sev
			d.Fixes = append(d.Fixes, IgnoreFix(f.Module, line, r.Name))
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Span.Start != out[j].Span.Start {
			return out[i].Span.Start < out[j].Span.Start
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// SkippedWhenLarge returns the names of the enabled rules that files over the
// large-file limit skip, sorted.
func SkippedWhenLarge(cfg Config) []string {
	var out []string
	for _, r := range Rules() {
		if r.Superlinear && cfg.SeverityOf(r) != SeverityOff {
			out = append(out, r.Name)
		}
	}
	return out
}

// runRule runs one rule, turning a panic into a finding-free result so that one broken
// rule cannot take down the server or the other rules.
func (k Checker) runRule(r *Rule, c *Context) {
	defer func() {
		if p := recover(); p != nil {
			c.diags = nil
			if k.OnPanic != nil {
				k.OnPanic(r.Name, p)
			}
		}
	}()
	r.Check(c)
}

// IgnoreFix returns the quick fix that adds `# pyward: ignore[rule]` to line (merging
// with an existing pyward comment on that line).
func IgnoreFix(m *Module, line int, rule string) Fix {
	text := string(m.Lines.LineText(line))
	end := m.Lines.LineStart(line) + uint32(len(text))
	if i := strings.Index(text, "# pyward: ignore["); i >= 0 {
		if j := strings.Index(text[i:], "]"); j > 0 {
			at := m.Lines.LineStart(line) + uint32(i+j)
			return Fix{Title: fmt.Sprintf("Ignore %s on this line", rule), Edits: []TextEdit{{Span: Span{at, at}, NewText: ", " + rule}}}
		}
	}
	sep := "  "
	if strings.HasSuffix(text, " ") || text == "" {
		sep = ""
	}
	return Fix{
		Title: fmt.Sprintf("Ignore %s on this line", rule),
		Edits: []TextEdit{{Span: Span{end, end}, NewText: sep + "# pyward: ignore[" + rule + "]"}},
	}
}
