package handlers

import (
	"context"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/refactor"
)

// CodeAction answers textDocument/codeAction with the quick fixes of the findings that
// overlap the requested range, and, on a from-import, the refactoring that writes it
// in the other form (relative or absolute) when both load the same module.
func CodeAction(ctx context.Context, env Env, params *protocol.CodeActionParams) ([]protocol.CodeAction, error) {
	doc, err := env.Document(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	enc := env.Encoding()
	want := fromRange(doc.Lines(), params.Range, enc)
	actions := []protocol.CodeAction{}
	if wantsKind(params.Context.Only, protocol.RefactorRewrite) {
		// Switch a from-import between its relative and absolute forms, where both
		// load the same module.
		if sw, ok := refactor.SwitchImportForm(env.Index(), doc.File, want.Start); ok {
			actions = append(actions, protocol.CodeAction{
				Title: sw.Title,
				Kind:  protocol.RefactorRewrite,
				Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{
					doc.URI: {{Range: toRange(doc.Lines(), sw.Span, enc), NewText: sw.Text}},
				}},
			})
		}
	}
	if !wantsQuickFix(params.Context.Only) {
		return actions, nil
	}
	for _, d := range doc.Diagnostics {
		if !overlaps(d.Span, want) {
			continue
		}
		diag := toDiagnostic(doc.Lines(), d, enc)
		for _, fix := range d.Fixes {
			edits := make([]protocol.TextEdit, 0, len(fix.Edits))
			for _, e := range fix.Edits {
				edits = append(edits, protocol.TextEdit{Range: toRange(doc.Lines(), e.Span, enc), NewText: e.NewText})
			}
			actions = append(actions, protocol.CodeAction{
				Title:       fix.Title,
				Kind:        protocol.QuickFix,
				Diagnostics: []protocol.Diagnostic{diag},
				IsPreferred: fix.Preferred,
				Edit: &protocol.WorkspaceEdit{
					Changes: map[protocol.DocumentURI][]protocol.TextEdit{doc.URI: edits},
				},
			})
		}
	}
	return actions, nil
}

// wantsKind reports whether the client asks for actions of kind k (a request that
// names no kinds asks for all; a parent kind such as "refactor" includes its children).
func wantsKind(only []protocol.CodeActionKind, k protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == k || strings.HasPrefix(string(k), string(o)+".") {
			return true
		}
	}
	return false
}

func wantsQuickFix(only []protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == protocol.QuickFix || k == "quickfix" || k == "" {
			return true
		}
	}
	return false
}

// overlaps reports whether two spans touch; an empty span (a cursor) touches a span
// that contains it or ends at it.
func overlaps(a, b analysis.Span) bool {
	return a.Start <= b.End && b.Start <= a.End
}
