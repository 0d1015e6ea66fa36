package analysis

import (
	"strconv"
	"strings"

	"github.com/pyward/pyward/analysis/syntax"
)

func (b *builder) importStmt(n syntax.NodeID, s *Scope) {
	t := b.t
	imp := &Import{Node: n, Span: b.span(n), Scope: s, Statement: n}
	switch t.Type(n) {
	case "import_statement":
		for _, c := range t.ChildrenByField(n, "name") {
			imp.Names = append(imp.Names, b.importName(c))
		}
	case "future_import_statement":
		imp.From, imp.Future = true, true
		imp.Module = []Segment{{Name: "__future__"}}
		for _, c := range t.ChildrenByField(n, "name") {
			imp.Names = append(imp.Names, b.importName(c))
		}
	default:
		imp.From = true
		if mod := t.ChildByField(n, "module_name"); mod != syntax.NoNode {
			switch t.Type(mod) {
			case "relative_import":
				for _, c := range t.NamedChildren(mod) {
					switch t.Type(c) {
					case "import_prefix":
						imp.Dots = int(t.Nodes[c].End - t.Nodes[c].Start)
						imp.DotsSpan = b.span(c)
					case "dotted_name":
						imp.Module = b.segments(c)
					}
				}
			case "dotted_name":
				imp.Module = b.segments(mod)
			}
			if len(imp.Module) == 1 && imp.Module[0].Name == "__future__" && imp.Dots == 0 {
				imp.Future = true
			}
		}
		for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
			if t.Type(c) == "wildcard_import" {
				imp.Star = true
				imp.StarSpan = b.span(c)
			}
		}
		for _, c := range t.ChildrenByField(n, "name") {
			imp.Names = append(imp.Names, b.importName(c))
		}
	}
	b.m.Imports = append(b.m.Imports, imp)
	for _, in := range imp.Names {
		if len(in.Path) == 0 {
			continue
		}
		bound := in.Bound()
		ident := syntax.NoNode
		if in.Alias != nil {
			ident = t.NodeAt(in.Alias.Span.Start)
		} else {
			ident = t.NodeAt(in.Path[0].Span.Start)
		}
		bd := b.bind(s, bound.Name, BindImport, ident, n)
		bd.Span = bound.Span
		bd.Import, bd.ImportName = imp, in
	}
	if imp.Star {
		bd := b.bind(s, "*", BindStarImport, syntax.NoNode, n)
		bd.Span = imp.StarSpan
		bd.Import = imp
	}
}

func (b *builder) importName(n syntax.NodeID) *ImportName {
	t := b.t
	in := &ImportName{}
	switch t.Type(n) {
	case "aliased_import":
		if name := t.ChildByField(n, "name"); name != syntax.NoNode {
			in.Path = b.segments(name)
		}
		if a := t.ChildByField(n, "alias"); a != syntax.NoNode {
			in.Alias = &Segment{Name: b.name(a), Span: b.span(a)}
		}
	default:
		in.Path = b.segments(n)
	}
	return in
}

func (b *builder) segments(n syntax.NodeID) []Segment {
	t := b.t
	if t.Type(n) == "identifier" {
		return []Segment{{Name: b.name(n), Span: b.span(n)}}
	}
	var out []Segment
	for _, c := range t.NamedChildren(n) {
		if t.Type(c) == "identifier" {
			out = append(out, Segment{Name: b.name(c), Span: b.span(c)})
		}
	}
	return out
}

// docstring returns the docstring of a module or block, if its first statement is a string.
func (b *builder) docstring(body syntax.NodeID) string {
	t := b.t
	for c := t.FirstChild(body); c != syntax.NoNode; c = t.NextSibling(c) {
		switch t.Type(c) {
		case "comment":
			continue
		case "expression_statement":
			kids := t.NamedChildren(c)
			if len(kids) == 1 && t.Type(kids[0]) == "string" {
				return StringValue(t, kids[0])
			}
		}
		return ""
	}
	return ""
}

// StringValue returns the value of a plain string literal node (no f-string
// interpolation), undoing common escapes; ok is false for f-strings and bytes.
func StringValue(t *syntax.Tree, n syntax.NodeID) string {
	v, _ := stringLiteral(t, n)
	return v
}

func stringLiteral(t *syntax.Tree, n syntax.NodeID) (string, bool) {
	if t.Type(n) == "concatenated_string" {
		var sb strings.Builder
		for _, c := range t.NamedChildren(n) {
			v, ok := stringLiteral(t, c)
			if !ok {
				return "", false
			}
			sb.WriteString(v)
		}
		return sb.String(), true
	}
	if t.Type(n) != "string" {
		return "", false
	}
	var sb strings.Builder
	raw := false
	for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
		nd := &t.Nodes[c]
		switch t.Type(c) {
		case "string_start":
			// the prefix letters, then the quotes
			for _, ch := range t.Src[nd.Start:nd.End] {
				switch ch {
				case 'f', 'F', 'b', 'B':
					return "", false
				case 'r', 'R':
					raw = true
				}
			}
		case "string_content":
			if sb.Cap() == 0 {
				sb.Grow(int(t.Nodes[n].End - nd.Start)) // at most the rest of the literal
			}
			sb.Write(t.Src[nd.Start:nd.End])
		case "escape_sequence":
			e := t.Text(c)
			if raw {
				sb.WriteString(e)
			} else if u, err := strconv.Unquote(`"` + e + `"`); err == nil {
				sb.WriteString(u)
			} else {
				sb.WriteString(e)
			}
		case "interpolation":
			return "", false
		}
	}
	return sb.String(), true
}
