package server

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing/exclude"
)

// Settings are the `pyward` settings section.
type Settings struct {
	Analysis   analysis.Config
	PythonPath string
	// CacheEnabled lets pyward keep answers in the user's cache folder
	// ($XDG_CACHE_HOME/pyward): the interpreter's sys.path and version. Setting
	// cache.enabled to false turns it off.
	CacheEnabled bool
	// LargeFileSize is the size in bytes over which a document is a large file: parsed
	// in pieces, answered for hover and definition, and checked without the rules whose
	// cost can grow faster than the file (analysis.Rule.Superlinear).
	LargeFileSize int
	// LogLevel and LogFile are "" unless the settings name them; then the command's
	// flags decide.
	LogLevel string
	LogFile  string
	// Exclude replaces the default excludes when ExcludeSet; ExtendExclude adds to
	// them. Globs, as package exclude reads them.
	Exclude       []string
	ExcludeSet    bool
	ExtendExclude []string
	// DiagnosticMode is "openFiles" (the default: only open documents are checked)
	// or "workspace" (every Python file of the workspace folders is checked in the
	// background, at low priority, and its findings published).
	DiagnosticMode string
}

// The values of diagnosticMode.
const (
	DiagnosticsOpenFiles = "openFiles"
	DiagnosticsWorkspace = "workspace"
)

// SettingKeys are the keys of the `pyward` section that the server reads, besides
// `rules.<rule>` (one per registered rule), dotted as editors spell them. The README's
// settings table and the VS Code extension's contributed settings list exactly these
// (server/settings_keys_test.go checks both).
var SettingKeys = []string{
	"extraPaths", "pythonPath", "cache.enabled", "largeFileSize", "diagnosticMode",
	"privateAccess.checkTests", "notebook.topLevelAwait", "exclude", "extend-exclude",
	"log.level", "log.file",
}

// DefaultLargeFileSize is the default large-file limit: 5 MiB.
const DefaultLargeFileSize = 5 << 20

// DefaultSettings are the settings of a fresh install.
func DefaultSettings() Settings {
	return Settings{Analysis: analysis.DefaultConfig(), CacheEnabled: true, LargeFileSize: DefaultLargeFileSize, DiagnosticMode: DiagnosticsOpenFiles}
}

