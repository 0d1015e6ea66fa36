package refactor

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// worlds returns the world as it is (identities mapped to the new paths) and the
// world after the moves.
func (pl *planner) worlds() (old, cur world) {
	if pl.graphs[0] == nil {
		pl.graphs = [2]*importGraph{newImportGraph(), newImportGraph()}
		pl.graphs[0].kept = pl.kept
	}
	return world{ix: pl.ix, roots: pl.roots, mapped: pl.mapPath, module: pl.oldModule, graph: pl.graphs[0]},
		world{ix: pl.nx, roots: pl.roots, module: pl.newModule, graph: pl.graphs[1]}
}

// oldModule is the module of a workspace file as it is.
func (pl *planner) oldModule(path string) (*analysis.Module, bool) {
	if !pl.inWorkspace(pl.p.clean(path)) {
		return nil, false
	}
	m, err := pl.ix.Module(path)
	return m, err == nil
}

// newModule is the module of a workspace file after the moves: the same text, found
// at its old path.
func (pl *planner) newModule(path string) (*analysis.Module, bool) {
	base, ok := pl.ov.toBase(path)
	if !ok {
		return nil, false
	}
	return pl.oldModule(base)
}

// newName is the dotted name module m (of the world as it is) will have after the
// moves, "" when it will not be importable.
func (pl *planner) newName(m pathing.Module) string {
	if n, ok := pl.renamed[m.Name]; ok {
		return n
	}
	if !pl.isMoved(moduleFile(m)) {
		return m.Name
	}
	n, ok := pl.nx.Resolver.ModuleName(pl.mapPath(moduleFile(m)), pl.roots)
	if !ok {
		return ""
	}
	return n
}

// packageOf is the dotted package of a file of the new world, "" for a top-level file.
func (pl *planner) packageOf(path string) string {
	n, ok := pl.nx.Resolver.ModuleName(pl.p.f.Dirname(path), pl.roots)
	if !ok {
		return ""
	}
	return n
}

// relative spells target relative to package pkg: the dots and the rest, or ok false
// when the two share no top-level package (the dots would climb beyond it).
func relative(pkg, target string) (string, bool) {
	if pkg == "" {
		return "", false
	}
	p, t := strings.Split(pkg, "."), strings.Split(target, ".")
	k := 0
	for k < len(p) && k < len(t) && p[k] == t[k] {
		k++
	}
	if k == 0 {
		return "", false
	}
	return strings.Repeat(".", len(p)-k+1) + strings.Join(t[k:], "."), true
}

// planFile plans the edits of one candidate file.
func (pl *planner) planFile(path string) (*FileEdits, error) {
	m, err := pl.ix.Module(path)
	if err != nil {
		return nil, nil // unreadable: it imports nothing we could edit
	}
	if err := pl.checkStrings(path, m); err != nil {
		return nil, err
	}
	newPath := pl.mapPath(path)
	moved := newPath != pl.p.clean(path)
	fe := &FileEdits{Path: path, Module: m}
	old, cur := pl.worlds()
	for _, imp := range m.Imports {
		if imp.Future {
			continue
		}
		before := old.statement(path, imp)
		if !before.ok {
			continue // it fails today: leave it as it is
		}
		if !moved && !pl.touchesMoved(before) {
			continue // neither the file nor what it imports moves
		}
		if after := cur.statement(newPath, imp); after.ok && sameBinds(before.binds, after.binds) {
			continue
		}
		edits, err := pl.rewrite(m, path, newPath, imp, before)
		if err != nil {
			return nil, err
		}
		fe.Edits = append(fe.Edits, edits...)
	}
	chainEdits, err := pl.chains(m, path, fe.Edits)
	if err != nil {
		return nil, err
	}
	fe.Edits = append(fe.Edits, chainEdits...)
	sort.Slice(fe.Edits, func(i, j int) bool { return fe.Edits[i].Span.Start < fe.Edits[j].Span.Start })
	for i := 1; i < len(fe.Edits); i++ {
		if fe.Edits[i].Span.Start < fe.Edits[i-1].Span.End {
			return nil, declinef("%s: two rewrites overlap at byte %d", path, fe.Edits[i].Span.Start)
		}
	}
	return fe, nil
}

