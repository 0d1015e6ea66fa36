package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis"
)

// CodeAction answers textDocument/codeAction with the quick fixes of the findings that
// overlap the requested range.
func CodeAction(ctx context.Context, env Env, params *protocol.CodeActionParams) ([]protocol.CodeAction, error) {
	doc, err := env.Document(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	if !wantsQuickFix(params.Context.Only) {
		return []protocol.CodeAction{}, nil
	}
	enc := env.Encoding()
	want := fromRange(doc.Lines(), params.Range, enc)
	actions := []protocol.CodeAction{}
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
