package handlers

import (
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
