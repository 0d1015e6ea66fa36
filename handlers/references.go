package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/refactor"
)

// References answers textDocument/references on a module: on any segment of an
// import of it, on an imported name that is a submodule, or on the first line of the
// module's own file, every import of that module in the workspace (and, with
// includeDeclaration, the module's file). On a private (`_x`) or mangled (`__x`,
// `_C__x`) class member: its accesses and bindings (refactor.MemberReferences).
// Elsewhere it answers no locations.
func References(ctx context.Context, env Env, params *protocol.ReferenceParams, ws refactor.Workspace) ([]protocol.Location, error) {
	doc, err := env.Document(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	offset := offsetOf(env, doc, params.Position)
	target, ok := refactor.ModuleAt(env.Index(), doc.File, offset)
	if !ok {
		refs, ok, err := refactor.MemberReferences(ctx, env.Index(), ws, doc.File, offset)
		if err != nil || !ok {
			return []protocol.Location{}, err
		}
		var locs []imports.Location
		for _, r := range refs {
			locs = append(locs, imports.Location{Path: r.Path, Span: r.Span, Lines: r.Module.Lines})
		}
		return toLocations(env, locs), nil
	}
	refs, err := refactor.ModuleReferences(ctx, env.Index(), ws, target)
	if err != nil {
		return nil, err
	}
	var locs []imports.Location
	if params.Context.IncludeDeclaration {
		if p := target.Path; p != "" {
			locs = append(locs, imports.Location{Path: p})
		}
	}
	for _, r := range refs {
		locs = append(locs, imports.Location{Path: r.Path, Span: r.Span, Lines: r.Module.Lines})
	}
	return toLocations(env, locs), nil
}
