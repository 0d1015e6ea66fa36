package main

// The willRenameFiles measurement (issue 17): a generated workspace of 2,000 modules
// in 20 packages of 100, where every module imports up to three modules of its own
// package (relative imports), two of other packages (absolute `from` imports) and one
// with a plain `import pkg.mod` and an attribute use; imports point to higher modules
// and packages only (a layered code base, no import cycles). pyward is asked, repeatedly and
// without applying the edit, how to (1) rename one module imported by many others and
// (2) move one package folder of 100 modules under another package. Only the
// request is timed; the first (cold) request is reported apart.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pyward/pyward/pathing"
)

const (
	renamePackages = 20
	renameModules  = 100
)

// renameWorkspace writes the generated workspace into root.
func renameWorkspace(root string) error {
	for p := 0; p < renamePackages; p++ {
		dir := filepath.Join(root, fmt.Sprintf("pkg%02d", p))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "__init__.py"), []byte("from .mod000 import VALUE\n"), 0o644); err != nil {
			return err
		}
		for m := 0; m < renameModules; m++ {
			// Imports point to higher modules and packages only: a layered code base
			// without import cycles.
			var b strings.Builder
			for k := 1; k <= 3; k++ {
				if t := m + k*7; t < renameModules {
					fmt.Fprintf(&b, "from .mod%03d import helper as h%d\n", t, k)
				}
			}
			for k := 1; k <= 2; k++ {
				if q := p + k*3; q < renamePackages {
					fmt.Fprintf(&b, "from pkg%02d.mod%03d import helper as g%d\n", q, (m*k+1)%renameModules, k)
				}
			}
			if p+1 < renamePackages {
				fmt.Fprintf(&b, "import pkg%02d.mod%03d\n\nVALUE = %d\n\n\ndef helper():\n    return pkg%02d.mod%03d.VALUE\n", p+1, m, m, p+1, m)
			} else {
				fmt.Fprintf(&b, "VALUE = %d\n\n\ndef helper():\n    return VALUE\n", m)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("mod%03d.py", m)), []byte(b.String()), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// renameResult is what measureRename reports.
type renameResult struct {
	Files                  int
	SingleCold, FolderCold time.Duration
	Single, Folder         []time.Duration
	SingleEdits            int // documents the single-file edit changes
	FolderEdits            int
}

// measureRename times n willRenameFiles requests of each kind against pyward.
func measureRename(spec serverSpec, n int) (*renameResult, error) {
	root, err := os.MkdirTemp("", "pyward-bench-rename-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(root)
	if err := renameWorkspace(root); err != nil {
		return nil, err
	}
	s, err := startSession(spec, root)
	if err != nil {
		return nil, err
	}
	defer s.stop()
	res := &renameResult{Files: renamePackages * (renameModules + 1)}
	ask := func(oldPath, newPath string) (time.Duration, int, error) {
		params := map[string]any{"files": []map[string]string{{"oldUri": pathing.PathToURI(oldPath), "newUri": pathing.PathToURI(newPath)}}}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		start := time.Now()
		raw, err := s.c.CallRaw(ctx, "workspace/willRenameFiles", params)
		d := time.Since(start)
		if err != nil {
			return d, 0, err
		}
		var edit struct {
			DocumentChanges []json.RawMessage          `json:"documentChanges"`
			Changes         map[string]json.RawMessage `json:"changes"`
		}
		if err := json.Unmarshal(raw, &edit); err != nil || string(raw) == "null" {
			return d, 0, fmt.Errorf("willRenameFiles %s -> %s: no edit (%s)", oldPath, newPath, raw)
		}
		return d, len(edit.DocumentChanges) + len(edit.Changes), nil
	}
	single := [2]string{filepath.Join(root, "pkg03", "mod010.py"), filepath.Join(root, "pkg03", "renamed010.py")}
	folder := [2]string{filepath.Join(root, "pkg05"), filepath.Join(root, "pkg06", "moved05")}
	if res.SingleCold, res.SingleEdits, err = ask(single[0], single[1]); err != nil {
		return nil, err
	}
	if res.FolderCold, res.FolderEdits, err = ask(folder[0], folder[1]); err != nil {
		return nil, err
	}
	for i := 0; i < n; i++ {
		d, _, err := ask(single[0], single[1])
		if err != nil {
			return nil, err
		}
		res.Single = append(res.Single, d)
		if d, _, err = ask(folder[0], folder[1]); err != nil {
			return nil, err
		}
		res.Folder = append(res.Folder, d)
	}
	return res, nil
}

// quantile returns the q-quantile of ds (nearest rank).
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(q*float64(len(s))+0.5) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(s) {
		i = len(s) - 1
	}
	return s[i]
}

// markdown renders the result as a short table.
func (r *renameResult) markdown() string {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	var b strings.Builder
	fmt.Fprintf(&b, "\n### workspace/willRenameFiles (pyward, %d-file generated workspace, %d requests each)\n\n", r.Files, len(r.Single))
	b.WriteString("| move | documents edited | first request | p50 | p90 |\n|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| one module renamed | %d | %s | %s | %s |\n", r.SingleEdits, ms(r.SingleCold), ms(quantile(r.Single, 0.5)), ms(quantile(r.Single, 0.9)))
	fmt.Fprintf(&b, "| a folder of %d modules moved | %d | %s | %s | %s |\n", renameModules, r.FolderEdits, ms(r.FolderCold), ms(quantile(r.Folder, 0.5)), ms(quantile(r.Folder, 0.9)))
	return b.String()
}
