package rules

// Shared facts for the six underscore rules (private-member-access,
// private-module-import, mangled-attribute-access, mangled-name-mismatch,
// mangled-global-reference, star-import-private): which names are private, which
// classes declare which members, what a base class or a receiver resolves to.

import (
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

// isPrivateName reports whether name is private by convention: it starts with an
// underscore, is not `_` alone and is not a dunder.
func isPrivateName(name string) bool {
	return len(name) > 1 && name[0] == '_' && !isDunder(name) && strings.Trim(name, "_") != ""
}

// isSunder reports whether name is a `_sunder_` name (one underscore each side).
func isSunder(name string) bool {
	return len(name) > 2 && name[0] == '_' && name[1] != '_' && name[len(name)-1] == '_' && name[len(name)-2] != '_'
}

// isDunder reports whether name is a special name `__x__`.
func isDunder(name string) bool {
	return len(name) > 4 && strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__")
}

// exemptMembers are private-looking members that are public API: namedtuple's and
// Enum's documented underscore names. Every other `_sunder_` name is exempt too (see
// isSunder): Enum reserves that namespace for its API.
var exemptMembers = map[string]bool{
	"_make": true, "_asdict": true, "_replace": true, "_fields": true, "_field_defaults": true,
	"_name_": true, "_value_": true, "_missing_": true, "_ignore_": true,
	"_generate_next_value_": true, "_order_": true,
}

// exemptModuleNames are private names of modules that are documented public API.
var exemptModuleNames = map[string]bool{
	"os._exit":      true,
	"sys._getframe": true,
}

// selfNames are receivers that stand for the instance or class being defined.
var selfNames = map[string]bool{"self": true, "cls": true, "mcs": true, "mcls": true, "metacls": true}

// builtinClasses are builtin base classes: they declare no private members of user code.
var builtinClasses = map[string]bool{
	"object": true, "type": true, "int": true, "float": true, "complex": true, "str": true,
	"bytes": true, "bytearray": true, "list": true, "tuple": true, "dict": true, "set": true,
	"frozenset": true, "bool": true, "property": true, "classmethod": true, "staticmethod": true,
	"BaseException": true, "Exception": true, "ValueError": true, "TypeError": true,
	"KeyError": true, "IndexError": true, "RuntimeError": true, "OSError": true,
	"AttributeError": true, "LookupError": true, "ArithmeticError": true, "Warning": true,
	"UserWarning": true, "DeprecationWarning": true, "NotImplementedError": true,
	"ImportError": true, "StopIteration": true, "EnvironmentError": true, "IOError": true,
}

// privateRulesSkip reports whether the two private rules leave file f alone: stubs,
// and test files unless the settings ask for them.
func privateRulesSkip(c *analysis.Context) bool {
	return c.File.IsStub() || (c.File.IsTest() && !c.Config.CheckTests)
}

// inAnnotation reports whether n stands in a type annotation (of a parameter, an
// assignment or a return), which the rules leave alone.
func inAnnotation(t *syntax.Tree, n syntax.NodeID) bool {
	for c := n; c != syntax.NoNode; c = t.Parent(c) {
		p := t.Parent(c)
		if p == syntax.NoNode {
			return false
		}
		switch t.Field(c) {
		case "return_type":
			return true
		case "type":
			switch t.Type(p) {
			case "typed_parameter", "typed_default_parameter", "assignment":
				return true
			}
		}
		switch t.Type(p) {
		case "block", "module":
			return false
		}
	}
	return false
}

// classRef is a class and the module (and file) that defines it.
type classRef struct {
	C    *analysis.Class
	M    *analysis.Module
	Path string
}

// underscore holds what the underscore rules compute about the checked file and the
// modules it reaches, for one run of one rule.
type underscore struct {
	c        *analysis.Context
	m        *analysis.Module
	declared map[*analysis.Module]map[*analysis.Class]map[string]bool
	anc      map[*analysis.Class]ancestry
	src      []byte
	// storedAsWritten holds the `__x` attributes stored where no class mangles them.
	storedAsWritten map[string]bool
	// strs and idents are the file's name strings and identifiers, made on first use.
	strs   *nameStrings
	idents map[string]bool
}

// ancestry is the cached result of ancestors.
type ancestry struct {
	bases    []classRef
	complete bool
}

func newUnderscore(c *analysis.Context) *underscore {
	return &underscore{
		c:        c,
		m:        c.Module,
		declared: map[*analysis.Module]map[*analysis.Class]map[string]bool{},
		anc:      map[*analysis.Class]ancestry{},
		src:      c.Module.Tree.Src,
	}
}

// nameStrings are what a file's code says about names outside identifiers: the string
// literals that may name an attribute or a variable (an argument of getattr / setattr
// / hasattr / delattr, a subscript key as in `obj.__dict__['_C__x']` or
// `globals()['_C__x']`, a dictionary key), the names of keyword arguments
// (`vars(obj).update(_C__x=1)`), and every other string literal but docstrings, whose
// prefixes may build names (`'_C__' + name`, `"_C__%s" % name`, `f"_C__{name}"`).
// Comments and docstrings are not among them: they name nothing.
type nameStrings struct {
	names    map[string]bool
	builders []string
}

// nameFunctions take an attribute name as a string argument.
var nameFunctions = map[string]bool{"getattr": true, "setattr": true, "hasattr": true, "delattr": true}

// strings returns the file's name strings, computed on first use (one walk).
func (u *underscore) strings() *nameStrings {
	if u.strs != nil {
		return u.strs
	}
	ns := &nameStrings{names: map[string]bool{}}
	u.strs = ns
	t := u.m.Tree
	t.Walk(0, func(n syntax.NodeID) bool {
		switch t.Type(n) {
		case "keyword_argument":
			if k := t.ChildByField(n, "name"); k != syntax.NoNode {
				ns.names[t.Text(k)] = true
			}
			return true
		case "string":
		default:
			return true
		}
		parent, child := analysis.ParentSkippingParens(t, n)
		if parent == syntax.NoNode {
			return false
		}
		if t.HasChildOfType(n, "interpolation") {
			ns.builders = append(ns.builders, fstringHead(t, n))
			return false
		}
		v := analysis.StringValue(t, n)
		switch t.Type(parent) {
		case "expression_statement":
			return false // a docstring, or a string used as a comment
		case "argument_list":
			if call := t.Parent(parent); call != syntax.NoNode && nameFunctions[analysis.DottedName(t, t.ChildByField(call, "function"))] {
				ns.names[v] = true
			}
		case "subscript":
			if t.Field(child) == "subscript" {
				ns.names[v] = true
			}
		case "pair":
			if t.Field(child) == "key" {
				ns.names[v] = true
			}
		}
		ns.builders = append(ns.builders, v)
		return false
	})
	return ns
}

// buildsWith reports whether some string of the file may build a name from prefix: it
// starts with prefix, and what follows is not a whole name (`'_C__'`, `'_C__%s'`,
// `'_C__{}'`; not `'_C__x'`, which is a name and counts only where names are used).
func (ns *nameStrings) buildsWith(prefix string) bool {
	for _, s := range ns.builders {
		if strings.HasPrefix(s, prefix) && !isIdentifier(s[len(prefix):]) {
			return true
		}
	}
	return false
}

// isIdentifier reports whether s is a (non-empty, ASCII) Python identifier.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// fstringHead is the literal text of f-string n before its first replacement field.
func fstringHead(t *syntax.Tree, n syntax.NodeID) string {
	var b strings.Builder
	for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
		switch t.Type(c) {
		case "interpolation":
			return b.String()
		case "string_content":
			b.WriteString(t.Text(c))
		}
	}
	return b.String()
}

