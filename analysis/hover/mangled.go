package hover

import (
	"fmt"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

// Mangled describes the name at offset when the compiler rewrites it: a name
// starting with two underscores written inside a class body (or anything nested in
// it) shows its mangled spelling, `__x` → `_Foo__x`. A keyword-argument name at a
// call inside a class, which is not mangled, says so. ok is false elsewhere.
func Mangled(f *analysis.File, offset uint32) (Hover, bool) {
	if f == nil || f.Module == nil {
		return Hover{}, false
	}
	m := f.Module
	t := m.Tree
	n := t.NodeAt(offset)
	if n == syntax.NoNode || t.Type(n) != "identifier" {
		return Hover{}, false
	}
	text := t.Text(n)
	if !semantic.IsMangledName(text) {
		return Hover{}, false
	}
	span := m.Span(n)
	spelled := semantic.MangledAt(m, n)
	cls := semantic.ManglingClass(m.ScopeOf(n))
	if spelled != text && cls != nil {
		return Hover{
			Span: span,
			Markdown: fmt.Sprintf("`%s` → `%s`\n\nName mangling: inside class `%s`, the compiler rewrites names that start with two underscores (and do not end with two) to `%s`. "+
				"Outside the class, and in subclasses, this member is reachable only as `%s`.", text, spelled, cls.Name, spelled, spelled),
			Plain: fmt.Sprintf("%s -> %s\n\nName mangling: inside class %s, the compiler rewrites names that start with two underscores (and do not end with two) to %s. "+
				"Outside the class, and in subclasses, this member is reachable only as %s.", text, spelled, cls.Name, spelled, spelled),
		}, true
	}
	if cls != nil && semantic.Mangle(cls.Name, text) != text {
		// Inside a mangling class but left alone: a keyword-argument name.
		return Hover{
			Span: span,
			Markdown: fmt.Sprintf("`%s` (not mangled)\n\nKeyword-argument names at a call are passed as strings: the compiler does not rewrite them to `%s`, "+
				"while a parameter `%s` of a function defined in class `%s` is named `%s`.", text, semantic.Mangle(cls.Name, text), text, cls.Name, semantic.Mangle(cls.Name, text)),
			Plain: fmt.Sprintf("%s (not mangled)\n\nKeyword-argument names at a call are passed as strings: the compiler does not rewrite them to %s, "+
				"while a parameter %s of a function defined in class %s is named %s.", text, semantic.Mangle(cls.Name, text), text, cls.Name, semantic.Mangle(cls.Name, text)),
		}, true
	}
	return Hover{}, false
}
