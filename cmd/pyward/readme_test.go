package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing/exclude"
	"github.com/pyward/pyward/server"
)

// readme returns README.md of the repository.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tableRows returns the rows (cells, trimmed) of the Markdown table under heading.
func tableRows(t *testing.T, text, heading string) [][]string {
	t.Helper()
	i := strings.Index(text, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README.md has no %q section", heading)
	}
	var rows [][]string
	inTable := false
	for _, line := range strings.Split(text[i+len(heading)+2:], "\n") {
		if strings.HasPrefix(line, "#") {
			break
		}
		if !strings.HasPrefix(line, "|") {
			if inTable {
				break
			}
			continue
		}
		inTable = true
		cells := strings.Split(strings.Trim(strings.ReplaceAll(line, `\|`, "\x00"), "|"), "|")
		for k := range cells {
			cells[k] = strings.ReplaceAll(strings.TrimSpace(cells[k]), "\x00", "|")
		}
		if strings.HasPrefix(cells[0], "---") || cells[0] == "key" {
			continue
		}
		rows = append(rows, cells)
	}
	return rows
}

var codeSpan = regexp.MustCompile("`([^`]*)`")

// TestReadmeSettingsMatchTheCode: every key in the README's settings table is one the
// server reads, with the default the code has; every key the server reads is in it.
func TestReadmeSettingsMatchTheCode(t *testing.T) {
	s := server.DefaultSettings()
	serve, _ := serveCommand()
	str := func(v any) string { return fmt.Sprint(v) }
	list := func(l []string) string { return "[" + strings.Join(l, ", ") + "]" }
	// The code's defaults, as the README spells them.
	code := map[string]string{
		"rules.<rule>":             "the rule's default",
		"extraPaths":               list(s.Analysis.ExtraPaths),
		"pythonPath":               serve.shown["python"],
		"cache.enabled":            str(s.CacheEnabled),
		"largeFileSize":            str(s.LargeFileSize),
		"diagnosticMode":           s.DiagnosticMode,
		"privateAccess.checkTests": str(s.Analysis.CheckTests),
		"notebook.topLevelAwait":   str(s.Analysis.TopLevelAwait),
		"exclude":                  "the default excludes (see above)",
		"extend-exclude":           list(s.ExtendExclude),
		"log.level":                serve.fs.Lookup("log-level").DefValue,
		"log.file":                 serve.shown["log-file"],
	}
	if s.PythonPath != "" || s.ExcludeSet || s.LogLevel != "" || s.LogFile != "" {
		t.Fatalf("DefaultSettings changed: %+v; update this test and the README", s)
	}
	seen := map[string]bool{}
	for _, row := range tableRows(t, readme(t), "## Settings") {
		var keys []string
		for _, m := range codeSpan.FindAllStringSubmatch(row[0], -1) {
			keys = append(keys, m[1])
		}
		defaults := strings.Split(row[1], ", ")
		if len(defaults) != len(keys) {
			t.Errorf("row %q: %d keys, %d defaults", row[0], len(keys), len(defaults))
			continue
		}
		for k, key := range keys {
			seen[key] = true
			want, ok := code[key]
			if !ok {
				t.Errorf("the README lists %q, which the code does not have", key)
				continue
			}
			got := strings.ReplaceAll(defaults[k], "`", "")
			if got != want {
				t.Errorf("README: %s defaults to %q; the code: %q", key, got, want)
			}
			// The server must read the key (not log it as unknown).
			name := strings.ReplaceAll(key, "<rule>", "missing-await")
			value := map[string]any{"rules.missing-await": "warning", "extraPaths": []any{}, "pythonPath": "python3",
				"cache.enabled": true, "largeFileSize": float64(1 << 20), "diagnosticMode": "workspace", "privateAccess.checkTests": false, "notebook.topLevelAwait": true,
				"exclude": []any{"x"}, "extend-exclude": []any{}, "log.level": "warn", "log.file": "/tmp/x.log"}[name]
			if _, unknown, problems := server.ApplySettings(server.DefaultSettings(), map[string]any{name: value}); len(unknown)+len(problems) > 0 {
				t.Errorf("the server does not read %s: unknown %v, problems %v", key, unknown, problems)
			}
		}
	}
	for key := range code {
		if !seen[key] {
			t.Errorf("the README's settings table lacks %q", key)
		}
	}
	if _, ok := analysis.RuleByName("missing-await"); !ok {
		t.Fatal("no missing-await rule to try rules.<rule> with")
	}
}

// TestReadmeExcludes: the README's list of default excludes is the code's.
func TestReadmeExcludes(t *testing.T) {
	text := readme(t)
	i := strings.Index(text, "Excluded by default: `")
	if i < 0 {
		t.Fatal("README.md does not list the default excludes")
	}
	rest := text[i+len("Excluded by default: `"):]
	got := strings.Fields(rest[:strings.Index(rest, "`")])
	if strings.Join(got, " ") != strings.Join(exclude.Default, " ") {
		t.Errorf("README: %v\ncode:   %v", got, exclude.Default)
	}
}

// TestReadmeCheckFlags: every flag of check is in the README's flag table, with the
// default --help prints.
func TestReadmeCheckFlags(t *testing.T) {
	c, _ := checkCommand()
	rows := tableRows(t, readme(t), "## Install and run")
	table := map[string]string{}
	for _, row := range rows {
		for _, m := range codeSpan.FindAllStringSubmatch(row[0], -1) {
			for _, f := range strings.Fields(m[1]) {
				if strings.HasPrefix(f, "--") {
					table[strings.TrimSuffix(f, ",")] = row[1]
				}
			}
		}
	}
	for _, name := range c.flagNames() {
		def, ok := table["--"+name]
		if !ok {
			t.Errorf("the README's flag table lacks --%s", name)
			continue
		}
		want := c.shown[name]
		if want == "" {
			want = c.fs.Lookup(name).DefValue
		}
		def = strings.ReplaceAll(def, "`", "")
		switch {
		case want == "false" && def == "off":
		case name == "exclude" && def == "the defaults below":
		case strings.Contains(def, want):
		default:
			t.Errorf("README: --%s defaults to %q; --help says %q", name, def, want)
		}
	}
}