// spelled reports whether the file's code (not its comments, docstrings or unrelated
// strings) spells name: as a name it binds or reads, an attribute, or a name string.
func (u *underscore) spelled(name string) bool {
	if u.idents == nil {
		u.idents = map[string]bool{}
		for _, r := range u.m.Refs {
			u.idents[r.Name] = true
		}
		for _, a := range u.m.Attrs {
			u.idents[a.Name] = true
		}
		for _, s := range u.m.Scopes {
			for n := range s.Bindings.All() {
				u.idents[n] = true
			}
		}
	}
	return u.idents[name] || u.strings().names[name]
}

// file returns the File of a module reached through the index (or the checked file).
func (u *underscore) file(m *analysis.Module, path string) *analysis.File {
	if m == u.m {
		return u.c.File
	}
	return &analysis.File{Path: path, Module: m}
}

// declaredIn returns, for each class of m, the member names it declares, spelled as
// the compiler spells them (mangled with the class's name): names bound in its body
// (annotations included), `__slots__` entries, and attributes stored by code that
// stands lexically in the class (`self.x = ...`, `other.x = ...` in its methods).
func (u *underscore) declaredIn(m *analysis.Module) map[*analysis.Class]map[string]bool {
	if d, ok := u.declared[m]; ok {
		return d
	}
	d := map[*analysis.Class]map[string]bool{}
	for _, cl := range m.Classes {
		set := map[string]bool{}
		for raw := range cl.Members {
			set[semantic.Mangle(cl.Name, raw)] = true
		}
		if cl.Scope != nil {
			for raw, bs := range cl.Scope.Bindings.All() {
				set[semantic.Mangle(cl.Name, raw)] = true
				if raw == "__slots__" {
					for _, b := range bs {
						for _, s := range slotNames(m.Tree, b.Def) {
							set[semantic.Mangle(cl.Name, s)] = true
						}
					}
				}
			}
		}
		d[cl] = set
	}
	for _, a := range m.Attrs {
		if !a.Store {
			continue
		}
		if cl := semantic.ManglingClass(a.Scope); cl != nil && d[cl] != nil {
			d[cl][semantic.Mangle(cl.Name, a.Name)] = true
		}
	}
	u.declared[m] = d
	return d
}

