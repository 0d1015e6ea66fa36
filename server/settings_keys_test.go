package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
)

// A value of the right type for each setting key, so that ApplySettings accepts it.
var settingSamples = map[string]any{
	"extraPaths": []any{"lib"}, "pythonPath": "python3", "cache.enabled": false,
	"largeFileSize": float64(1 << 20), "diagnosticMode": "workspace",
	"privateAccess.checkTests": true, "notebook.topLevelAwait": false,
	"exclude": []any{"build"}, "extend-exclude": []any{"gen"},
	"log.level": "info", "log.file": "/tmp/pyward.log",
}

// TestSettingKeysAreRead: every key of SettingKeys and every rules.<rule> is read by
// ApplySettings (neither unknown nor a problem), and a key outside them is unknown.
func TestSettingKeysAreRead(t *testing.T) {
	section := map[string]any{}
	for _, k := range SettingKeys {
		v, ok := settingSamples[k]
		if !ok {
			t.Fatalf("no sample value for %s: add one to settingSamples", k)
		}
		section[k] = v
	}
	for _, r := range analysis.Rules() {
		section["rules."+r.Name] = "hint"
	}
	_, unknown, problems := ApplySettings(DefaultSettings(), section)
	if len(unknown) != 0 || len(problems) != 0 {
		t.Errorf("unknown %v, problems %v", unknown, problems)
	}
	if _, unknown, _ := ApplySettings(DefaultSettings(), map[string]any{"diagnosticsMode": "workspace"}); len(unknown) != 1 {
		t.Errorf("a misspelt key is not reported unknown: %v", unknown)
	}
}

// TestSettingKeysAreDocumented: the README's settings table and the VS Code extension's
// contributed settings name exactly SettingKeys (and, in the extension, one key per
// rule plus its own path and trace.server).
func TestSettingKeysAreDocumented(t *testing.T) {
	want := slices.Clone(SettingKeys)
	sort.Strings(want)

	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, table, found := strings.Cut(string(readme), "\n## Settings\n")
	if !found {
		t.Fatal("README.md has no '## Settings' section")
	}
	table, _, _ = strings.Cut(table, "\n## ")
	var documented []string
	cell := regexp.MustCompile("`([^`]+)`")
	for _, line := range strings.Split(table, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		first := strings.Split(line, "|")[1]
		for _, m := range cell.FindAllStringSubmatch(first, -1) {
			if m[1] != "rules.<rule>" {
				documented = append(documented, m[1])
			}
		}
	}
	sort.Strings(documented)
	if !slices.Equal(documented, want) {
		t.Errorf("README.md's settings table names %v\nthe server reads %v", documented, want)
	}

	raw, err := os.ReadFile(filepath.Join("..", "editors", "vscode", "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Contributes struct {
			Configuration struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"configuration"`
		} `json:"contributes"`
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatal(err)
	}
	var contributed []string
	for k := range pkg.Contributes.Configuration.Properties {
		contributed = append(contributed, strings.TrimPrefix(k, "pyward."))
	}
	wantVSCode := append(slices.Clone(SettingKeys), "path", "trace.server")
	for _, r := range analysis.Rules() {
		wantVSCode = append(wantVSCode, "rules."+r.Name)
	}
	sort.Strings(contributed)
	sort.Strings(wantVSCode)
	if !slices.Equal(contributed, wantVSCode) {
		t.Errorf("editors/vscode/package.json contributes %v\nwant %v", contributed, wantVSCode)
	}
}
