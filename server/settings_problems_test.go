package server

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestApplySettingsProblems: a value of the wrong type is a problem shown to the user,
// naming the key, what it must be and what it was, and leaves the setting as it was; a
// value of the right type applies.
func TestApplySettingsProblems(t *testing.T) {
	base := DefaultSettings()
	for _, tc := range []struct {
		key     string
		value   any
		problem string
	}{
		{"extraPaths", 5.0, "pyward.extraPaths must be a list of strings, not a number"},
		{"extraPaths", []any{"a", 1.0}, "pyward.extraPaths must be a list of strings, not a list"},
		{"privateAccess.checkTests", "yes", "pyward.privateAccess.checkTests must be true or false, not a string"},
		{"notebook.topLevelAwait", []any{}, "pyward.notebook.topLevelAwait must be true or false, not a list"},
		{"cache.enabled", nil, "pyward.cache.enabled must be true or false, not null"},
		{"pythonPath", true, "pyward.pythonPath must be a string, not a boolean"},
		{"log.level", "loud", "pyward.log.level must be one of debug, info, warn, error, not loud"},
		{"log.file", 3.0, "pyward.log.file must be a string, not a number"},
	} {
		out, _, problems := ApplySettings(base, map[string]any{tc.key: tc.value})
		if len(problems) != 1 || problems[0] != tc.problem {
			t.Errorf("%s = %v: problems %q, want %q", tc.key, tc.value, problems, tc.problem)
		}
		if fmt.Sprintf("%+v", out) != fmt.Sprintf("%+v", base) {
			t.Errorf("%s = %v changed the settings: %+v", tc.key, tc.value, out)
		}
	}
	out, unknown, problems := ApplySettings(base, map[string]any{
		"extraPaths": []any{"/x", "/y"}, "privateAccess": map[string]any{"checkTests": true},
		"notebook.topLevelAwait": false, "cache.enabled": false, "log.level": "debug", "log.file": "/tmp/p.log",
		"pythonPath": "/usr/bin/python3",
	})
	if len(unknown) != 0 || len(problems) != 0 {
		t.Fatalf("unknown %q, problems %q", unknown, problems)
	}
	if !reflect.DeepEqual(out.Analysis.ExtraPaths, []string{"/x", "/y"}) || !out.Analysis.CheckTests || out.Analysis.TopLevelAwait ||
		out.CacheEnabled || out.LogLevel != "debug" || out.LogFile != "/tmp/p.log" || out.PythonPath != "/usr/bin/python3" {
		t.Errorf("settings not applied: %+v", out)
	}
}

// TestSettingsProblemsAreShown: problems in initializationOptions and in the answer to
// workspace/configuration reach the user as window/showMessage warnings.
func TestSettingsProblemsAreShown(t *testing.T) {
	c := newTestClient(t, Options{})
	c.settings = "not an object"
	c.initialize(map[string]any{
		"capabilities":          map[string]any{"workspace": map[string]any{"configuration": true}},
		"initializationOptions": map[string]any{"pyward": map[string]any{"extraPaths": 5}},
	})
	want := []string{"pyward: pyward.extraPaths must be a list of strings, not a number", "pyward: workspace/configuration: "}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c.mu.Lock()
		msgs := append([]string(nil), c.messages...)
		c.mu.Unlock()
		found := 0
		for _, w := range want {
			for _, m := range msgs {
				if strings.HasPrefix(m, w) {
					found++
					break
				}
			}
		}
		if found == len(want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("messages %q, want ones starting with %q", msgs, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
