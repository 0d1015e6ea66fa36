package server

import (
	"context"
	"encoding/json"

	"github.com/pyward/pyward/handlers"
)

type requestHandler func(ctx context.Context, s *Server, env handlers.Env, params json.RawMessage) (any, error)

type notificationHandler func(s *Server, params json.RawMessage) error

// requestHandlers maps each request method pyward answers to its handler.
var requestHandlers = map[string]requestHandler{
	"textDocument/hover":       request(handlers.Hover),
	"textDocument/definition":  request(handlers.Definition),
	"textDocument/declaration": request(handlers.Declaration),
	"textDocument/completion":  request(handlers.Completion),
	"textDocument/codeAction":  request(handlers.CodeAction),
	"textDocument/references": func(ctx context.Context, s *Server, env handlers.Env, raw json.RawMessage) (any, error) {
		return s.references(ctx, env, raw)
	},
	"workspace/willRenameFiles": func(ctx context.Context, s *Server, env handlers.Env, raw json.RawMessage) (any, error) {
		return s.willRenameFiles(ctx, env, raw)
	},
	"textDocument/diagnostic": func(ctx context.Context, s *Server, env handlers.Env, raw json.RawMessage) (any, error) {
		return s.documentDiagnostic(ctx, env, raw)
	},
	"workspace/diagnostic": func(ctx context.Context, s *Server, env handlers.Env, raw json.RawMessage) (any, error) {
		return s.workspaceDiagnostic(ctx, env, raw)
	},
}

// request adapts a handler of one request to a requestHandler: it decodes the raw
// params into a P (a malformed message becomes an InvalidParams error) and calls fn.
func request[P, R any](fn func(context.Context, handlers.Env, *P) (R, error)) requestHandler {
	return func(ctx context.Context, _ *Server, env handlers.Env, raw json.RawMessage) (any, error) {
		var p P
		if err := decode(raw, &p); err != nil {
			return nil, err
		}
		return fn(ctx, env, &p)
	}
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
	"workspace/didRenameFiles":            (*Server).didRenameFiles,
}
