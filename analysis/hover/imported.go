package hover

import (
	"fmt"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/syntax"
)

// ImportedName answers on a use of an imported name: a bare name that an import binds
// (`thing(...)` after `from m import thing`) or `mod.name` where mod denotes an
// imported module. It says what the name finally denotes, as the hover on the import
// line does: for a module, its files; for a def or class, its signature (from the
// .pyi stub when the module has one), its docstring, and where it is defined.
func ImportedName(ix *analysis.Index, f *analysis.File, offset uint32) (Hover, bool) {
	if ix == nil || f == nil || f.Module == nil {
		return Hover{}, false
	}
	m := f.Module
	for _, r := range m.Refs {
		if !r.Span.Touches(offset) {
			continue
		}
		_, bs := m.Lookup(r.Scope, r.Name)
		if len(bs) == 0 || bs[len(bs)-1].Kind != analysis.BindImport {
			return Hover{}, false
		}
		t, ok := imports.ResolveNameTarget(ix, f, r.Name, r.Scope)
		if !ok {
			return Hover{}, false
		}
		return targetHover(ix, t, r.Span), true
	}
	for _, a := range m.Attrs {
		if !a.NameSpan.Touches(offset) {
			continue
		}
		t, ok := imports.ResolveAttr(ix, f, a.Object, a.Name)
		if !ok {
			return Hover{}, false
		}
		return targetHover(ix, t, a.NameSpan), true
	}
	return Hover{}, false
}

// targetHover is the hover of what an import target denotes.
func targetHover(ix *analysis.Index, t imports.Target, sp analysis.Span) Hover {
	if t.IsModule() {
		return moduleHover(ix, t.Module, sp)
	}
	return bindingHover(ix, t, sp)
}

// signatureOf spells a def or class of module m for a hover: `function name(params) ->
// ret` (`async function` for async def), `class Name(bases)`; "" for other bindings.
func signatureOf(m *analysis.Module, b *analysis.Binding) string {
	if m == nil || b == nil || b.Def == syntax.NoNode {
		return ""
	}
	t := m.Tree
	switch b.Kind {
	case analysis.BindDef:
		fn := m.FunctionAt(b.Def)
		if fn == nil {
			return ""
		}
		s := "function " + b.Name + oneLine(t, t.ChildByField(b.Def, "parameters"))
		if fn.Async {
			s = "async " + s
		}
		if rt := t.ChildByField(b.Def, "return_type"); rt != syntax.NoNode {
			s += " -> " + oneLine(t, rt)
		}
		return s
	case analysis.BindClass:
		return "class " + b.Name + oneLine(t, t.ChildByField(b.Def, "superclasses"))
	}
	return ""
}

// oneLine is the source text of n on one line, without comments ("" for NoNode).
func oneLine(t *syntax.Tree, n syntax.NodeID) string {
	if n == syntax.NoNode {
		return ""
	}
	text := t.Text(n)
	if !strings.ContainsAny(text, "\n\r#") {
		return text
	}
	// drop comments (a '#' outside strings: comments are nodes of their own)
	var b strings.Builder
	last := t.Nodes[n].Start
	t.Walk(n, func(c syntax.NodeID) bool {
		if t.Type(c) == "comment" {
			b.Write(t.Src[last:t.Nodes[c].Start])
			last = t.Nodes[c].End
			return false
		}
		return true
	})
	b.Write(t.Src[last:t.Nodes[n].End])
	s := strings.Join(strings.Fields(b.String()), " ")
	s = strings.ReplaceAll(s, "( ", "(")
	s = strings.ReplaceAll(s, ", )", ")")
	return strings.ReplaceAll(s, " )", ")")
}

// docstringOf is the docstring of a def or class binding of module m.
func docstringOf(m *analysis.Module, b *analysis.Binding) string {
	if m == nil || b == nil {
		return ""
	}
	switch b.Kind {
	case analysis.BindDef:
		if fn := m.FunctionAt(b.Def); fn != nil {
			return fn.Docstring
		}
	case analysis.BindClass:
		for _, cl := range m.Classes {
			if cl.Node == b.Def {
				return cl.Docstring
			}
		}
	}
	return ""
}

// stubSignatures are the signatures the module's .pyi stub gives name: one per
// @overload, in order; nil when there is no stub or it does not define name as a def
// or class.
func stubSignatures(ix *analysis.Index, t imports.Target, name string) ([]string, *analysis.Module) {
	stub := t.Module.Stub
	if stub == "" || stub == t.Path {
		if !strings.HasSuffix(t.Path, ".pyi") {
			return nil, nil
		}
		stub = t.Path
	}
	sm, err := ix.Module(stub)
	if err != nil || sm == nil {
		return nil, nil
	}
	var out []string
	for _, b := range sm.Scope.Bindings.Lookup(name) {
		if s := signatureOf(sm, b); s != "" {
			out = append(out, s)
		}
	}
	return out, sm
}

// bindingHover is the hover of an imported name: its signature (the stub's when there
// is one), its docstring, and where it is finally defined.
func bindingHover(ix *analysis.Index, t imports.Target, sp analysis.Span) Hover {
	line := 0
	if t.File != nil {
		line = int(t.File.Lines.Position(t.Binding.Span.Start, analysis.UTF8).Line) + 1
	}
	what := map[analysis.BindingKind]string{
		analysis.BindDef: "function", analysis.BindClass: "class", analysis.BindImport: "import", analysis.BindFor: "loop variable", analysis.BindWith: "with target",
	}[t.Binding.Kind]
	if what == "" {
		what = "variable"
	}
	code := []string{what + " " + t.Binding.Name}
	if s := signatureOf(t.File, t.Binding); s != "" {
		code = []string{s}
	}
	stubSigs, stubMod := stubSignatures(ix, t, t.Binding.Name)
	if len(stubSigs) > 0 {
		code = stubSigs
	}
	doc := docstringOf(t.File, t.Binding)
	if doc == "" && stubMod != nil {
		for _, b := range stubMod.Scope.Bindings.Lookup(t.Binding.Name) {
			if d := docstringOf(stubMod, b); d != "" {
				doc = d
				break
			}
		}
	}
	where := fmt.Sprintf("%s:%d", ix.DisplayPath(t.Path), line)
	md := fmt.Sprintf("```text\n%s\n```\n", strings.Join(code, "\n"))
	plain := strings.Join(code, "\n") + "\n"
	if doc != "" {
		doc = dhCleanDoc(strings.ReplaceAll(doc, "\r\n", "\n"))
		md += "\n" + dhDocMarkdown(doc) + "\n"
		plain += "\n" + doc + "\n"
	}
	md += fmt.Sprintf("\nDefined in `%s` (%s %s)", where, kindWords(t.Module), t.Module.Name)
	plain += fmt.Sprintf("Defined in %s (%s %s)", where, kindWords(t.Module), t.Module.Name)
	if len(stubSigs) > 0 {
		md += fmt.Sprintf("\n\nSignature from `%s`", ix.DisplayPath(t.Module.Stub))
		plain += fmt.Sprintf("\nSignature from %s", ix.DisplayPath(t.Module.Stub))
	}
	return Hover{Markdown: md, Plain: plain, Span: sp}
}
