package server

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/handlers"
	"github.com/pyward/pyward/pathing"
)

// initializeParams are the parts of initialize's params that pyward reads, including
// LSP 3.17's general.positionEncodings, which go.lsp.dev/protocol does not model.
type initializeParams struct {
	RootURI          string                     `json:"rootUri"`
	RootPath         string                     `json:"rootPath"`
	WorkspaceFolders []protocol.WorkspaceFolder `json:"workspaceFolders"`
	InitOptions      json.RawMessage            `json:"initializationOptions"`
	Capabilities     struct {
		General struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
		Workspace struct {
			WorkspaceEdit struct {
				DocumentChanges    bool     `json:"documentChanges"`
				ResourceOperations []string `json:"resourceOperations"`
			} `json:"workspaceEdit"`
			Configuration        bool `json:"configuration"`
			DidChangeWatchedFile struct {
				DynamicRegistration bool `json:"dynamicRegistration"`
			} `json:"didChangeWatchedFiles"`
			// Diagnostics is LSP 3.17's workspace.diagnostics.
			Diagnostics struct {
				RefreshSupport bool `json:"refreshSupport"`
			} `json:"diagnostics"`
		} `json:"workspace"`
		TextDocument struct {
			Hover struct {
				ContentFormat []string `json:"contentFormat"`
			} `json:"hover"`
			// Diagnostic, LSP 3.17's textDocument.diagnostic, is present when the
			// client pulls diagnostics.
			Diagnostic *json.RawMessage `json:"diagnostic"`
		} `json:"textDocument"`
	} `json:"capabilities"`
}

// initializeResult is InitializeResult with LSP 3.17's positionEncoding.
type initializeResult struct {
	Capabilities capabilities         `json:"capabilities"`
	ServerInfo   *protocol.ServerInfo `json:"serverInfo,omitempty"`
}

type capabilities struct {
	protocol.ServerCapabilities
	PositionEncoding string `json:"positionEncoding,omitempty"`
	// DiagnosticProvider is announced to clients that pull diagnostics.
	DiagnosticProvider *handlers.DiagnosticOptions `json:"diagnosticProvider,omitempty"`
}

func (s *Server) initialize(ctx context.Context, raw json.RawMessage) (any, error) {
	ss := s.session
	if ss.initialized() {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already sent")
	}
	var p initializeParams
	if len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid initialize params: %v", err)
		}
	}
	enc, encName := analysis.UTF16, "utf-16"
	for _, e := range p.Capabilities.General.PositionEncodings {
		if strings.EqualFold(e, "utf-8") {
			enc, encName = analysis.UTF8, "utf-8"
			break
		}
	}
	markdown := true
	if formats := p.Capabilities.TextDocument.Hover.ContentFormat; len(formats) > 0 {
		markdown = formats[0] == "markdown"
	}

	var folders []string
	for _, f := range p.WorkspaceFolders {
		if path, err := pathing.URIToPath(string(f.URI)); err == nil {
			folders = append(folders, path)
		}
	}
	if len(folders) == 0 {
		if path, err := pathing.URIToPath(p.RootURI); err == nil {
			folders = append(folders, path)
		} else if p.RootPath != "" {
			folders = append(folders, p.RootPath)
		}
	}

	ss.mu.Lock()
	ss.state = 1
	ss.encoding = enc
	ss.markdown = markdown
	ss.folders = folders
	ss.caps = clientCaps{
		configuration:       p.Capabilities.Workspace.Configuration,
		watchedFilesDynamic: p.Capabilities.Workspace.DidChangeWatchedFile.DynamicRegistration,
		documentChanges:     p.Capabilities.Workspace.WorkspaceEdit.DocumentChanges,
		pullDiagnostics:     p.Capabilities.TextDocument.Diagnostic != nil && string(*p.Capabilities.TextDocument.Diagnostic) != "null",
		diagnosticRefresh:   p.Capabilities.Workspace.Diagnostics.RefreshSupport,
	}
	for _, op := range p.Capabilities.Workspace.WorkspaceEdit.ResourceOperations {
		if op == "rename" {
			ss.caps.resourceRename = true
		}
	}
	ss.mu.Unlock()
	s.loadSettings(p.InitOptions, nil)
	s.discoverSysPath()

	s.log.Info("initialized", zap.Strings("folders", folders), zap.String("positionEncoding", encName),
		zap.Bool("pullDiagnostics", ss.caps.pullDiagnostics))
	caps := capabilities{
		ServerCapabilities: serverCapabilities(),
		PositionEncoding:   encName,
	}
	if _, ok := requestHandlers["textDocument/diagnostic"]; ok && ss.caps.pullDiagnostics {
		// Findings of one file depend on others (its imports), and files that are not
		// open are reported in diagnosticMode "workspace".
		caps.DiagnosticProvider = &handlers.DiagnosticOptions{Identifier: "pyward", InterFileDependencies: true, WorkspaceDiagnostics: true}
	}
	return &initializeResult{
		Capabilities: caps,
		ServerInfo:   &protocol.ServerInfo{Name: "pyward", Version: s.opts.Version},
	}, nil
}

