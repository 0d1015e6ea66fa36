package refactor

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
	"github.com/pyward/pyward/pathing/exclude"
)

// TestModuleReferencesAsyncioEvents compares the references of asyncio/events.py in
// the standard library (as the workspace) with testdata/references/gen.py, a grep,
// ast and importlib oracle run by python3.
func TestModuleReferencesAsyncioEvents(t *testing.T) {
	out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		t.Fatalf("python3 is needed (the oracle): %v", err)
	}
	stdlib, err := filepath.EvalSymlinks(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	gen, _ := filepath.Abs("../../testdata/references/gen.py")
	raw, err := exec.Command("python3", gen, stdlib, "asyncio.events", strings.Join(exclude.Default, ",")).Output()
	if err != nil {
		t.Fatalf("oracle: %v", err)
	}
	var want []string
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}

	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	ix.SetRoots([]string{stdlib})
	events := filepath.Join(stdlib, "asyncio", "events.py")
	m, err := ix.Module(events)
	if err != nil {
		t.Fatal(err)
	}
	target, ok := ModuleAt(ix, &analysis.File{Path: events, Module: m}, 0)
	if !ok {
		t.Fatal("no module at line 0 of asyncio/events.py")
	}
	refs, err := ModuleReferences(context.Background(), ix, Workspace{Folders: []string{stdlib}}, target)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range refs {
		rel, _ := filepath.Rel(stdlib, r.Path)
		got = append(got, fmt.Sprintf("%s:%d", filepath.ToSlash(rel), r.Module.Lines.Position(r.Span.Start, analysis.UTF8).Line+1))
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("references of asyncio.events differ from the oracle\npyward (%d):\n%s\noracle (%d):\n%s", len(got), strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
	}
	t.Logf("%d imports of asyncio.events, as the oracle finds", len(got))

	// The same module asked for from an import of it.
	base := filepath.Join(stdlib, "asyncio", "base_events.py")
	bm, err := ix.Module(base)
	if err != nil {
		t.Fatal(err)
	}
	src := string(bm.Tree.Src)
	i := strings.Index(src, "from . import events")
	if i < 0 {
		t.Fatal("asyncio/base_events.py has no `from . import events`")
	}
	at, ok := ModuleAt(ix, &analysis.File{Path: base, Module: bm}, uint32(i+len("from . import e")))
	if !ok || filepath.Clean(at.Path) != filepath.Clean(events) {
		t.Errorf("ModuleAt on `events` of `from . import events` = %+v, %v; want %s", at, ok, events)
	}
}