// touchesMoved reports whether a statement's modules (the source, the submodules, the
// modules of `import a.b`) include a moved one, or a package a moved module leaves or
// enters (its namespace portions, its submodules).
func (pl *planner) touchesMoved(in info) bool {
	mods := append([]pathing.Module{in.src}, in.mods...)
	for _, s := range in.subs {
		if s != nil {
			mods = append(mods, *s)
		}
	}
	for _, m := range mods {
		if m.Name != "" {
			if _, ok := pl.renamed[m.Name]; ok {
				return true
			}
		}
		for _, p := range append([]string{m.Path, m.Stub}, m.Dirs...) {
			if p != "" && pl.isMoved(p) {
				return true
			}
		}
	}
	// A name of a package that gains or loses a submodule may change what it binds.
	for _, m := range mods {
		if m.IsPackage() && pl.parentTouched(m) {
			return true
		}
	}
	return false
}

// parentTouched reports whether a moved file or folder leaves or enters package m.
func (pl *planner) parentTouched(m pathing.Module) bool {
	for _, mv := range pl.moves {
		for _, d := range m.Dirs {
			dc := pl.p.clean(d)
			if pl.p.f.Dirname(mv.Old) == dc || pl.p.f.Dirname(mv.New) == dc {
				return true
			}
		}
	}
	return false
}

// lineOf is the 1-based line of a byte offset, for messages.
func lineOf(m *analysis.Module, off uint32) int {
	return strings.Count(string(m.Tree.Src[:min(int(off), len(m.Tree.Src))]), "\n") + 1
}

