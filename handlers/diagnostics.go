package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/pyward/pyward/analysis"
)

// RulesDocURL is where each rule is documented; the rule name is the anchor.
const RulesDocURL = "https://github.com/pyward/pyward/blob/main/docs/rules.md"

// Diagnostics converts the findings of a check of doc to LSP diagnostics.
func Diagnostics(doc *Document, diags []analysis.Diagnostic, enc analysis.Encoding) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(diags))
	for _, d := range diags {
		out = append(out, toDiagnostic(doc.Lines(), d, enc))
	}
	return out
}

func toDiagnostic(lines *analysis.LineIndex, d analysis.Diagnostic, enc analysis.Encoding) protocol.Diagnostic {
	return protocol.Diagnostic{
		Range:           toRange(lines, d.Span, enc),
		Severity:        protocol.DiagnosticSeverity(d.Severity),
		Code:            d.Rule,
		CodeDescription: &protocol.CodeDescription{Href: uri.URI(RulesDocURL + "#" + d.Rule)},
		Source:          "pyward",
		Message:         d.Message,
	}
}

// The LSP 3.17 pull model (textDocument/diagnostic, workspace/diagnostic), which
// go.lsp.dev/protocol does not model.

// Report kinds of the pull model.
const (
	ReportFull      = "full"
	ReportUnchanged = "unchanged"
)

// DiagnosticOptions is the server's diagnosticProvider capability.
type DiagnosticOptions struct {
	Identifier            string `json:"identifier,omitempty"`
	InterFileDependencies bool   `json:"interFileDependencies"`
	WorkspaceDiagnostics  bool   `json:"workspaceDiagnostics"`
}

// DocumentDiagnosticParams are textDocument/diagnostic's params.
type DocumentDiagnosticParams struct {
	TextDocument     protocol.TextDocumentIdentifier `json:"textDocument"`
	Identifier       string                          `json:"identifier,omitempty"`
	PreviousResultID string                          `json:"previousResultId,omitempty"`
}

// PreviousResultID is a result the client holds for a document.
type PreviousResultID struct {
	URI   protocol.DocumentURI `json:"uri"`
	Value string               `json:"value"`
}

// WorkspaceDiagnosticParams are workspace/diagnostic's params.
type WorkspaceDiagnosticParams struct {
	Identifier        string             `json:"identifier,omitempty"`
	PreviousResultIDs []PreviousResultID `json:"previousResultIds"`
}

// DocumentDiagnosticReport is a full report (Items set, possibly empty) or an
// unchanged one (Items nil): the client's result with this id still holds.
type DocumentDiagnosticReport struct {
	Kind     string                 `json:"kind"`
	ResultID string                 `json:"resultId,omitempty"`
	Items    *[]protocol.Diagnostic `json:"items,omitempty"`
}

// WorkspaceDocumentDiagnosticReport is one document's report in a workspace report;
// Version is the open document's, null for a file that is not open.
type WorkspaceDocumentDiagnosticReport struct {
	URI     protocol.DocumentURI `json:"uri"`
	Version *int32               `json:"version"`
	DocumentDiagnosticReport
}

// WorkspaceDiagnosticReport is workspace/diagnostic's answer.
type WorkspaceDiagnosticReport struct {
	Items []WorkspaceDocumentDiagnosticReport `json:"items"`
}

// ResultID names a list of diagnostics by its content, so that the same findings
// always have the same id and an unchanged report is exact whatever the client saw
// in between.
func ResultID(items []protocol.Diagnostic) string {
	if items == nil {
		items = []protocol.Diagnostic{}
	}
	data, err := json.Marshal(items)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:12])
}

// Report is the report of items (whose id is id) for a client that holds previous.
func Report(items []protocol.Diagnostic, id, previous string) DocumentDiagnosticReport {
	if previous != "" && previous == id {
		return DocumentDiagnosticReport{Kind: ReportUnchanged, ResultID: id}
	}
	if items == nil {
		items = []protocol.Diagnostic{}
	}
	return DocumentDiagnosticReport{Kind: ReportFull, ResultID: id, Items: &items}
}