// slotNames returns the string literals of `__slots__ = (...)` or `__slots__ += (...)`
// (statement def).
func slotNames(t *syntax.Tree, def syntax.NodeID) []string {
	if def == syntax.NoNode || t.Type(def) != "assignment" && t.Type(def) != "augmented_assignment" {
		return nil
	}
	right := t.ChildByField(def, "right")
	if right == syntax.NoNode {
		return nil
	}
	var out []string
	switch t.Type(right) {
	case "string":
		out = append(out, analysis.StringValue(t, right))
	case "list", "tuple", "set", "parenthesized_expression":
		for _, e := range t.NamedChildren(right) {
			if t.Type(e) == "string" {
				out = append(out, analysis.StringValue(t, e))
			}
		}
	}
	return out
}

// declares reports whether class r declares the member spelled mangled (as the
// compiler spells it inside r).
func (u *underscore) declares(r classRef, mangled string) bool {
	return u.declaredIn(r.M)[r.C][mangled]
}

// classAt returns the class of m whose class_definition node is n.
func classAt(m *analysis.Module, n syntax.NodeID) *analysis.Class {
	for _, cl := range m.Classes {
		if cl.Node == n {
			return cl
		}
	}
	return nil
}

// resolveClassName resolves name, read in scope of the module of r's file, to a class.
// known is false when the name cannot be followed (then it may be anything).
func (u *underscore) resolveClassName(m *analysis.Module, path string, scope *analysis.Scope, name string) (ref classRef, isClass, known bool) {
	sc, bs := m.Lookup(scope, name)
	if sc == nil {
		if u.c.Index != nil {
			if tg, ok := imports.ResolveNameTarget(u.c.Index, u.file(m, path), name, scope); ok {
				return targetClass(tg)
			}
		}
		return classRef{}, false, builtinClasses[name]
	}
	b := bs[len(bs)-1]
	switch b.Kind {
	case analysis.BindClass:
		if cl := classAt(m, b.Def); cl != nil {
			return classRef{C: cl, M: m, Path: path}, true, true
		}
	case analysis.BindImport:
		if u.c.Index != nil {
			if tg, ok := imports.ResolveNameTarget(u.c.Index, u.file(m, path), name, scope); ok {
				return targetClass(tg)
			}
		}
	}
	return classRef{}, false, false
}

