package dunder

import (
	"strconv"
	"strings"
)

// Rendering of catalogue entries, operators and builtins for hover: a
// fenced Python code block, then prose, then the documentation link.
// Markdown output uses only constructs that VS Code and Neovim both render
// (fenced code, bold labels, bullet and numbered lists, inline code, a
// plain link). Plain text drops the Markdown syntax.

// writer builds the Markdown or plain-text form of a hover in one pass.
type writer struct {
	b     strings.Builder
	plain bool
}

func (w *writer) code(lines string) {
	if w.plain {
		w.b.WriteString(lines)
		w.b.WriteString("\n")
		return
	}
	w.b.WriteString("```python\n")
	w.b.WriteString(lines)
	w.b.WriteString("\n```\n")
}

// text writes an inline Markdown string, without backticks in plain mode.
func (w *writer) text(s string) {
	if w.plain {
		s = strings.ReplaceAll(s, "`", "")
	}
	w.b.WriteString(s)
}

func (w *writer) para(s string) {
	if s == "" {
		return
	}
	w.b.WriteString("\n")
	w.text(s)
	w.b.WriteString("\n")
}

func (w *writer) label(l, s string) {
	w.b.WriteString("\n")
	if w.plain {
		w.b.WriteString(l + ": ")
	} else {
		w.b.WriteString("**" + l + ":** ")
	}
	w.text(s)
	w.b.WriteString("\n")
}

func (w *writer) list(l string, items []string, numbered bool) {
	if len(items) == 0 {
		return
	}
	w.b.WriteString("\n")
	if w.plain {
		w.b.WriteString(l + ":\n")
	} else {
		w.b.WriteString("**" + l + ":**\n\n")
	}
	for i, it := range items {
		switch {
		case numbered:
			w.b.WriteString(strconv.Itoa(i+1) + ". ")
		case w.plain:
			w.b.WriteString("  - ")
		default:
			w.b.WriteString("- ")
		}
		w.text(it)
		w.b.WriteString("\n")
	}
}

func (w *writer) italic(s string) {
	w.b.WriteString("\n")
	if w.plain {
		w.text(s)
	} else {
		w.b.WriteString("_")
		w.text(s)
		w.b.WriteString("_")
	}
	w.b.WriteString("\n")
}

func (w *writer) link(title, url string) {
	w.b.WriteString("\n")
	if w.plain {
		w.b.WriteString(strings.ReplaceAll(title, "`", "") + ": " + url + "\n")
		return
	}
	w.b.WriteString("[" + title + "](" + url + ")\n")
}

func (e Entry) render(plain bool) string {
	w := &writer{plain: plain}
	w.code(e.Signature)
	w.italic(e.Category + " · " + e.Kind.String())
	w.para(e.Summary)
	callers := "Called by"
	value := "Must return"
	if e.Kind == Attribute {
		callers = "Set and used by"
		value = "Value"
	}
	w.list(callers, e.CalledBy, false)
	w.label(value, e.Returns)
	w.list("Pitfalls", e.Pitfalls, false)
	if e.Since != before3 && e.Since != "3.0" {
		w.para("Added in Python " + e.Since + ".")
	}
	w.link("Python documentation: `"+e.Name+"`", e.DocURL)
	return w.b.String()
}

// Markdown renders the entry for a hover in Markdown: the signature in a
// python code block, the category, summary, callers, return value,
// pitfalls, the version that added it (after 3.0), and the link.
func (e Entry) Markdown() string { return e.render(false) }

// PlainText renders the same content as Markdown without Markdown syntax,
// for clients that ask for plain text.
func (e Entry) PlainText() string { return e.render(true) }

func (o OpInfo) render(plain bool) string {
	w := &writer{plain: plain}
	w.code(o.Expr)
	w.list("Python tries, in order", o.Steps, len(o.Steps) > 1)
	w.para(o.Note)
	w.link("Python language reference", o.DocURL)
	return w.b.String()
}

// Markdown renders the operator's hooks for a hover in Markdown.
func (o OpInfo) Markdown() string { return o.render(false) }

// PlainText renders the operator's hooks as plain text.
func (o OpInfo) PlainText() string { return o.render(true) }

func (b BuiltinInfo) render(plain bool) string {
	w := &writer{plain: plain}
	w.code(b.Signature)
	w.list("Calls, in order", b.Steps, len(b.Steps) > 1)
	w.para(b.Note)
	w.link("Python documentation: `"+b.Name+"`", b.DocURL)
	return w.b.String()
}

// Markdown renders the builtin's hooks for a hover in Markdown.
func (b BuiltinInfo) Markdown() string { return b.render(false) }

// PlainText renders the builtin's hooks as plain text.
func (b BuiltinInfo) PlainText() string { return b.render(true) }
