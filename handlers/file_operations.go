package handlers

import (
	"context"
	"errors"
	"fmt"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis/refactor"
	"github.com/pyward/pyward/pathing"
)

// FileOperationFilters are the files and folders whose renames pyward wants to hear
// of (workspace.fileOperations.willRename / didRename): Python sources, stubs, and
// every folder (a folder may be a package).
func FileOperationFilters() []protocol.FileOperationFilter {
	return []protocol.FileOperationFilter{
		{Scheme: "file", Pattern: protocol.FileOperationPattern{Glob: "**/*.py", Matches: protocol.FileOperationPatternKindFile}},
		{Scheme: "file", Pattern: protocol.FileOperationPattern{Glob: "**/*.pyi", Matches: protocol.FileOperationPatternKindFile}},
		{Scheme: "file", Pattern: protocol.FileOperationPattern{Glob: "**", Matches: protocol.FileOperationPatternKindFolder}},
	}
}

// RenameOptions are what WillRenameFiles needs besides the request.
type RenameOptions struct {
	// Folders are the workspace folders: only moves inside them are followed.
	Folders []string
	// ResourceRename reports whether the client applies rename operations in a
	// WorkspaceEdit (workspace.workspaceEdit.resourceOperations has "rename"): needed
	// when a stub must move with its source.
	ResourceRename bool
	// DocumentChanges reports whether the client takes documentChanges; else the
	// edit is sent as changes (by URI), which cannot rename files.
	DocumentChanges bool
	// Scanner is the session's memory of the workspace files' identifiers.
	Scanner *refactor.Scanner
}

// textDocumentEdit is LSP's TextDocumentEdit with a version that may be null.
type textDocumentEdit struct {
	TextDocument struct {
		URI     protocol.DocumentURI `json:"uri"`
		Version *int32               `json:"version"`
	} `json:"textDocument"`
	Edits []protocol.TextEdit `json:"edits"`
}

// renameFile is LSP's RenameFile resource operation.
type renameFile struct {
	Kind   string               `json:"kind"`
	OldURI protocol.DocumentURI `json:"oldUri"`
	NewURI protocol.DocumentURI `json:"newUri"`
}

// WorkspaceEdit is the edit WillRenameFiles answers: text edits of documents (on
// their text before the move) followed by the renames of the stubs that move with
// their sources. go.lsp.dev/protocol cannot carry resource operations, hence this type.
type WorkspaceEdit struct {
	DocumentChanges []any                                        `json:"documentChanges,omitempty"`
	Changes         map[protocol.DocumentURI][]protocol.TextEdit `json:"changes,omitempty"`
}

// WillRenameFiles answers workspace/willRenameFiles: the edit that keeps every import
// of the workspace binding the same module or object once the files are moved. The
// contract is all or nothing: when no edit is safe, it returns a nil edit and the
// reason, for the server to show.
func WillRenameFiles(ctx context.Context, env Env, params *protocol.RenameFilesParams, opts RenameOptions) (*WorkspaceEdit, string, error) {
	var moves []refactor.Move
	for _, f := range params.Files {
		oldPath, err1 := pathing.URIToPath(f.OldURI)
		newPath, err2 := pathing.URIToPath(f.NewURI)
		if err1 != nil || err2 != nil {
			return nil, fmt.Sprintf("%s -> %s: only file: URIs can be followed", f.OldURI, f.NewURI), nil
		}
		moves = append(moves, refactor.Move{Old: oldPath, New: newPath})
	}
	plan, err := refactor.PlanMoves(ctx, env.Index(), refactor.Workspace{Folders: opts.Folders, Scanner: opts.Scanner}, moves)
	var declined *refactor.Declined
	if errors.As(err, &declined) {
		return nil, declined.Reason, nil
	}
	if err != nil {
		return nil, "", err
	}
	if len(plan.StubMoves) > 0 && !(opts.ResourceRename && opts.DocumentChanges) {
		m := plan.StubMoves[0]
		return nil, fmt.Sprintf("%s must move with its companion to %s, and this client cannot rename files from an edit: move both", m.Old, m.New), nil
	}
	edit := &WorkspaceEdit{}
	if !opts.DocumentChanges {
		edit.Changes = map[protocol.DocumentURI][]protocol.TextEdit{}
	}
	for _, fe := range plan.Files {
		var tde textDocumentEdit
		tde.TextDocument.URI = protocol.DocumentURI(pathing.PathToURI(fe.Path))
		if doc, ok := env.DocumentByPath(fe.Path); ok && doc.File.Module == fe.Module {
			tde.TextDocument.URI = doc.URI
			v := doc.Version
			tde.TextDocument.Version = &v
		}
		for _, e := range fe.Edits {
			tde.Edits = append(tde.Edits, protocol.TextEdit{Range: toRange(fe.Module.Lines, e.Span, env.Encoding()), NewText: e.Text})
		}
		if edit.Changes != nil {
			edit.Changes[tde.TextDocument.URI] = tde.Edits
			continue
		}
		edit.DocumentChanges = append(edit.DocumentChanges, tde)
	}
	for _, m := range plan.StubMoves {
		edit.DocumentChanges = append(edit.DocumentChanges, renameFile{Kind: "rename",
			OldURI: protocol.DocumentURI(pathing.PathToURI(m.Old)), NewURI: protocol.DocumentURI(pathing.PathToURI(m.New))})
	}
	return edit, "", nil
}