// targetClass turns an import target into a class reference.
func targetClass(tg imports.Target) (classRef, bool, bool) {
	if tg.File == nil || tg.Binding == nil {
		return classRef{}, false, tg.IsModule()
	}
	if tg.Binding.Kind != analysis.BindClass {
		return classRef{}, false, false
	}
	if cl := classAt(tg.File, tg.Binding.Def); cl != nil {
		return classRef{C: cl, M: tg.File, Path: tg.Path}, true, true
	}
	return classRef{}, false, false
}

// resolveBase resolves a base-class expression of class r.
func (u *underscore) resolveBase(r classRef, base analysis.Expr) (classRef, bool, bool) {
	t := r.M.Tree
	n := base.Node
	if n != syntax.NoNode && t.Type(n) == "subscript" { // Generic[T], Base[int]
		n = t.ChildByField(n, "value")
	}
	if n == syntax.NoNode {
		return classRef{}, false, false
	}
	outer := r.C.Scope.Parent
	switch t.Type(n) {
	case "identifier":
		return u.resolveClassName(r.M, r.Path, outer, t.Text(n))
	case "attribute":
		obj := t.ChildByField(n, "object")
		attr := t.ChildByField(n, "attribute")
		if obj == syntax.NoNode || attr == syntax.NoNode {
			return classRef{}, false, false
		}
		if t.Type(obj) == "identifier" {
			// Outer.Inner: a class nested in a class of the same module.
			if outerRef, isClass, _ := u.resolveClassName(r.M, r.Path, outer, t.Text(obj)); isClass && outerRef.C.Scope != nil {
				for _, b := range outerRef.C.Scope.Bindings.Lookup(t.Text(attr)) {
					if b.Kind == analysis.BindClass {
						if cl := classAt(outerRef.M, b.Def); cl != nil {
							return classRef{C: cl, M: outerRef.M, Path: outerRef.Path}, true, true
						}
					}
				}
				return classRef{}, false, false
			}
		}
		if u.c.Index == nil {
			return classRef{}, false, false
		}
		if tg, ok := imports.ResolveAttr(u.c.Index, u.file(r.M, r.Path), obj, t.Text(attr)); ok {
			return targetClass(tg)
		}
	}
	return classRef{}, false, false
}

// maxAncestors bounds the walk up a class hierarchy.
const maxAncestors = 64

// ancestors returns the base classes of r, transitively, nearest first, and whether
// every base could be resolved (complete).
func (u *underscore) ancestors(r classRef) ([]classRef, bool) {
	if a, ok := u.anc[r.C]; ok {
		return a.bases, a.complete
	}
	out, complete := u.walkAncestors(r)
	u.anc[r.C] = ancestry{bases: out, complete: complete}
	return out, complete
}

// walkAncestors is ancestors without the cache.
func (u *underscore) walkAncestors(r classRef) (out []classRef, complete bool) {
	complete = true
	seen := map[*analysis.Class]bool{r.C: true}
	queue := []classRef{r}
	for len(queue) > 0 && len(out) < maxAncestors {
		cur := queue[0]
		queue = queue[1:]
		for _, b := range cur.C.Bases {
			br, isClass, known := u.resolveBase(cur, b)
			if !known {
				complete = false
				continue
			}
			if !isClass || seen[br.C] {
				continue
			}
			seen[br.C] = true
			out = append(out, br)
			queue = append(queue, br)
		}
		if u.c.Ctx != nil && u.c.Ctx.Err() != nil {
			return out, false
		}
	}
	return out, complete
}