// serverCapabilities announces exactly the features that have a handler.
func serverCapabilities() protocol.ServerCapabilities {
	has := func(method string) bool { _, ok := requestHandlers[method]; return ok }
	caps := protocol.ServerCapabilities{
		TextDocumentSync: &protocol.TextDocumentSyncOptions{
			OpenClose: true,
			Change:    protocol.TextDocumentSyncKindIncremental,
			Save:      &protocol.SaveOptions{IncludeText: false},
		},
		Workspace: &protocol.ServerCapabilitiesWorkspace{
			WorkspaceFolders: &protocol.ServerCapabilitiesWorkspaceFolders{Supported: true, ChangeNotifications: true},
		},
	}
	if has("textDocument/references") {
		caps.ReferencesProvider = true
	}
	if has("workspace/willRenameFiles") {
		caps.Workspace.FileOperations = fileOperationsCapability()
	}
	if has("textDocument/hover") {
		caps.HoverProvider = true
	}
	if has("textDocument/definition") {
		caps.DefinitionProvider = true
	}
	if has("textDocument/declaration") {
		caps.DeclarationProvider = true
	}
	if has("textDocument/codeAction") {
		caps.CodeActionProvider = &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix, protocol.RefactorRewrite}}
	}
	if has("textDocument/completion") {
		caps.CompletionProvider = &protocol.CompletionOptions{TriggerCharacters: []string{"."}}
	}
	return caps
}

// initializedNotification starts what needs the client's answers: file watching and settings.
func (s *Server) initializedNotification() {
	ss := s.session
	ss.mu.RLock()
	caps := ss.caps
	ss.mu.RUnlock()
	go func() {
		if caps.watchedFilesDynamic {
			params := &protocol.RegistrationParams{Registrations: []protocol.Registration{{
				ID:     "pyward-watch-python",
				Method: "workspace/didChangeWatchedFiles",
				RegisterOptions: map[string]any{"watchers": []map[string]any{
					{"globPattern": "**/*.py"}, {"globPattern": "**/*.pyi"}, {"globPattern": "**/pyproject.toml"},
				}},
			}}}
			ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
			if err := s.clientCall(ctx, "client/registerCapability", params, nil); err != nil {
				s.log.Info("client refused file watching", zap.Error(err))
			}
			cancel()
		}
		if caps.configuration {
			s.fetchConfiguration()
		}
		s.startWorkspaceDiagnostics()
	}()
}

// fetchConfiguration asks the client for the `pyward` section and applies it.
func (s *Server) fetchConfiguration() {
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	var result []json.RawMessage
	params := &protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{{Section: "pyward"}}}
	if err := s.clientCall(ctx, "workspace/configuration", params, &result); err != nil {
		s.log.Info("workspace/configuration failed", zap.Error(err))
		return
	}
	if len(result) == 0 {
		return
	}
	s.loadSettings(nil, result[0])
	s.discoverSysPath()
	s.recheckAll()
}

