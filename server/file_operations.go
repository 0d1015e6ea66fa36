package server

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis/refactor"
	"github.com/pyward/pyward/handlers"
)

// willRenameFiles answers workspace/willRenameFiles with the edit that keeps imports
// binding the same modules, or with null and a window/showMessage saying why no edit
// is safe (all or nothing).
func (s *Server) willRenameFiles(ctx context.Context, env handlers.Env, raw json.RawMessage) (any, error) {
	var p protocol.RenameFilesParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	ss := s.session
	ss.mu.RLock()
	opts := handlers.RenameOptions{
		Folders:        append([]string(nil), ss.folders...),
		ResourceRename: ss.caps.resourceRename,
		// Resource operations only exist in documentChanges: a client that announces
		// them (Neovim 0.7 does, without documentChanges) takes documentChanges.
		DocumentChanges: ss.caps.documentChanges || ss.caps.resourceRename,
		Scanner:         ss.scanner,
	}
	ss.mu.RUnlock()
	edit, reason, err := handlers.WillRenameFiles(ctx, env, &p, opts)
	if err != nil {
		return nil, err
	}
	if reason != "" {
		s.notify("window/showMessage", &protocol.ShowMessageParams{Type: protocol.MessageTypeWarning,
			Message: "pyward did not update the imports for this move: " + reason})
		return nil, nil
	}
	return edit, nil
}

// didRenameFiles forgets what the index read from disk: the moved files, the folders
// that gained or lost entries, and the files the rename's edit changed (a client may
// write them without telling), then checks the open documents again.
func (s *Server) didRenameFiles(raw json.RawMessage) error {
	var p protocol.RenameFilesParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	if len(p.Files) > 0 {
		s.session.index.InvalidateAll()
		s.recheckAll()
	}
	return nil
}

// fileOperationsCapability announces willRenameFiles and didRenameFiles.
func fileOperationsCapability() *protocol.ServerCapabilitiesWorkspaceFileOperations {
	filters := handlers.FileOperationFilters()
	return &protocol.ServerCapabilitiesWorkspaceFileOperations{
		WillRename: &protocol.FileOperationRegistrationOptions{Filters: filters},
		DidRename:  &protocol.FileOperationRegistrationOptions{Filters: filters},
	}
}

// references answers textDocument/references (imports of a module across the workspace).
func (s *Server) references(ctx context.Context, env handlers.Env, raw json.RawMessage) (any, error) {
	var p protocol.ReferenceParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	ss := s.session
	ss.mu.RLock()
	ws := refactor.Workspace{Folders: append([]string(nil), ss.folders...), Scanner: ss.scanner}
	ss.mu.RUnlock()
	return handlers.References(ctx, env, &p, ws)
}