// ApplySettings merges a `pyward` section (as decoded JSON or TOML: nested maps, or
// flat dotted keys like "rules.missing-await") into base. It returns the new settings,
// the unknown keys (to log) and the problems (wrong types or values) to show the user.
func ApplySettings(base Settings, section map[string]any) (out Settings, unknown []string, problems []string) {
	out = base
	sev := map[string]analysis.Severity{}
	for k, v := range base.Analysis.Severity {
		sev[k] = v
	}
	out.Analysis.Severity = sev
	flat := map[string]any{}
	flatten("", section, flat)
	keys := make([]string, 0, len(flat))
	for k := range flat {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := flat[k]
		switch {
		case strings.HasPrefix(k, "rules."):
			name := strings.TrimPrefix(k, "rules.")
			if _, ok := analysis.RuleByName(name); !ok {
				unknown = append(unknown, k)
				continue
			}
			s, ok := v.(string)
			if !ok {
				problems = append(problems, fmt.Sprintf("pyward.%s must be a string (error, warning, information, hint or off), not %s", k, typeName(v)))
				continue
			}
			level, err := analysis.ParseSeverity(s)
			if err != nil {
				problems = append(problems, fmt.Sprintf("pyward.%s: %v", k, err))
				continue
			}
			sev[name] = level
		case k == "extraPaths":
			list, ok := stringList(v)
			if !ok {
				problems = append(problems, fmt.Sprintf("pyward.extraPaths must be a list of strings, not %s", typeName(v)))
				continue
			}
			out.Analysis.ExtraPaths = list
		case k == "exclude" || k == "extend-exclude" || k == "extendExclude":
			list, ok := stringList(v)
			if ok {
				for _, g := range list {
					if err := exclude.Valid(g); err != nil {
						problems = append(problems, fmt.Sprintf("pyward.%s: %v", k, err))
						ok = false
					}
				}
			} else {
				problems = append(problems, fmt.Sprintf("pyward.%s must be a list of globs, not %s", k, typeName(v)))
			}
			if !ok {
				continue
			}
			if k == "exclude" {
				out.Exclude, out.ExcludeSet = list, true
			} else {
				out.ExtendExclude = list
			}
		case k == "pythonPath":
			s, ok := v.(string)
			if !ok {
				problems = append(problems, fmt.Sprintf("pyward.pythonPath must be a string, not %s", typeName(v)))
				continue
			}
			out.PythonPath = s
		case k == "privateAccess.checkTests":
			b, ok := v.(bool)
			if !ok {
				problems = append(problems, fmt.Sprintf("pyward.privateAccess.checkTests must be true or false, not %s", typeName(v)))
				continue
			}
			out.Analysis.CheckTests = b
		case k == "notebook.topLevelAwait":
			b, ok := v.(bool)
			if !ok {
				problems = append(problems, fmt.Sprintf("pyward.notebook.topLevelAwait must be true or false, not %s", typeName(v)))
				continue
			}
			out.Analysis.TopLevelAwait = b
		case k == "cache.enabled":
			b, ok := v.(bool)
			if !ok {
				problems = append(problems, fmt.Sprintf("pyward.cache.enabled must be true or false, not %s", typeName(v)))
				continue
			}
			out.CacheEnabled = b
		case k == "diagnosticMode":
			mode, ok := v.(string)
			if !ok || mode != DiagnosticsOpenFiles && mode != DiagnosticsWorkspace {
				problems = append(problems, fmt.Sprintf("pyward.diagnosticMode must be %q or %q, not %v", DiagnosticsOpenFiles, DiagnosticsWorkspace, v))
				continue
			}
			out.DiagnosticMode = mode
		case k == "largeFileSize":
			f, ok := v.(float64)
			if i, isInt := v.(int64); isInt {
				f, ok = float64(i), true
			}
			if !ok || f < 1 || f != float64(int(f)) {
				problems = append(problems, fmt.Sprintf("pyward.largeFileSize must be a positive whole number of bytes, not %v", v))
				continue
			}
			out.LargeFileSize = int(f)
		case k == "log.level":
			s, ok := v.(string)
			if !ok || !validLogLevel(s) {
				problems = append(problems, fmt.Sprintf("pyward.log.level must be one of debug, info, warn, error, not %v", v))
				continue
			}
			out.LogLevel = s
		case k == "log.file":
			s, ok := v.(string)
			if !ok {
				problems = append(problems, fmt.Sprintf("pyward.log.file must be a string, not %s", typeName(v)))
				continue
			}
			out.LogFile = s
		case k == "path" || k == "trace.server" || strings.HasPrefix(k, "trace."):
			// client-side settings of the editor extensions: not the server's business
		default:
			unknown = append(unknown, k)
		}
	}
	return out, unknown, problems
}

func validLogLevel(s string) bool {
	switch s {
	case "debug", "info", "warn", "error":
		return true
	}
	return false
}

// Excludes returns the globs these settings exclude: the defaults or the exclude list,
// then the extend-exclude list.
func (s Settings) Excludes() []string {
	globs := exclude.Default
	if s.ExcludeSet {
		globs = s.Exclude
	}
	return append(append([]string(nil), globs...), s.ExtendExclude...)
}

// flatten turns nested maps into dotted keys; "rules" maps keep rule names whole even
// though they contain dashes, and dotted keys given flat are kept as they are.
func flatten(prefix string, m map[string]any, out map[string]any) {
	for k, v := range m {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		if sub, ok := v.(map[string]any); ok {
			flatten(key, sub, out)
			continue
		}
		out[key] = v
	}
}

func stringList(v any) ([]string, bool) {
	switch l := v.(type) {
	case []any:
		out := make([]string, 0, len(l))
		for _, e := range l {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	case []string:
		return l, true
	}
	return nil, false
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case float64, int64, int:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// sectionFromJSON decodes a settings payload. It accepts {"pyward": {...}} or the
// section itself.
func sectionFromJSON(raw json.RawMessage) (map[string]any, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("settings must be an object: %w", err)
	}
	if inner, ok := m["pyward"].(map[string]any); ok {
		return inner, nil
	}
	return m, nil
}

// PyprojectSection reads [tool.pyward] from the text of a pyproject.toml; nil when absent.
func PyprojectSection(text []byte) (map[string]any, error) {
	var doc struct {
		Tool struct {
			Pyward map[string]any `toml:"pyward"`
		} `toml:"tool"`
	}
	if err := toml.Unmarshal(text, &doc); err != nil {
		return nil, fmt.Errorf("pyproject.toml: %w", err)
	}
	return doc.Tool.Pyward, nil
}