func (s *Server) didChangeConfiguration(raw json.RawMessage) error {
	ss := s.session
	ss.mu.RLock()
	pull := ss.caps.configuration
	ss.mu.RUnlock()
	if pull {
		go s.fetchConfiguration()
		return nil
	}
	var p struct {
		Settings json.RawMessage `json:"settings"`
	}
	if err := decode(raw, &p); err != nil {
		return err
	}
	s.loadSettings(nil, p.Settings)
	s.discoverSysPath()
	s.recheckAll()
	return nil
}

func (s *Server) didChangeWorkspaceFolders(raw json.RawMessage) error {
	var p protocol.DidChangeWorkspaceFoldersParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	ss := s.session
	ss.mu.Lock()
	removed := map[string]bool{}
	for _, f := range p.Event.Removed {
		if path, err := pathing.URIToPath(string(f.URI)); err == nil {
			removed[path] = true
		}
	}
	var folders []string
	for _, f := range ss.folders {
		if !removed[f] {
			folders = append(folders, f)
		}
	}
	for _, f := range p.Event.Added {
		if path, err := pathing.URIToPath(string(f.URI)); err == nil {
			folders = append(folders, path)
		}
	}
	ss.folders = folders
	ss.mu.Unlock()
	s.loadSettings(nil, nil)
	s.recheckAll()
	return nil
}

// The settings layers, lowest first: defaults, [tool.pyward] in each workspace folder's
// pyproject.toml, initializationOptions, then workspace/configuration. Editor settings
// win over the project file, as in Ruff's default, so that a user can always override.
type settingsLayers struct {
	initOptions json.RawMessage
	workspace   json.RawMessage
}

// loadSettings recomputes the settings; nil arguments keep the previous layer.
func (s *Server) loadSettings(initOptions, workspace json.RawMessage) {
	ss := s.session
	ss.mu.Lock()
	if initOptions != nil {
		s.layers.initOptions = initOptions
	}
	if workspace != nil {
		s.layers.workspace = workspace
	}
	folders := append([]string(nil), ss.folders...)
	ss.mu.Unlock()

	settings := DefaultSettings()
	var problems []string
	apply := func(origin string, section map[string]any) {
		var unknown, probs []string
		settings, unknown, probs = ApplySettings(settings, section)
		for _, k := range unknown {
			s.log.Info("ignoring unknown setting", zap.String("key", "pyward."+k), zap.String("from", origin))
		}
		problems = append(problems, probs...)
	}
	for _, f := range folders {
		text, err := s.opts.FS.ReadFile(pathing.Host.Join(f, "pyproject.toml"))
		if err != nil {
			continue
		}
		section, err := PyprojectSection(text)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if section != nil {
			apply(pathing.Host.Join(f, "pyproject.toml"), section)
		}
	}
	for _, layer := range []struct {
		origin string
		raw    json.RawMessage
	}{{"initializationOptions", s.layers.initOptions}, {"workspace/configuration", s.layers.workspace}} {
		section, err := sectionFromJSON(layer.raw)
		if err != nil {
			problems = append(problems, layer.origin+": "+err.Error())
			continue
		}
		if section != nil {
			apply(layer.origin, section)
		}
	}
	ss.mu.Lock()
	ss.settings = settings
	ss.mu.Unlock()
	ss.index.SetTreeCache(analysis.OpenTreeCache(settings.CacheEnabled && !s.opts.NoCache))
	ss.index.SetSummaryCache(analysis.OpenSummaryCache(settings.CacheEnabled && !s.opts.NoCache))
	if s.opts.OnSettings != nil {
		s.opts.OnSettings(settings)
	}
	ss.updateRoots()
	for _, p := range problems {
		s.log.Warn("invalid setting", zap.String("problem", p))
		s.notify("window/showMessage", &protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: "pyward: " + p})
	}
}

// recheckAll re-runs the diagnostics of every open document.
func (s *Server) recheckAll() {
	for _, d := range s.session.openDocuments() {
		s.requestRecheck(d)
	}
	s.startWorkspaceDiagnostics()
}
