package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/hover"
)

// hoverProvider answers a hover at a byte offset, or says it has nothing there.
type hoverProvider func(ix *analysis.Index, f *analysis.File, offset uint32) (hover.Hover, bool)

// hoverProviders are asked in order; the first answer wins. The import hovers (on
// the import line, then on uses of imported names) and the mangling hover go before
// hover.Dunder, which answers on every special name,
// operator and builtin.
var hoverProviders = []hoverProvider{
	hover.Import,
	hover.ImportedName,
	func(_ *analysis.Index, f *analysis.File, offset uint32) (hover.Hover, bool) {
		return hover.Mangled(f, offset)
	},
	hover.Dunder,
}

// Hover answers textDocument/hover.
func Hover(ctx context.Context, env Env, params *protocol.HoverParams) (*protocol.Hover, error) {
	doc, err := env.Document(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	off := offsetOf(env, doc, params.Position)
	for _, p := range hoverProviders {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		h, ok := p(env.Index(), doc.File, off)
		if !ok {
			continue
		}
		content := protocol.MarkupContent{Kind: protocol.Markdown, Value: h.Markdown}
		if !env.Markdown() || h.Markdown == "" {
			content = protocol.MarkupContent{Kind: protocol.PlainText, Value: h.Plain}
		}
		r := toRange(doc.Lines(), h.Span, env.Encoding())
		return &protocol.Hover{Contents: content, Range: &r}, nil
	}
	return nil, nil
}
