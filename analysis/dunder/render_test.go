package dunder

import (
	"strings"
	"sync"
	"testing"
)

func TestEntryMarkdown(t *testing.T) {
	for _, e := range All() {
		md := e.Markdown()
		if !strings.HasPrefix(md, "```python\n"+e.Signature+"\n```\n") {
			t.Errorf("%s: Markdown does not start with the signature block:\n%s", e.Name, md)
		}
		for _, part := range append([]string{e.Summary, e.Returns, e.Category}, append(e.CalledBy, e.Pitfalls...)...) {
			if !strings.Contains(md, part) {
				t.Errorf("%s: Markdown lacks %q", e.Name, part)
			}
		}
		if !strings.HasSuffix(md, "]("+e.DocURL+")\n") {
			t.Errorf("%s: Markdown does not end with the link", e.Name)
		}
		added := strings.Contains(md, "Added in Python "+e.Since+".")
		if want := e.Since != "before 3.0" && e.Since != "3.0"; added != want {
			t.Errorf("%s: 'Added in Python %s' shown = %v, want %v", e.Name, e.Since, added, want)
		}
		label := "**Called by:**"
		if e.Kind == Attribute {
			label = "**Set and used by:**"
		}
		if !strings.Contains(md, label) {
			t.Errorf("%s: Markdown lacks %s", e.Name, label)
		}
		if strings.Count(md, "```") != 2 {
			t.Errorf("%s: Markdown must have exactly one code block", e.Name)
		}

		pt := e.PlainText()
		if strings.ContainsAny(pt, "`") || strings.Contains(pt, ":**") || strings.Contains(pt, "](http") {
			t.Errorf("%s: PlainText has Markdown syntax:\n%s", e.Name, pt)
		}
		if !strings.HasPrefix(pt, e.Signature+"\n") || !strings.Contains(pt, e.DocURL) || !strings.Contains(pt, strings.ReplaceAll(e.Summary, "`", "")) {
			t.Errorf("%s: PlainText lacks signature, summary or link:\n%s", e.Name, pt)
		}
	}
}

func TestOpAndBuiltinRendering(t *testing.T) {
	o, _ := Operator("+", false)
	md := o.Markdown()
	for _, want := range []string{"```python\nx + y\n```\n", "1. `x.__add__(y)`", "2. `y.__radd__(x)`", "](" + o.DocURL + ")"} {
		if !strings.Contains(md, want) {
			t.Errorf("Operator(+).Markdown lacks %q:\n%s", want, md)
		}
	}
	if pt := o.PlainText(); strings.Contains(pt, "`") || !strings.Contains(pt, "1. x.__add__(y)") || !strings.Contains(pt, o.DocURL) {
		t.Errorf("Operator(+).PlainText:\n%s", pt)
	}
	is, _ := Operator("is", false)
	if strings.Contains(is.Markdown(), "1. ") {
		t.Error("a single step should not be numbered")
	}
	b, _ := Builtin("bool")
	md = b.Markdown()
	if !strings.HasPrefix(md, "```python\n"+b.Signature+"\n```\n") || !strings.Contains(md, "1. `type(x).__bool__(x)`") || !strings.Contains(md, "2. `type(x).__len__(x)`") {
		t.Errorf("Builtin(bool).Markdown:\n%s", md)
	}
	if pt := b.PlainText(); strings.Contains(pt, "`") || strings.Contains(pt, ":**") {
		t.Errorf("Builtin(bool).PlainText has Markdown:\n%s", pt)
	}
}

func TestUnknown(t *testing.T) {
	md, pt := Unknown("__foo__")
	for _, want := range []string{"`__foo__`", "not a special name of the Python data model", "never calls it implicitly", "library"} {
		if !strings.Contains(md, want) {
			t.Errorf("Unknown markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(pt, "`") || !strings.Contains(pt, "__foo__ is not a special name") {
		t.Errorf("Unknown plain text:\n%s", pt)
	}
	md, _ = Unknown("__nonzero__")
	if !strings.Contains(md, "`__bool__`") || strings.Contains(md, "library") {
		t.Errorf("Unknown(__nonzero__) should point to __bool__:\n%s", md)
	}
	md, _ = Unknown("__import__")
	if strings.Contains(md, "never calls it implicitly") {
		t.Errorf("Unknown(__import__) must not claim Python never calls it:\n%s", md)
	}
}

// TestConcurrentUse exercises the read-only tables from many goroutines,
// for the race detector.
func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, e := range All() {
				if got, ok := Lookup(e.Name); ok {
					_ = got.Markdown()
				}
			}
			for _, o := range Operators() {
				_ = o.PlainText()
			}
			_, _ = Builtin("len")
			_, _ = Unknown("__x__")
		}()
	}
	wg.Wait()
}

// BenchmarkHover measures what a hover costs: one lookup and one render.
func BenchmarkHover(b *testing.B) {
	for i := 0; i < b.N; i++ {
		e, _ := Lookup("__getattr__")
		_ = e.Markdown()
	}
}
