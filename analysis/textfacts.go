package analysis

// Cheap questions about a module's text that import resolution (analysis/imports)
// asks before parsing a file, cached per file until it changes.

import (
	"bytes"
	"regexp"
	"slices"
)

// SpellsWord reports whether the text of the file at path contains name as a whole
// word (or cannot be read). It reads a parsed or open module's text, else the file.
func (ix *Index) SpellsWord(path, name string) bool {
	if path == "" {
		return false
	}
	var src []byte
	ix.mu.Lock()
	k := ix.key(path)
	if f, ok := ix.open[k]; ok {
		src = f.Module.Tree.Src
	} else if m, ok := ix.disk.peek(k); ok {
		src = m.Tree.Src
	}
	ix.mu.Unlock()
	if src == nil {
		var err error
		if src, err = ix.FS.ReadFile(path); err != nil {
			return true
		}
	}
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte(name))
		if j < 0 {
			return false
		}
		j += i
		end := j + len(name)
		if (j == 0 || !identByte(src[j-1])) && (end == len(src) || !identByte(src[end])) {
			return true
		}
		i = j + 1
	}
}

// identByte reports whether c may be part of a Python identifier (any non-ASCII byte
// counts: it may belong to a letter).
func identByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// starImport matches a star import in source text.
var starImport = regexp.MustCompile(`import\s*\*`)

// MayBind reports whether the module at path may bind name, without parsing it
// when it is not parsed yet: a module whose text neither spells the name nor
// has a star import cannot bind it. It spares a cold request from parsing every
// module a package star-imports (asyncio/__init__.py) only to find the submodule.
func (ix *Index) MayBind(path, name string) bool {
	return ix.textAnswer(path, "bind:"+name, func(src []byte, facts textFacts) bool {
		return facts.star || bytes.Contains(src, []byte(name))
	})
}

// textFacts are what the pre-filters learn from a module's text once.
type textFacts struct {
	star      bool // the text has a star import
	staticAll bool // the text assigns __all__, and only literal lists or tuples
}

// textEntry caches, per file, its textFacts and the answers given about it.
type textEntry struct {
	facts   textFacts
	answers map[string]bool
}

// textAnswer answers a question about the text of the module at path, caching the
// answer until the file is invalidated: true when the module is open or parsed
// (then the model or summary answers exactly), or when its text cannot be read.
func (ix *Index) textAnswer(path, question string, answer func(src []byte, facts textFacts) bool) bool {
	ix.mu.Lock()
	k := ix.key(path)
	_, open := ix.open[k]
	parsed := ix.disk.has(k)
	entry := ix.text[k]
	if entry != nil {
		if v, ok := entry.answers[question]; ok {
			ix.mu.Unlock()
			return v
		}
	}
	ix.mu.Unlock()
	if open || parsed {
		return true
	}
	src, err := ix.FS.ReadFile(path)
	if err != nil {
		return true // let Module report it
	}
	if entry == nil {
		entry = &textEntry{
			facts: textFacts{
				star:      starImport.Match(src),
				staticAll: bytes.Contains(src, []byte("__all__")) && !dynamicAll.Match(src),
			},
			answers: map[string]bool{},
		}
	}
	v := answer(src, entry.facts)
	ix.mu.Lock()
	if ix.text == nil {
		ix.text = map[string]*textEntry{}
	}
	if cur := ix.text[k]; cur != nil {
		entry = cur
	}
	entry.answers[question] = v
	ix.text[k] = entry
	ix.mu.Unlock()
	return v
}

// dynamicAll matches an assignment to __all__ of something other than a literal
// list or tuple.
var dynamicAll = regexp.MustCompile(`(?m)^__all__\s*(=|\+=)\s*[^\s\[(\\]`)

// MayExport reports whether `from <module at path> import *` may bind name, without
// parsing the module when it is not parsed yet: a module with a star import of its
// own may; one with a literal __all__ must spell the name as a string; one without
// __all__ must spell it at all.
//
// A module not in memory whose summary the summary cache holds is answered from the
// summary, which is then held: reading it costs less than reading the text, and the
// caller's next question (which names the star import brings) needs it anyway.
func (ix *Index) MayExport(path, name string) bool {
	ix.mu.Lock()
	k := ix.key(path)
	_, open := ix.open[k]
	held := ix.disk.has(k)
	ix.mu.Unlock()
	if !open && !held {
		if s, _, _ := ix.cachedSummary(path, k); s != nil {
			return !s.HasAll || s.DynamicAll || slices.Contains(s.All, name)
		}
	}
	return ix.textAnswer(path, "export:"+name, func(src []byte, facts textFacts) bool {
		switch {
		case facts.star:
			return true
		case facts.staticAll:
			return bytes.Contains(src, []byte(`"`+name+`"`)) || bytes.Contains(src, []byte(`'`+name+`'`))
		}
		return bytes.Contains(src, []byte(name))
	})
}
