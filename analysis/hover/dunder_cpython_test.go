package hover

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// dhExpected is testdata/hover/expected.json, written by testdata/hover/gen.py.
type dhExpected struct {
	Signatures []struct {
		Class  string  `json:"class"`
		Params [][]any `json:"params"`
		Error  string  `json:"error"`
	} `json:"signatures"`
	CleanDoc []struct {
		In  string `json:"in"`
		Out string `json:"out"`
	} `json:"cleandoc"`
	Subscripts []struct {
		Src   string   `json:"src"`
		Hooks []string `json:"hooks"`
	} `json:"subscripts"`
}

func dhLoadExpected(t *testing.T) dhExpected {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hover", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e dhExpected
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	if len(e.Signatures) == 0 || len(e.CleanDoc) == 0 {
		t.Fatal("expected.json is empty: run python3 testdata/hover/gen.py")
	}
	return e
}

// TestDunderHoverSignaturesMatchCPython hovers `C()` for every class of
// testdata/hover/signatures.py and checks the parameters shown against
// inspect.signature(C), as recorded by gen.py.
func TestDunderHoverSignaturesMatchCPython(t *testing.T) {
	exp := dhLoadExpected(t)
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hover", "signatures.py"))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := syntax.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	f := &analysis.File{Path: "signatures.py", Module: analysis.Build(tree)}
	h := &dunderHoverer{f: f, m: f.Module, t: tree}
	for _, s := range exp.Signatures {
		t.Run(s.Class, func(t *testing.T) {
			c := f.Module.Class(s.Class)
			if c == nil {
				t.Fatalf("class %s not found", s.Class)
			}
			sig := h.callSignature(dhClass{f: f, c: c})
			if s.Error != "" {
				// inspect.signature gives up on this class: pyward must not claim one.
				if sig.known {
					t.Errorf("%s: pyward shows %s, but CPython has no signature (%s)", s.Class, dhSignature(c.Name, sig.params, true), s.Error)
				}
				return
			}
			if !sig.known {
				t.Fatalf("pyward does not know the signature of %s: %s", s.Class, sig.note)
			}
			var got [][]any
			for _, p := range sig.params {
				if p.name == "" {
					continue // the "/" and "*" markers
				}
				got = append(got, []any{p.name, p.kind, p.hasDefault})
			}
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(s.Params)
			if string(gj) == "null" {
				gj = []byte("[]")
			}
			if string(gj) != string(wj) {
				t.Errorf("%s: pyward shows %s\nparameters %s\nCPython has %s", s.Class, dhSignature(c.Name, sig.params, true), gj, wj)
			}
		})
	}
}

// TestDunderHoverSubscriptHooksMatchCPython hovers the "[" of each statement
// gen.py ran and checks that the hooks the hover names for it (the "Here:"
// line, or __getitem__ when there is none) are those CPython called, in order.
func TestDunderHoverSubscriptHooksMatchCPython(t *testing.T) {
	exp := dhLoadExpected(t)
	if len(exp.Subscripts) == 0 {
		t.Fatal("no subscripts in expected.json: run python3 testdata/hover/gen.py")
	}
	hook := regexp.MustCompile(`__\w+__`)
	for _, c := range exp.Subscripts {
		t.Run(c.Src, func(t *testing.T) {
			i := strings.Index(c.Src, "[")
			src := "class Box:\n    pass\n" + c.Src[:i] + dhCursor + c.Src[i:] + "\n"
			f, off := dhFile(t, "mod.py", src)
			h, ok := Dunder(nil, f, off)
			if !ok {
				t.Fatalf("no hover on the subscript of %q", c.Src)
			}
			var named []string
			if j := strings.Index(h.Markdown, "**Here:**"); j >= 0 {
				named = hook.FindAllString(h.Markdown[j:], -1)
			} else {
				named = []string{"__getitem__"}
			}
			if strings.Join(named, " ") != strings.Join(c.Hooks, " ") {
				t.Errorf("%q: the hover names %v, CPython calls %v", c.Src, named, c.Hooks)
			}
		})
	}
}

func TestDunderHoverCleanDocMatchesCPython(t *testing.T) {
	for _, c := range dhLoadExpected(t).CleanDoc {
		if got := dhCleanDoc(c.In); got != c.Out {
			t.Errorf("dhCleanDoc(%q) = %q, inspect.cleandoc gives %q", c.In, got, c.Out)
		}
	}
}

func TestDunderHoverDocMarkdown(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Plain text.", "Plain text."},
		{"Line one\nline two", "Line one  \nline two"},
		{"Para.\n\nNext para.", "Para.\n\nNext para."},
		{"Calls __init__ with *args and **kwargs.", "Calls `__init__` with `*args` and `**kwargs`."},
		{"Sets self._x (see obj.__dict__), f() and _private_helper().", "Sets `self._x` (see `obj.__dict__`), f() and `_private_helper()`."},
		{"snake_case_name stays.", "snake_case_name stays."},
		{"Code `__init__` and ``__new__`` stay.", "Code `__init__` and ``__new__`` stay."},
		{"An unmatched ` backtick and _x.", "An unmatched \\` backtick and `_x`."},
		{"Returns <locals> and a\\b or \\*, x<y.", `Returns \<locals> and a\b or \\\*, x\<y.`},
		{"a * b, a*b, 2**8, _ and __ alone.", `a * b, a\*b, 2\*\*8, _ and __ alone.`},
		{"Markdown stays *plain*: _x_.", "Markdown stays \\*plain\\*: `_x_`."},
		{"# not a heading\n> not a quote", "\\# not a heading  \n\\> not a quote"},
		{"Example::\n\n    x = f(1)\n    y = 2\n\nAfter.", "Example::\n\n```text\nx = f(1)\ny = 2\n```\n\nAfter."},
		{"Doctest:\n\n>>> f(1)\n2\n\nDone.", "Doctest:\n\n```python\n>>> f(1)\n2\n```\n\nDone."},
		{"Doctest right after text:\n>>> f(1)\n2", "Doctest right after text:\n```python\n>>> f(1)\n2\n```"},
		{"Args:\n    x: the x\n    y: the y", "Args:  \n   x: the x  \n   y: the y"},
		{"Fence inside::\n\n    ```\n    code\n    ```", "Fence inside::\n\n````text\n```\ncode\n```\n````"},
	}
	for _, c := range cases {
		if got := dhDocMarkdown(c.in); got != c.want {
			t.Errorf("dhDocMarkdown(%q) =\n%q\nwant\n%q", c.in, got, c.want)
		}
	}
}
