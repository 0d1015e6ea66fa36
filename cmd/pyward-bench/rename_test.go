package main

import (
	"os"
	"strconv"
	"testing"
)

// TestRenameMeasurement drives the willRenameFiles measurement against a freshly built
// pyward (PYWARD_BENCH_RENAME requests of each kind, default 2): both moves must get
// an edit. Timings are printed, never judged.
func TestRenameMeasurement(t *testing.T) {
	bin, cleanup, err := buildPyward()
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	n := 2
	if v, err := strconv.Atoi(os.Getenv("PYWARD_BENCH_RENAME")); err == nil && v > 0 {
		n = v
	}
	r, err := measureRename(serverSpec{Name: "pyward", Argv: []string{bin, "serve"}}, n)
	if err != nil {
		t.Fatal(err)
	}
	if r.SingleEdits == 0 || r.FolderEdits == 0 {
		t.Errorf("edits: %d documents for the module, %d for the folder", r.SingleEdits, r.FolderEdits)
	}
	t.Log(r.markdown())
}
