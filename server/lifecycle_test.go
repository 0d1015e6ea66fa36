package server

import (
	"testing"

	"go.lsp.dev/jsonrpc2"
)

// TestInitializeWithInvalidParams: an initialize whose params do not decode is answered
// InvalidParams and initializes nothing: requests are still refused, and a correct
// initialize that follows succeeds.
func TestInitializeWithInvalidParams(t *testing.T) {
	c := newTestClient(t, Options{})
	for _, params := range []map[string]any{
		{"capabilities": 5},
		{"capabilities": map[string]any{}, "workspaceFolders": "not a list"},
	} {
		if err := c.call("initialize", params, nil); rpcCode(err) != jsonrpc2.InvalidParams {
			t.Errorf("initialize with %v: %v, want InvalidParams", params, err)
		}
	}
	if err := c.call("textDocument/hover", map[string]any{}, nil); rpcCode(err) != jsonrpc2.ServerNotInitialized {
		t.Errorf("hover after a failed initialize: %v, want ServerNotInitialized", err)
	}
	c.initialize(nil)
}
