package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis/imports"
)

// Completion answers textDocument/completion with module and package names after
// `from .`, `from ..pkg.` and `import pkg.`, and with a module's names and
// submodules after `from .m import ` and `mod.`.
func Completion(ctx context.Context, env Env, params *protocol.CompletionParams) (*protocol.CompletionList, error) {
	doc, err := env.Document(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	items := imports.Completion(env.Index(), doc.File, offsetOf(env, doc, params.Position))
	list := &protocol.CompletionList{Items: make([]protocol.CompletionItem, 0, len(items))}
	for _, it := range items {
		kind := protocol.CompletionItemKindModule
		switch it.Kind {
		case "name":
			kind = protocol.CompletionItemKindVariable
		case "function":
			kind = protocol.CompletionItemKindFunction
		case "class":
			kind = protocol.CompletionItemKindClass
		}
		r := toRange(doc.Lines(), it.Replace, env.Encoding())
		list.Items = append(list.Items, protocol.CompletionItem{
			Label:    it.Label,
			Kind:     kind,
			Detail:   it.Detail,
			TextEdit: &protocol.TextEdit{Range: r, NewText: it.Label},
		})
	}
	return list, nil
}
