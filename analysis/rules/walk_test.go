package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// walkPython parses and builds every .py file below root, skipping folders named in
// skip (and unreadable or unparsable files), and hands each to fn; it returns how many
// files it handed on. The stdlib sweeps of the rule tests share it.
func walkPython(t *testing.T, root string, skip []string, fn func(path string, tree *syntax.Tree, f *analysis.File)) int {
	t.Helper()
	files := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && p != root {
			for _, s := range skip {
				if d.Name() == s {
					return filepath.SkipDir
				}
			}
		}
		if d.IsDir() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		tree, err := syntax.Parse(src)
		if err != nil {
			return nil
		}
		files++
		fn(p, tree, &analysis.File{Path: p, Module: analysis.Build(tree)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
