package refactor

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// Move is one rename of a file or a folder, by path.
type Move struct {
	Old, New string
}

// Edit replaces the bytes of Span with Text.
type Edit struct {
	Span analysis.Span
	Text string
}

// FileEdits are the edits of one file, on its text before the move.
type FileEdits struct {
	// Path is the file's path before the move.
	Path string
	// Module is the text the spans refer to (an open buffer or the file on disk).
	Module *analysis.Module
	// Edits are sorted and do not overlap.
	Edits []Edit
}

// Plan is what a batch of moves needs besides the moves themselves.
type Plan struct {
	// Files holds the edits, by path, sorted.
	Files []FileEdits
	// StubMoves are the .pyi stubs (or their .py sources) that must move too,
	// because their companion moves and they are not in the batch.
	StubMoves []Move
}

// Declined is the error of a batch that cannot be planned safely: Reason says why.
type Declined struct{ Reason string }

func (d *Declined) Error() string { return d.Reason }

func declinef(format string, args ...any) error {
	return &Declined{Reason: fmt.Sprintf(format, args...)}
}

// Workspace is where the importers of moved modules are looked for.
type Workspace struct {
	// Folders are the workspace folders: every path of a batch must lie inside one,
	// and their Python files are searched for importers.
	Folders []string
	// Scanner keeps what the text filter learnt of each file between plans; nil
	// reads every file each time.
	Scanner *Scanner
}

// planner holds one planning run.
type planner struct {
	ctx       context.Context
	ix        *analysis.Index // the world as it is
	nx        *analysis.Index // the world after the moves
	ov        *overlay        // its filesystem
	p         paths
	roots     []string
	workspace []string
	scanner   *Scanner
	graphs    [2]*importGraph // as it is, after the moves
	moves     []Move          // the batch and the stub moves, clean
	// kept is what earlier plans learnt of the world as it is (Scanner).
	kept kept
	// renamed maps the old dotted name of every moved module or package to its new
	// one ("" when it will not be importable).
	renamed map[string]string
	// words are the identifiers a file must contain to possibly import a moved module.
	words []string
	// movedFiles are the Python files the batch moves (old paths).
	movedFiles []string
}

// PlanMoves plans the edits that keep every import of the workspace binding the same
// module or object once moves are done. Every path must lie inside one of the
// workspace folders. The result is all or nothing: a *Declined error says why no
// edit is safe; other errors are the filesystem's.
func PlanMoves(ctx context.Context, ix *analysis.Index, ws Workspace, moves []Move) (*Plan, error) {
	pl := &planner{ctx: ctx, ix: ix, p: paths{ix.Flavour}, roots: ix.Roots(), renamed: map[string]string{}, scanner: ws.Scanner}
	if pl.scanner == nil {
		pl.scanner = NewScanner()
	}
	for _, w := range ws.Folders {
		pl.workspace = append(pl.workspace, pl.p.clean(w))
	}
	pl.kept = pl.scanner.present.forState(fmt.Sprintf("%d %q %q", ix.Resolver.Generation(), pl.roots, pl.workspace))
	plan := &Plan{}
	if err := pl.prepare(moves, plan); err != nil {
		return nil, err
	}
	if len(pl.movedFiles) == 0 {
		return plan, nil // nothing Python moves
	}
	files, err := pl.candidates()
	if err != nil {
		return nil, err
	}
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		fe, err := pl.planFile(path)
		if err != nil {
			return nil, err
		}
		if fe != nil && len(fe.Edits) > 0 {
			plan.Files = append(plan.Files, *fe)
		}
	}
	sort.Slice(plan.Files, func(i, j int) bool { return plan.Files[i].Path < plan.Files[j].Path })
	return plan, nil
}

// isPython reports whether name is a Python source or stub file name.
func isPython(name string) bool {
	return strings.HasSuffix(name, ".py") || strings.HasSuffix(name, ".pyi")
}

// inWorkspace reports whether path lies in a workspace folder.
func (pl *planner) inWorkspace(path string) bool {
	for _, w := range pl.workspace {
		if _, ok := pl.p.under(path, w); ok {
			return true
		}
	}
	return false
}

