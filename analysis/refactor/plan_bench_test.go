package refactor

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/internal/pygen"
	"github.com/pyward/pyward/pathing"
)

// BenchmarkPlanMoves plans pyward-bench's two willRenameFiles moves in the generated
// 2,000-file workspace (pygen.LayeredWorkspace), with one Index and one Scanner kept
// between plans as the server keeps them: one module renamed, and a package folder of
// 100 modules moved under another package. Each plan must have edits.
//
//	go test ./analysis/refactor -run '^$' -bench PlanMoves -cpuprofile cpu.out
func BenchmarkPlanMoves(b *testing.B) {
	root := b.TempDir()
	if err := pygen.LayeredWorkspace(root); err != nil {
		b.Fatal(err)
	}
	root, _ = filepath.EvalSymlinks(root)
	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	ix.SetRoots([]string{root})
	ws := Workspace{Folders: []string{root}, Scanner: NewScanner()}
	for _, bc := range []struct {
		name string
		move Move
	}{
		{"module", Move{filepath.Join(root, "pkg03", "mod010.py"), filepath.Join(root, "pkg03", "renamed010.py")}},
		{"folder", Move{filepath.Join(root, "pkg05"), filepath.Join(root, "pkg06", "moved05")}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			plan := func() {
				p, err := PlanMoves(context.Background(), ix, ws, []Move{bc.move})
				if err != nil {
					b.Fatal(err)
				}
				if len(p.Files) == 0 {
					b.Fatal("no edits")
				}
			}
			plan() // the first (cold) plan parses the workspace
			cpu0 := cpuTime()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				plan()
			}
			b.StopTimer()
			// On a loaded machine the wall time says little: the process's CPU time
			// (user and system, every thread) per plan says what it costs.
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
