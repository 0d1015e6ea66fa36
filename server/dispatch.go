package server

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/handlers"
)

type requestHandler func(ctx context.Context, s *Server, env handlers.Env, params json.RawMessage) (any, error)

type notificationHandler func(s *Server, params json.RawMessage) error

// requestHandlers maps each request method pyward answers to its handler.
var requestHandlers = map[string]requestHandler{
	"textDocument/hover": func(ctx context.Context, s *Server, env handlers.Env, raw json.RawMessage) (any, error) {
		var p protocol.HoverParams
		if err := decode(raw, &p); err != nil {
			return nil, err
		}
		return handlers.Hover(ctx, env, &p)
	},

	"textDocument/definition": func(ctx context.Context, s *Server, env handlers.Env, raw json.RawMessage) (any, error) {
		var p protocol.DefinitionParams
		if err := decode(raw, &p); err != nil {
			return nil, err
		}
		return handlers.Definition(ctx, env, &p)
	},
	"textDocument/declaration": func(ctx context.Context, s *Server, env handlers.Env, raw json.RawMessage) (any, error) {
		var p protocol.DeclarationParams
		if err := decode(raw, &p); err != nil {
			return nil, err
		}
		return handlers.Declaration(ctx, env, &p)
	},

	"textDocument/completion": func(ctx context.Context, s *Server, env handlers.Env, raw json.RawMessage) (any, error) {
		var p protocol.CompletionParams
		if err := decode(raw, &p); err != nil {
			return nil, err
		}
		return handlers.Completion(ctx, env, &p)
	}, "textDocument/codeAction": func(ctx context.Context, s *Server, env handlers.Env, raw json.RawMessage) (any, error) {
		var p protocol.CodeActionParams
		if err := decode(raw, &p); err != nil {
			return nil, err
		}
		return handlers.CodeAction(ctx, env, &p)
	},
}

// notificationHandlers maps each notification method pyward follows to its handler.
var notificationHandlers = map[string]notificationHandler{
	"textDocument/didOpen":                (*Server).didOpen,
	"textDocument/didChange":              (*Server).didChange,
	"textDocument/didClose":               (*Server).didClose,
	"textDocument/didSave":                (*Server).didSave,
	"workspace/didChangeWatchedFiles":     (*Server).didChangeWatchedFiles,
	"workspace/didChangeConfiguration":    (*Server).didChangeConfiguration,
	"workspace/didChangeWorkspaceFolders": (*Server).didChangeWorkspaceFolders,
}
