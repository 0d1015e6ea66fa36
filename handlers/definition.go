package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/pathing"
)

// Definition answers textDocument/definition: where the import, module or name under
// the cursor is defined, preferring .py sources.
func Definition(ctx context.Context, env Env, params *protocol.DefinitionParams) ([]protocol.Location, error) {
	doc, err := env.Document(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	locs := imports.Definition(env.Index(), doc.File, offsetOf(env, doc, params.Position))
	return toLocations(env, locs), nil
}

// Declaration answers textDocument/declaration: like Definition, but preferring .pyi stubs.
func Declaration(ctx context.Context, env Env, params *protocol.DeclarationParams) ([]protocol.Location, error) {
	doc, err := env.Document(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	locs := imports.Declaration(env.Index(), doc.File, offsetOf(env, doc, params.Position))
	return toLocations(env, locs), nil
}

// toLocations converts analysis locations to LSP ones, in the URI spelling the client
// used for open documents and as file URIs of the user's path otherwise.
func toLocations(env Env, locs []imports.Location) []protocol.Location {
	out := make([]protocol.Location, 0, len(locs))
	for _, l := range locs {
		var u protocol.DocumentURI
		lines := l.Lines
		if doc, ok := env.DocumentByPath(l.Path); ok {
			u = doc.URI
			if lines == nil || l.Span != (analysis.Span{}) {
				lines = doc.Lines()
			}
		} else {
			u = protocol.DocumentURI(pathing.PathToURI(l.Path))
		}
		var r protocol.Range
		if lines != nil {
			r = toRange(lines, l.Span, env.Encoding())
		}
		out = append(out, protocol.Location{URI: u, Range: r})
	}
	return out
}