// receiverKind says what the receiver of an attribute access denotes.
type receiverKind int

const (
	recvOther  receiverKind = iota // an expression pyward cannot classify
	recvSelf                       // self, cls, super(), the first parameter of a method
	recvModule                     // a module (a name bound by an import that denotes one)
	recvClass                      // a class (of this file or imported)
)

// moduleRef is a module a receiver denotes: its summary and its file.
type moduleRef struct {
	s    *analysis.Summary
	path string
}

// receiverModule is the module of a target resolved lazily, from its summary; nil when
// it has no source or cannot be read.
func (u *underscore) receiverModule(tg imports.Target) *moduleRef {
	if tg.Path == "" {
		return nil
	}
	s, err := u.c.Index.Summary(tg.Path)
	if err != nil {
		return nil
	}
	return &moduleRef{s: s, path: tg.Path}
}

// receiverTarget classifies a name or attribute target resolved lazily: a module (its
// summary, not parsed), a class (parsed), or something else.
func (u *underscore) receiverTarget(tg imports.Target, name string) (receiverKind, classRef, *moduleRef, string) {
	if tg.IsModule() {
		return recvModule, classRef{}, u.receiverModule(tg), moduleName(tg, name)
	}
	if tg, ok := imports.Materialize(u.c.Index, tg); ok {
		if r, isClass, _ := targetClass(tg); isClass {
			return recvClass, r, nil, ""
		}
	}
	return recvOther, classRef{}, nil, ""
}

// receiver classifies the receiver expression obj of an attribute read in scope s.
// For classes it returns the class; for modules, the module (when resolved: its
// summary and file) and its dotted name as written.
func (u *underscore) receiver(obj syntax.NodeID, s *analysis.Scope) (kind receiverKind, cls classRef, mod *moduleRef, modName string) {
	t := u.m.Tree
	if obj == syntax.NoNode {
		return recvOther, classRef{}, nil, ""
	}
	switch t.Type(obj) {
	case "call":
		if f := t.ChildByField(obj, "function"); f != syntax.NoNode && t.Type(f) == "identifier" && t.Text(f) == "super" {
			return recvSelf, classRef{}, nil, ""
		}
		// type(self) is the class of self: its own members.
		if f := t.ChildByField(obj, "function"); f != syntax.NoNode && t.Type(f) == "identifier" && t.Text(f) == "type" {
			if args := t.NamedChildren(t.ChildByField(obj, "arguments")); len(args) == 1 {
				if k, _, _, _ := u.receiver(args[0], s); k == recvSelf {
					return recvSelf, classRef{}, nil, ""
				}
			}
		}
		return recvOther, classRef{}, nil, ""
	case "identifier":
		name := t.Text(obj)
		sc, bs := u.m.Lookup(s, name)
		if sc == nil {
			if selfNames[name] {
				return recvSelf, classRef{}, nil, ""
			}
			return recvOther, classRef{}, nil, ""
		}
		b := bs[len(bs)-1]
		switch b.Kind {
		case analysis.BindParam:
			if fn := sc.Function; fn != nil && fn.Class != nil && len(fn.Params) > 0 && fn.Params[0] == name && !isStatic(fn) {
				return recvSelf, classRef{}, nil, ""
			}
			if selfNames[name] {
				return recvSelf, classRef{}, nil, ""
			}
		case analysis.BindClass:
			if cl := classAt(u.m, b.Def); cl != nil {
				return recvClass, classRef{C: cl, M: u.m, Path: u.c.File.Path}, nil, ""
			}
		case analysis.BindImport:
			return u.importReceiver(obj, s, b)
		}
		if selfNames[name] {
			return recvSelf, classRef{}, nil, ""
		}
	case "attribute":
		// self.__class__ is the class of self: its own members.
		if t.Text(t.ChildByField(obj, "attribute")) == "__class__" {
			if k, _, _, _ := u.receiver(t.ChildByField(obj, "object"), s); k == recvSelf {
				return recvSelf, classRef{}, nil, ""
			}
		}
		d := analysis.DottedName(t, obj)
		if d == "" {
			return recvOther, classRef{}, nil, ""
		}
		first := d[:strings.IndexByte(d, '.')]
		sc, bs := u.m.Lookup(s, first)
		if sc == nil {
			return recvOther, classRef{}, nil, ""
		}
		b := bs[len(bs)-1]
		if b.Kind != analysis.BindImport || b.Import == nil {
			return recvOther, classRef{}, nil, ""
		}
		if u.c.Index != nil {
			attr := t.ChildByField(obj, "attribute")
			if tg, ok := imports.ResolveAttrLazy(u.c.Index, u.c.File, t.ChildByField(obj, "object"), t.Text(attr)); ok {
				return u.receiverTarget(tg, d)
			}
		}
		// `import a.b` then a.b.x: a module chain as far as the import spells it.
		if !b.Import.From && b.ImportName != nil && b.ImportName.Alias == nil {
			var path []string
			for _, sg := range b.ImportName.Path {
				path = append(path, sg.Name)
			}
			if strings.HasPrefix(strings.Join(path, ".")+".", d+".") {
				return recvModule, classRef{}, nil, d
			}
		}
	}
	return recvOther, classRef{}, nil, ""
}

