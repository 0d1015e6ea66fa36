package server

import (
	"context"
	"encoding/json"
	"net"
	"path/filepath"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"

	"github.com/pyward/pyward/internal/pygen"
	"github.com/pyward/pyward/pathing"
)

// BenchmarkWillRenameFolderLSP moves a package folder of 100 modules in the generated
// 2,000-file workspace of pyward-bench (pygen.LayeredWorkspace) through a warm
// in-process server, end to end (JSON-RPC over a pipe, the plan, the edit's JSON):
//
//	go test ./server -run '^$' -bench WillRenameFolderLSP -cpuprofile cpu.out
func BenchmarkWillRenameFolderLSP(b *testing.B) {
	root, err := filepath.EvalSymlinks(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	if err := pygen.LayeredWorkspace(root); err != nil {
		b.Fatal(err)
	}
	serverSide, clientSide := net.Pipe()
	go func() { _ = New(Options{Logger: zap.NewNop(), PythonPath: "-"}).Run(context.Background(), serverSide) }()
	conn := jsonrpc2.NewConn(newStream(clientSide, zap.NewNop()))
	conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		return reply(ctx, nil, nil)
	})
	defer conn.Close()
	ctx := context.Background()
	call := func(method string, params, result any) {
		if _, err := conn.Call(ctx, method, params, result); err != nil {
			b.Fatalf("%s: %v", method, err)
		}
	}
	var init json.RawMessage
	call("initialize", map[string]any{"capabilities": map[string]any{}, "rootUri": pathing.PathToURI(root)}, &init)
	_ = conn.Notify(ctx, "initialized", map[string]any{})
	params := map[string]any{"files": []map[string]string{{
		"oldUri": pathing.PathToURI(filepath.Join(root, "pkg05")),
		"newUri": pathing.PathToURI(filepath.Join(root, "pkg06", "moved05")),
	}}}
	rename := func() {
		var edit struct {
			Changes map[string]json.RawMessage `json:"changes"`
		}
		call("workspace/willRenameFiles", params, &edit)
		if len(edit.Changes) == 0 {
			b.Fatal("no edit")
		}
	}
	rename() // the first request reads and parses the workspace
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rename()
	}
}