// rewrite plans the edits of one import statement whose unchanged text would bind
// something else after the moves, and checks them in the new world.
func (pl *planner) rewrite(m *analysis.Module, path, newPath string, imp *analysis.Import, before info) ([]Edit, error) {
	where := fmt.Sprintf("%s:%d", path, lineOf(m, imp.Span.Start))
	var edits []Edit
	if !imp.From {
		expect := before
		expect.binds = append([]bound(nil), before.binds...)
		for i, n := range imp.Names {
			nn := pl.newName(before.mods[i])
			if nn == "" {
				return nil, declinef("%s: %s would no longer be importable (its new path is not a Python module name)", where, before.mods[i].Name)
			}
			text := nn
			switch {
			case n.Alias == nil && len(n.Path) == 1 && nn != n.Path[0].Name:
				// `import json` binds json to the module: keep that name.
				text = nn + " as " + n.Path[0].Name
			case n.Alias == nil && len(n.Path) > 1 && !strings.Contains(nn, "."):
				// `import a.b` becoming `import b`: it binds b, and the uses a.b.x
				// become b.x.
				expect.binds[i].name = nn
			}
			span := analysis.Span{Start: n.Path[0].Span.Start, End: n.Path[len(n.Path)-1].Span.End}
			if string(m.Tree.Src[span.Start:span.End]) != text {
				edits = append(edits, Edit{Span: span, Text: text})
			}
		}
		return edits, pl.verify(m, path, newPath, imp, edits, expect, where)
	}
	type group struct {
		source string // "" for names that become top-level modules
		items  []string
	}
	var groups []*group
	groupOf := func(source string) *group {
		for _, g := range groups {
			if g.source == source {
				return g
			}
		}
		g := &group{source: source}
		groups = append(groups, g)
		return g
	}
	srcName := pl.newName(before.src)
	if imp.Star {
		if srcName == "" {
			return nil, declinef("%s: %s would no longer be importable", where, before.src.Name)
		}
		groupOf(srcName).items = append(groupOf(srcName).items, "*")
	}
	var nameEdits []Edit // the single-group form: per-name edits
	for i, n := range imp.Names {
		written := n.Path[0].Name
		if sub := before.subs[i]; sub != nil {
			nn := pl.newName(*sub)
			if nn == "" {
				return nil, declinef("%s: %s would no longer be importable", where, sub.Name)
			}
			parent, last := "", nn
			if j := strings.LastIndexByte(nn, '.'); j >= 0 {
				parent, last = nn[:j], nn[j+1:]
			}
			item := last
			alias := written
			if n.Alias != nil {
				alias = n.Alias.Name
			}
			if last != alias {
				item += " as " + alias
			}
			if parent == "" {
				item = nn
				if nn != alias {
					item += " as " + alias
				}
			}
			groupOf(parent).items = append(groupOf(parent).items, item)
			if last != written {
				text := last
				if n.Alias == nil {
					text += " as " + written
				}
				nameEdits = append(nameEdits, Edit{Span: n.Path[0].Span, Text: text})
			}
			continue
		}
		if srcName == "" {
			return nil, declinef("%s: %s would no longer be importable", where, before.src.Name)
		}
		item := written
		if n.Alias != nil {
			item += " as " + n.Alias.Name
		}
		groupOf(srcName).items = append(groupOf(srcName).items, item)
	}
	spell := func(source string) string {
		if imp.Dots > 0 {
			if rel, ok := relative(pl.packageOf(newPath), source); ok {
				return rel
			}
		}
		return source
	}
	if len(groups) == 1 && groups[0].source != "" {
		// Keep the statement's layout: replace the module part, and the names whose
		// submodule is renamed.
		start, end := imp.DotsSpan.Start, imp.DotsSpan.End
		if imp.Dots == 0 {
			start = imp.Module[0].Span.Start
		}
		if len(imp.Module) > 0 {
			end = imp.Module[len(imp.Module)-1].Span.End
		}
		text := spell(groups[0].source)
		if string(m.Tree.Src[start:end]) != text {
			edits = append(edits, Edit{Span: analysis.Span{Start: start, End: end}, Text: text})
		}
		edits = append(edits, nameEdits...)
		return edits, pl.verify(m, path, newPath, imp, edits, before, where)
	}
	var parts []string
	for _, g := range groups {
		if g.source == "" {
			for _, it := range g.items {
				parts = append(parts, "import "+it)
			}
			continue
		}
		parts = append(parts, "from "+spell(g.source)+" import "+strings.Join(g.items, ", "))
	}
	edits = []Edit{{Span: imp.Span, Text: strings.Join(parts, "; ")}}
	return edits, pl.verify(m, path, newPath, imp, edits, before, where)
}

// verify parses the statement as the edits leave it and checks, in the new world,
// that it binds what the original binds.
func (pl *planner) verify(m *analysis.Module, path, newPath string, imp *analysis.Import, edits []Edit, before info, where string) error {
	src := m.Tree.Src
	var b strings.Builder
	at := imp.Span.Start
	for _, e := range edits {
		b.Write(src[at:e.Span.Start])
		b.WriteString(e.Text)
		at = e.Span.End
	}
	b.Write(src[at:imp.Span.End])
	text := b.String()
	tree, err := syntax.Parse([]byte(text))
	if err != nil || tree.HasError() {
		return declinef("%s: the rewritten import %q does not parse", where, text)
	}
	mod := analysis.Build(tree)
	_, cur := pl.worlds()
	var got []bound
	for _, ni := range mod.Imports {
		in := cur.statement(newPath, ni)
		if !in.ok {
			return declinef("%s: %q would not resolve after the move", where, text)
		}
		got = append(got, in.binds...)
	}
	if !sameBinds(got, before.binds) {
		return declinef("%s: %q would bind something else after the move (%v, was %v)", where, text, got, before.binds)
	}
	return pl.checkOrder(path, newPath, imp, mod.Imports, before, where)
}
