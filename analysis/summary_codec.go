package analysis

import (
	"encoding/binary"
	"errors"
	"sort"
)

// SummaryFormat is the version of EncodeSummary's layout; a cache keys its entries
// with it, so that a pyward with another layout never reads them.
const SummaryFormat = 2

// EncodeSummary returns s as bytes that DecodeSummary reads back. Map entries are
// written in sorted order, so equal summaries encode equally.
func EncodeSummary(s *Summary) []byte {
	var w summaryWriter
	w.uint(SummaryFormat)
	names := make([]string, 0, len(s.Bindings))
	for n := range s.Bindings {
		names = append(names, n)
	}
	sort.Strings(names)
	w.uint(uint64(len(names)))
	for _, n := range names {
		w.str(n)
		bs := s.Bindings[n]
		w.uint(uint64(len(bs)))
		for _, b := range bs {
			w.uint(uint64(b.Kind))
			w.span(b.Span)
			w.int(int64(b.Import))
			w.int(int64(b.ImportName))
			w.int(int64(b.Class))
			w.function(b.Function)
		}
	}
	w.uint(uint64(len(s.Imports)))
	for _, imp := range s.Imports {
		w.span(imp.Span)
		w.flags(imp.From, imp.Star, imp.Future, imp.Nested)
		w.uint(uint64(imp.Dots))
		w.strs(imp.Module)
		w.uint(uint64(len(imp.Names)))
		for _, in := range imp.Names {
			w.strs(in.Path)
			w.str(in.Alias)
		}
	}
	w.flags(s.NestedStar, s.HasAll, s.DynamicAll, s.HasGetattr, s.WritesGlobals, s.All != nil)
	w.strs(s.All)
	w.uint(uint64(s.Markers))
	w.uint(uint64(len(s.Classes)))
	for _, c := range s.Classes {
		w.str(c.Name)
		w.span(c.NameSpan)
		w.strs(c.Bases)
		w.str(c.Docstring)
		members := make([]string, 0, len(c.Members))
		for n := range c.Members {
			members = append(members, n)
		}
		sort.Strings(members)
		w.uint(uint64(len(members)))
		for _, n := range members {
			w.str(n)
			w.uint(uint64(len(c.Members[n])))
			for _, sp := range c.Members[n] {
				w.span(sp)
			}
		}
		methods := make([]string, 0, len(c.Methods))
		for n := range c.Methods {
			methods = append(methods, n)
		}
		sort.Strings(methods)
		w.flags(c.Methods != nil)
		w.uint(uint64(len(methods)))
		for _, n := range methods {
			w.str(n)
			w.function(c.Methods[n])
		}
	}
	w.str(s.Docstring)
	w.strs(s.Nonlocals)
	return w.b
}

// errBadSummary is what DecodeSummary says of bytes it did not write.
var errBadSummary = errors.New("not a pyward module summary of this format")

// DecodeSummary reads what EncodeSummary wrote. Bytes of another format, truncated or
// damaged, give an error (never a panic or a partly read summary).
func DecodeSummary(data []byte) (s *Summary, err error) {
	r := summaryReader{b: data}
	defer func() {
		if recover() != nil {
			s, err = nil, errBadSummary
		}
	}()
	if r.uint() != SummaryFormat {
		return nil, errBadSummary
	}
	s = &Summary{}
	n := r.count()
	s.Bindings = make(map[string][]SummaryBinding, n)
	for i := 0; i < n; i++ {
		name := r.str()
		bs := make([]SummaryBinding, r.count())
		for j := range bs {
			b := &bs[j]
			b.Kind = BindingKind(r.uint())
			b.Span = r.span()
			b.Import = int(r.int())
			b.ImportName = int(r.int())
			b.Class = int(r.int())
			b.Function = r.function()
		}
		s.Bindings[name] = bs
	}
	s.Imports = make([]SummaryImport, r.count())
	for i := range s.Imports {
		imp := &s.Imports[i]
		imp.Span = r.span()
		f := r.flags(4)
		imp.From, imp.Star, imp.Future, imp.Nested = f[0], f[1], f[2], f[3]
		imp.Dots = int(r.uint())
		imp.Module = r.strs()
		if n := r.count(); n > 0 {
			imp.Names = make([]SummaryImportName, n)
		}
		for j := range imp.Names {
			imp.Names[j].Path = r.strs()
			imp.Names[j].Alias = r.str()
		}
	}
	if len(s.Imports) == 0 {
		s.Imports = nil
	}
	f := r.flags(6)
	s.NestedStar, s.HasAll, s.DynamicAll, s.HasGetattr, s.WritesGlobals = f[0], f[1], f[2], f[3], f[4]
	s.All = r.strs()
	if f[5] && s.All == nil {
		s.All = []string{}
	}
	s.Markers = uint32(r.uint())
	s.Classes = make([]SummaryClass, r.count())
	for i := range s.Classes {
		c := &s.Classes[i]
		c.Name = r.str()
		c.NameSpan = r.span()
		c.Bases = r.strs()
		c.Docstring = r.str()
		nm := r.count()
		c.Members = make(map[string][]Span, nm)
		for j := 0; j < nm; j++ {
			name := r.str()
			spans := make([]Span, r.count())
			for k := range spans {
				spans[k] = r.span()
			}
			c.Members[name] = spans
		}
		hasMethods := r.flags(1)[0]
		nf := r.count()
		if hasMethods {
			c.Methods = make(map[string]*SummaryFunction, nf)
		}
		for j := 0; j < nf; j++ {
			name := r.str()
			c.Methods[name] = r.function()
		}
	}
	if len(s.Classes) == 0 {
		s.Classes = nil
	}
	s.Docstring = r.str()
	s.Nonlocals = r.strs()
	if len(r.b) != 0 {
		return nil, errBadSummary
	}
	return s, nil
}

