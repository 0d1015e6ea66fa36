package main
import (
 _ "go.lsp.dev/protocol"
 _ "go.lsp.dev/jsonrpc2"
 _ "go.uber.org/zap"
 _ "github.com/smacker/go-tree-sitter"
 _ "github.com/smacker/go-tree-sitter/python"
 _ "github.com/pelletier/go-toml/v2"
)
func main(){}
