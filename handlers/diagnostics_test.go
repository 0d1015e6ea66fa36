package handlers

import (
	"encoding/json"
	"testing"

	"go.lsp.dev/protocol"
)

// Pull reports: ids name findings by content; a report is unchanged exactly when the
// client holds the current id, and its JSON is what LSP 3.17 asks (a full report
// always has items, an unchanged one none).
func TestReport(t *testing.T) {
	one := []protocol.Diagnostic{{Message: "a", Code: "syntax-error"}}
	same := []protocol.Diagnostic{{Message: "a", Code: "syntax-error"}}
	other := []protocol.Diagnostic{{Message: "b", Code: "syntax-error"}}
	if ResultID(one) != ResultID(same) || ResultID(one) == ResultID(other) || ResultID(nil) != ResultID([]protocol.Diagnostic{}) {
		t.Fatalf("ids: %s %s %s, none: %s %s", ResultID(one), ResultID(same), ResultID(other), ResultID(nil), ResultID([]protocol.Diagnostic{}))
	}
	id := ResultID(one)
	for _, tc := range []struct {
		name     string
		items    []protocol.Diagnostic
		previous string
		want     string
	}{
		{"no previous result", one, "", `{"kind":"full","resultId":"` + id + `","items":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"code":"syntax-error","message":"a"}]}`},
		{"the current result", one, id, `{"kind":"unchanged","resultId":"` + id + `"}`},
		{"another result", one, "older", `{"kind":"full","resultId":"` + id + `","items":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"code":"syntax-error","message":"a"}]}`},
		{"no findings", nil, "older", `{"kind":"full","resultId":"` + id + `","items":[]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := json.Marshal(Report(tc.items, id, tc.previous))
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != tc.want {
				t.Fatalf("got  %s\nwant %s", data, tc.want)
			}
		})
	}
	data, _ := json.Marshal(WorkspaceDocumentDiagnosticReport{URI: "file:///a.py", DocumentDiagnosticReport: Report(nil, "x", "x")})
	if want := `{"uri":"file:///a.py","version":null,"kind":"unchanged","resultId":"x"}`; string(data) != want {
		t.Fatalf("workspace report of a closed file: %s, want %s", data, want)
	}
}
