package server

import (
	"os"
	"testing"
)

// TestMain points the caches (interpreter answers, parsed trees) at a folder of this
// run, not the user's.
func TestMain(m *testing.M) {
	cache, err := os.MkdirTemp("", "pyward-test-cache-")
	if err == nil {
		os.Setenv("XDG_CACHE_HOME", cache)
	}
	code := m.Run()
	if cache != "" {
		os.RemoveAll(cache)
	}
	os.Exit(code)
}
