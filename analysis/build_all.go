package analysis

import "github.com/pyward/pyward/analysis/syntax"

func (b *builder) allLiterals(n syntax.NodeID) ([]string, bool) {
	t := b.t
	switch t.Type(n) {
	case "list", "tuple", "parenthesized_expression":
		var out []string
		for _, c := range t.NamedChildren(n) {
			v, ok := stringLiteral(t, c)
			if !ok {
				return nil, false
			}
			out = append(out, v)
		}
		return out, true
	case "binary_operator":
		l, ok1 := b.allLiterals(t.ChildByField(n, "left"))
		r, ok2 := b.allLiterals(t.ChildByField(n, "right"))
		return append(l, r...), ok1 && ok2
	}
	return nil, false
}

func (b *builder) allAssigned(right syntax.NodeID) {
	b.m.HasAll = true
	if v, ok := b.allLiterals(right); ok {
		b.m.All = v
	} else {
		b.allDynamic = true
	}
}

func (b *builder) allAugmented(n syntax.NodeID) {
	b.m.HasAll = true
	if v, ok := b.allLiterals(b.t.ChildByField(n, "right")); ok {
		b.m.All = append(b.m.All, v...)
	} else {
		b.allDynamic = true
	}
}

// allCall handles __all__.extend([...]) and __all__.append("x") at module level.
func (b *builder) allCall(stmt syntax.NodeID) {
	t := b.t
	kids := t.NamedChildren(stmt)
	if len(kids) != 1 || t.Type(kids[0]) != "call" {
		return
	}
	fn := t.ChildByField(kids[0], "function")
	d := DottedName(t, fn)
	if d != "__all__.extend" && d != "__all__.append" {
		return
	}
	b.m.HasAll = true
	args := t.NamedChildren(t.ChildByField(kids[0], "arguments"))
	if len(args) != 1 {
		b.allDynamic = true
		return
	}
	if d == "__all__.append" {
		if v, ok := stringLiteral(t, args[0]); ok {
			b.m.All = append(b.m.All, v)
			return
		}
	} else if v, ok := b.allLiterals(args[0]); ok {
		b.m.All = append(b.m.All, v...)
		return
	}
	b.allDynamic = true
}

func (b *builder) finishAll() {
	if b.allDynamic {
		b.m.DynamicAll = true
	}
}