// prepare checks the batch, adds the stub moves, builds the new world and the names.
func (pl *planner) prepare(moves []Move, plan *Plan) error {
	fsys := pl.ix.FS
	type item struct {
		Move
		dir bool
	}
	var items []item
	for _, m := range moves {
		m = Move{Old: pl.p.clean(m.Old), New: pl.p.clean(m.New)}
		if m.Old == m.New {
			continue
		}
		if !pl.inWorkspace(m.Old) || !pl.inWorkspace(m.New) {
			return declinef("%s -> %s: only moves inside the workspace folders can be followed", m.Old, m.New)
		}
		info, err := fsys.Lstat(m.Old)
		if err != nil {
			return declinef("%s does not exist", m.Old)
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return declinef("%s is a symbolic link: moving it is not followed", m.Old)
		}
		if _, err := fsys.Lstat(m.New); err == nil && pl.p.f.Normcase(m.New) != pl.p.f.Normcase(m.Old) {
			return declinef("%s already exists", m.New)
		}
		if _, ok := pl.p.under(m.New, m.Old); ok {
			return declinef("%s cannot move into itself", m.Old)
		}
		if !info.IsDir() && !isPython(m.Old) && !isPython(m.New) {
			continue
		}
		if !info.IsDir() && pl.p.f.Basename(m.Old) != pl.p.f.Basename(m.New) && isInit(m.Old) {
			return declinef("renaming %s changes what its package is; move the folder instead", m.Old)
		}
		items = append(items, item{m, info.IsDir()})
	}
	for i, a := range items {
		for j, b := range items {
			if i == j {
				continue
			}
			if _, ok := pl.p.under(a.Old, b.Old); ok {
				return declinef("%s and %s overlap in one batch", a.Old, b.Old)
			}
			if _, ok := pl.p.under(a.New, b.New); ok {
				return declinef("%s and %s overlap in one batch", a.New, b.New)
			}
		}
	}
	for _, r := range pl.roots {
		for _, it := range items {
			if _, ok := pl.p.under(pl.p.clean(r), it.Old); ok {
				return declinef("%s holds the import root %s", it.Old, r)
			}
		}
	}
	// Stubs move with their sources (and sources with their stubs).
	var all []Move
	for _, it := range items {
		all = append(all, it.Move)
	}
	moved := func(p string) bool {
		for _, m := range all {
			if _, ok := pl.p.under(p, m.Old); ok {
				return true
			}
		}
		return false
	}
	for _, it := range items {
		if it.dir {
			continue
		}
		comp, newComp := companion(it.Old), companion(it.New)
		if comp == "" || newComp == "" || moved(comp) {
			continue
		}
		if _, err := fsys.Lstat(comp); err != nil {
			continue
		}
		if _, err := fsys.Lstat(newComp); err == nil {
			return declinef("%s must move with %s, but %s already exists", comp, it.Old, newComp)
		}
		sm := Move{Old: comp, New: newComp}
		plan.StubMoves = append(plan.StubMoves, sm)
		all = append(all, sm)
	}
	pl.moves = all
	ov := newOverlay(cachedFS{fsys, pl.kept}, pl.p, all)
	pl.ov = ov
	pl.nx = analysis.NewIndex(ov, pl.ix.Flavour)
	pl.nx.SetRoots(pl.roots)
	return pl.names(all)
}

// isInit reports whether path is a package's __init__ file.
func isInit(path string) bool {
	b := path[strings.LastIndexAny(path, `/\`)+1:]
	return b == "__init__.py" || b == "__init__.pyi"
}

// companion returns the stub of a .py path or the source of a .pyi path.
func companion(path string) string {
	switch {
	case strings.HasSuffix(path, ".pyi"):
		return strings.TrimSuffix(path, "i")
	case strings.HasSuffix(path, ".py"):
		return path + "i"
	}
	return ""
}

// mapPath returns where path will be after the moves.
func (pl *planner) mapPath(path string) string {
	c := pl.p.clean(path)
	for _, m := range pl.moves {
		if rest, ok := pl.p.under(c, m.Old); ok {
			return pl.p.join(m.New, rest)
		}
	}
	return c
}

// names lists the moved Python files and folders, their old and new module names,
// and checks that no new name takes the place of a module that stays.
func (pl *planner) names(all []Move) error {
	words := map[string]bool{}
	var walk func(old string) error
	walk = func(old string) error {
		info, err := pl.ix.FS.Lstat(old)
		if err != nil {
			return nil
		}
		if info.IsDir() {
			if err := pl.name(old, true); err != nil {
				return err
			}
			ents, err := pl.ix.FS.ReadDir(old)
			if err != nil {
				return fmt.Errorf("list %s: %w", old, err)
			}
			for _, e := range ents {
				if err := walk(pl.p.f.Join(old, e.Name())); err != nil {
					return err
				}
			}
			return nil
		}
		if !isPython(old) {
			return nil
		}
		pl.movedFiles = append(pl.movedFiles, old)
		return pl.name(old, false)
	}
	for _, m := range all {
		stem := pl.p.f.Basename(m.Old)
		stem = strings.TrimSuffix(strings.TrimSuffix(stem, ".pyi"), ".py")
		words[stem] = true
		if err := walk(m.Old); err != nil {
			return err
		}
	}
	for w := range words {
		pl.words = append(pl.words, w)
	}
	sort.Strings(pl.words)
	return nil
}

// name records the old and new dotted names of one moved file or folder.
func (pl *planner) name(old string, dir bool) error {
	oldName, ok := pl.ix.Resolver.ModuleName(old, pl.roots)
	if !ok {
		return nil // not importable now: nothing can import it
	}
	newPath := pl.mapPath(old)
	newName, ok := pl.nx.Resolver.ModuleName(newPath, pl.roots)
	if !ok {
		newName = ""
	}
	if newName == oldName {
		return nil
	}
	if prev, ok := pl.renamed[oldName]; ok && prev != newName {
		return declinef("%s is both %s and %s after the move", oldName, prev, newName)
	}
	pl.renamed[oldName] = newName
	if newName == "" {
		return nil
	}
	// The new name must not be taken by a module that stays where it is.
	segs, err := pl.ix.Resolver.ResolveAbsolute(strings.Split(newName, "."), pl.roots)
	if err == nil && len(segs) > 0 {
		m := segs[len(segs)-1]
		if p := moduleFile(m); p != "" && !pl.isMoved(p) {
			return declinef("%s would become %s, which already names %s", oldName, newName, p)
		}
	}
	_ = dir
	return nil
}

// moduleFile is the file or first folder that identifies m.
func moduleFile(m pathing.Module) string {
	switch {
	case m.Path != "":
		return m.Path
	case len(m.Dirs) > 0:
		return m.Dirs[0]
	}
	return m.Stub
}

// isMoved reports whether path is moved by the batch.
func (pl *planner) isMoved(path string) bool {
	c := pl.p.clean(path)
	for _, m := range pl.moves {
		if _, ok := pl.p.under(c, m.Old); ok {
			return true
		}
	}
	return false
}
