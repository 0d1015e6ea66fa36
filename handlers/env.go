// Package handlers implements pyward's LSP features, one file per area. Each handler
// decodes protocol types, asks the analysis for an answer on an immutable snapshot of
// the document, and encodes the answer; the server owns the connection and the state.
package handlers

import (
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis"
)

// Document is an immutable snapshot of one open document.
type Document struct {
	URI     protocol.DocumentURI
	Version int32
	File    *analysis.File
	// Diagnostics are the findings of the last completed check of this version, with
	// their fixes, for code actions; nil until the check has run.
	Diagnostics []analysis.Diagnostic
}

// Lines returns the document's line index.
func (d *Document) Lines() *analysis.LineIndex { return d.File.Module.Lines }

// Env is what handlers may ask of the server's session.
type Env interface {
	// Document returns the latest snapshot of an open document.
	Document(uri protocol.DocumentURI) (*Document, error)
	// DocumentByPath returns the open document backed by path, if any.
	DocumentByPath(path string) (*Document, bool)
	// Index is the workspace module index.
	Index() *analysis.Index
	// Encoding is the negotiated position encoding.
	Encoding() analysis.Encoding
	// Config is the analysis configuration in force.
	Config() analysis.Config
	// Markdown reports whether the client renders Markdown in hovers.
	Markdown() bool
}

// ErrUnknownDocument is the error for a request about a document that is not open.
func ErrUnknownDocument(uri protocol.DocumentURI) error {
	return jsonrpc2.NewError(jsonrpc2.InvalidParams, fmt.Sprintf("unknown document %s: it is not open (send textDocument/didOpen first)", uri))
}

// offsetOf converts an LSP position in doc to a byte offset, clamping out-of-range positions.
func offsetOf(env Env, doc *Document, p protocol.Position) uint32 {
	return doc.Lines().Offset(analysis.Position{Line: p.Line, Character: p.Character}, env.Encoding())
}

// toRange converts a byte span of a document to an LSP range.
func toRange(lines *analysis.LineIndex, s analysis.Span, enc analysis.Encoding) protocol.Range {
	r := lines.Range(s, enc)
	return protocol.Range{
		Start: protocol.Position{Line: r.Start.Line, Character: r.Start.Character},
		End:   protocol.Position{Line: r.End.Line, Character: r.End.Character},
	}
}

// fromRange converts an LSP range of a document to a byte span.
func fromRange(lines *analysis.LineIndex, r protocol.Range, enc analysis.Encoding) analysis.Span {
	return lines.Span(analysis.Range{
		Start: analysis.Position{Line: r.Start.Line, Character: r.Start.Character},
		End:   analysis.Position{Line: r.End.Line, Character: r.End.Character},
	}, enc)
}