// importReceiver classifies a name bound by an import.
func (u *underscore) importReceiver(obj syntax.NodeID, s *analysis.Scope, b *analysis.Binding) (receiverKind, classRef, *moduleRef, string) {
	name := u.m.Tree.Text(obj)
	if u.c.Index != nil {
		if tg, ok := imports.ResolveNameTargetLazy(u.c.Index, u.c.File, name, s); ok {
			return u.receiverTarget(tg, name)
		}
	}
	if b.Import != nil && !b.Import.From {
		return recvModule, classRef{}, nil, name
	}
	// from m import x, unresolved: by convention a capitalised name is a class.
	if name != "" && name[0] >= 'A' && name[0] <= 'Z' {
		return recvOther, classRef{}, nil, ""
	}
	return recvModule, classRef{}, nil, name
}

// moduleName is the full dotted name of the module tg denotes (np -> numpy, a module
// imported with `from . import models` -> app.privacy.models), else the spelling.
func moduleName(tg imports.Target, spelled string) string {
	if tg.Module.Name != "" {
		return tg.Module.Name
	}
	return spelled
}

// isStatic reports whether fn is decorated with staticmethod.
func isStatic(fn *analysis.Function) bool {
	for _, d := range fn.Decorators {
		if d.Dotted == "staticmethod" {
			return true
		}
	}
	return false
}

// enclosingClasses returns the classes whose bodies lexically contain s, innermost first.
func enclosingClasses(s *analysis.Scope) []*analysis.Class {
	var out []*analysis.Class
	for sc := s; sc != nil; sc = sc.Parent {
		if sc.Kind == analysis.ClassScope && sc.Class != nil {
			out = append(out, sc.Class)
		}
	}
	return out
}

// inOwnAll reports whether name is listed in the checked module's __all__.
func (u *underscore) inOwnAll(name string) bool {
	for _, n := range u.m.All {
		if n == name {
			return true
		}
	}
	return false
}

// replaceFix returns a fix that replaces span with text.
func replaceFix(title string, span analysis.Span, text string, preferred bool) analysis.Fix {
	return analysis.Fix{Title: title, Edits: []analysis.TextEdit{{Span: span, NewText: text}}, Preferred: preferred}
}

// answersAnyAttribute reports whether class r or a known base defines __getattr__ or
// __getattribute__: then a missing attribute need not raise AttributeError.
func (u *underscore) answersAnyAttribute(r classRef) bool {
	if u.declares(r, "__getattr__") || u.declares(r, "__getattribute__") {
		return true
	}
	anc, _ := u.ancestors(r)
	for _, b := range anc {
		if u.declares(b, "__getattr__") || u.declares(b, "__getattribute__") {
			return true
		}
	}
	return false
}
