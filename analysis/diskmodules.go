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

type diskModule struct {
	key  string
	m    *Module
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

func (d *diskModules) get(key string) (*Module, bool) {
	e, ok := d.byKey[key]
	if !ok {
		return nil, false
	}
	d.lru.MoveToFront(e)
	return e.Value.(*diskModule).m, true
}

// peek is get without marking the module used.
func (d *diskModules) peek(key string) (*Module, bool) {
	e, ok := d.byKey[key]
	if !ok {
		return nil, false
	}
	return e.Value.(*diskModule).m, true
}

func (d *diskModules) put(key string, m *Module) {
	d.drop(key)
	c := moduleCost(m)
	d.byKey[key] = d.lru.PushFront(&diskModule{key: key, m: m, cost: c})
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
