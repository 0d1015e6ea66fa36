package analysis

import "container/list"

// DefaultModuleBudget is how much memory (estimated) the modules parsed from disk may
// take in an Index before the least recently used are dropped: they are parsed again
// when asked for. Open buffers do not count.
const DefaultModuleBudget = 96 << 20

// minModules is how many modules stay cached whatever their size, so that a chain of
// questions across a few large modules does not parse them over and over.
const minModules = 16

// diskModules is the Index's cache of modules parsed from disk: least recently used
// first out, over a memory budget. Its methods are called with Index.mu held.
type diskModules struct {
	budget int64
	used   int64
	lru    *list.List // of *diskModule, most recently used first
	byKey  map[string]*list.Element
}

// diskModule is one cached module: its full model (m, nil when only the summary is
// held: it came from the summary cache) and its summary (s, nil until asked for).
type diskModule struct {
	key  string
	m    *Module
	s    *Summary
	cost int64
}

func newDiskModules(budget int64) diskModules {
	return diskModules{budget: budget, lru: list.New(), byKey: map[string]*list.Element{}}
}

// moduleCost estimates the memory of m: its flat tree (28 bytes a node) and its model
// (about 60 more a node, measured on `pyward check` of generated packages), plus the
// text.
func moduleCost(m *Module) int64 {
	if m == nil || m.Tree == nil {
		return 0
	}
	return int64(len(m.Tree.Nodes))*88 + int64(len(m.Tree.Src))
}

// summaryCost estimates the memory of s: its strings and slices (about 48 bytes a
// binding, member or import, plus the strings).
func summaryCost(s *Summary) int64 {
	if s == nil {
		return 0
	}
	c := int64(256 + len(s.Docstring))
	for n, bs := range s.Bindings {
		c += int64(64+len(n)) + int64(len(bs))*56
	}
	for _, imp := range s.Imports {
		c += 96 + int64(len(imp.Names))*48
	}
	for _, cl := range s.Classes {
		c += int64(128 + len(cl.Docstring) + len(cl.Members)*72 + len(cl.Methods)*96)
	}
	return c
}

// get returns the full model of key, when it is held.
func (d *diskModules) get(key string) (*Module, bool) {
	e, ok := d.byKey[key]
	if !ok || e.Value.(*diskModule).m == nil {
		return nil, false
	}
	d.lru.MoveToFront(e)
	return e.Value.(*diskModule).m, true
}

// peek is get without marking the module used.
func (d *diskModules) peek(key string) (*Module, bool) {
	e, ok := d.byKey[key]
	if !ok || e.Value.(*diskModule).m == nil {
		return nil, false
	}
	return e.Value.(*diskModule).m, true
}

// has reports whether key's model or summary is held.
func (d *diskModules) has(key string) bool {
	_, ok := d.byKey[key]
	return ok
}

// summary returns the summary of key when it is held, and the full model when that
// is held (to summarize it) .
func (d *diskModules) summary(key string) (*Summary, *Module) {
	e, ok := d.byKey[key]
	if !ok {
		return nil, nil
	}
	d.lru.MoveToFront(e)
	dm := e.Value.(*diskModule)
	return dm.s, dm.m
}

// put records the full model of key, keeping a summary already held.
func (d *diskModules) put(key string, m *Module) {
	var s *Summary
	if e, ok := d.byKey[key]; ok {
		s = e.Value.(*diskModule).s
	}
	d.set(key, m, s)
}

// putSummary records the summary of key, keeping a full model already held.
func (d *diskModules) putSummary(key string, s *Summary) {
	var m *Module
	if e, ok := d.byKey[key]; ok {
		m = e.Value.(*diskModule).m
	}
	d.set(key, m, s)
}

func (d *diskModules) set(key string, m *Module, s *Summary) {
	d.drop(key)
	c := moduleCost(m) + summaryCost(s)
	d.byKey[key] = d.lru.PushFront(&diskModule{key: key, m: m, s: s, cost: c})
	d.used += c
	for d.budget > 0 && d.used > d.budget && d.lru.Len() > minModules {
		last := d.lru.Back()
		dm := last.Value.(*diskModule)
		d.lru.Remove(last)
		delete(d.byKey, dm.key)
		d.used -= dm.cost
	}
}

func (d *diskModules) drop(key string) {
	if e, ok := d.byKey[key]; ok {
		d.used -= e.Value.(*diskModule).cost
		d.lru.Remove(e)
		delete(d.byKey, key)
	}
}

func (d *diskModules) reset() {
	*d = newDiskModules(d.budget)
}