type summaryWriter struct{ b []byte }

func (w *summaryWriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *summaryWriter) int(v int64)   { w.b = binary.AppendVarint(w.b, v) }
func (w *summaryWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

// strs writes a list of strings; nil and empty are told apart.
func (w *summaryWriter) strs(ss []string) {
	if ss == nil {
		w.uint(0)
		return
	}
	w.uint(uint64(len(ss)) + 1)
	for _, s := range ss {
		w.str(s)
	}
}
func (w *summaryWriter) span(s Span) {
	w.uint(uint64(s.Start))
	w.uint(uint64(s.End - s.Start))
}
func (w *summaryWriter) flags(fs ...bool) {
	var v uint64
	for i, f := range fs {
		if f {
			v |= 1 << i
		}
	}
	w.uint(v)
}
func (w *summaryWriter) function(f *SummaryFunction) {
	if f == nil {
		w.uint(0)
		return
	}
	w.uint(1)
	w.flags(f.Async, f.Generator, f.Returns)
	w.strs(f.Decorators)
	w.strs(f.DecoratorCalls)
	w.strs(f.Params)
	w.str(f.Docstring)
}

// summaryReader reads what summaryWriter wrote; it panics on short or bad input
// (DecodeSummary recovers).
type summaryReader struct{ b []byte }

func (r *summaryReader) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		panic(errBadSummary)
	}
	r.b = r.b[n:]
	return v
}
func (r *summaryReader) int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		panic(errBadSummary)
	}
	r.b = r.b[n:]
	return v
}

// count reads a length, refusing one larger than the bytes left could hold.
func (r *summaryReader) count() int {
	v := r.uint()
	if v > uint64(len(r.b)) {
		panic(errBadSummary)
	}
	return int(v)
}
func (r *summaryReader) str() string {
	n := r.count()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
func (r *summaryReader) strs() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n-1)
	for i := range out {
		out[i] = r.str()
	}
	return out
}
func (r *summaryReader) span() Span {
	start := r.uint()
	l := r.uint()
	if start+l > 1<<32-1 {
		panic(errBadSummary)
	}
	return Span{Start: uint32(start), End: uint32(start + l)}
}
func (r *summaryReader) flags(n int) []bool {
	v := r.uint()
	if v>>n != 0 {
		panic(errBadSummary)
	}
	out := make([]bool, n)
	for i := range out {
		out[i] = v&(1<<i) != 0
	}
	return out
}
func (r *summaryReader) function() *SummaryFunction {
	switch r.uint() {
	case 0:
		return nil
	case 1:
	default:
		panic(errBadSummary)
	}
	f := &SummaryFunction{}
	fl := r.flags(3)
	f.Async, f.Generator, f.Returns = fl[0], fl[1], fl[2]
	f.Decorators = r.strs()
	f.DecoratorCalls = r.strs()
	f.Params = r.strs()
	f.Docstring = r.str()
	return f
}
