package server

import (
	"fmt"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/interpreter"
	"github.com/pyward/pyward/pathing"
)

// interpreterState is what the session knows of the Python interpreter.
type interpreterState struct {
	asked string            // the interpreter last asked for ("" before the first)
	gen   int               // bumped at each new question; older answers are dropped
	info  *interpreter.Info // the answer, nil until one arrives (or when there is none)
}

// pythonCommand is the interpreter the settings (then the options) name; "-" means none.
// A relative path from the settings (".venv/bin/python") is the first workspace
// folder's, as `pyward check` takes it from the project root.
func (s *Server) pythonCommand() string {
	ss := s.session
	ss.mu.RLock()
	python := ss.settings.PythonPath
	var folder string
	if len(ss.folders) > 0 {
		folder = ss.folders[0]
	}
	ss.mu.RUnlock()
	if folder != "" && strings.ContainsAny(python, "/"+pathing.Host.Sep()) && !pathing.Host.IsAbs(python) {
		python = pathing.Host.Join(folder, python)
	}
	if python == "" {
		python = s.opts.PythonPath
	}
	if python == "" {
		python = "python3"
	}
	return python
}

// interpreterOptions are the options of interpreter.Query in this session.
func (s *Server) interpreterOptions() interpreter.Options {
	ss := s.session
	ss.mu.RLock()
	enabled := ss.settings.CacheEnabled && !s.opts.NoCache
	ss.mu.RUnlock()
	return interpreter.Options{Cache: interpreter.OpenCache(enabled)}
}

// discoverSysPath asks the interpreter the settings name for its sys.path, version and
// platform, unless it was already asked. A cached answer is applied at once, before
// the first check; otherwise the interpreter runs in the background and everything
// else works without it: open documents are re-checked when the answer arrives.
func (s *Server) discoverSysPath() {
	python := s.pythonCommand()
	ss := s.session
	ss.mu.Lock()
	if python == ss.interp.asked {
		ss.mu.Unlock()
		return
	}
	ss.interp.asked = python
	ss.interp.gen++
	gen := ss.interp.gen
	ss.interp.info = nil
	had := len(ss.sysPath) > 0
	ss.sysPath = nil
	ss.mu.Unlock()
	s.syntax.use("") // tree-sitter's verdict until the new interpreter has answered
	if python == "-" {
		if had {
			ss.updateRoots()
		}
		return
	}
	opts := s.interpreterOptions()
	if info, ok := interpreter.Cached(python, opts); ok {
		s.applyInterpreter(gen, info)
		return
	}
	if had {
		ss.updateRoots()
	}
	s.queries.Add(1)
	go func() {
		defer s.queries.Done()
		// Running python3 takes tens of milliseconds of CPU (a third of a second behind
		// a pyenv shim), which on a small machine would delay the first diagnostics of
		// the session: wait for them (or a second, or the end of the session) first.
		select {
		case <-s.firstPublish:
		case <-time.After(time.Second):
		case <-s.shuttingDown:
		case <-s.ctx.Done():
			return
		}
		info, err := interpreter.Query(s.ctx, python, opts)
		select {
		case <-s.shuttingDown:
			return // the answer is cached (Query stored it); the session is over
		default:
		}
		if err != nil {
			if s.ctx.Err() != nil {
				return
			}
			s.log.Warn("no interpreter: installed modules will not resolve", zap.String("python", python), zap.Error(err))
			s.notify("window/showMessage", &protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: fmt.Sprintf(
				"pyward: cannot read sys.path from the interpreter %q (%v): installed modules will not resolve. Set pyward.pythonPath (\"-\" for none).", python, err)})
			return
		}
		if s.applyInterpreter(gen, info) {
			s.recheckAll()
		}
	}()
}

// shutdownQueryWait is how long shutdown waits for an interpreter question under way:
// long enough for python3 behind a pyenv shim (about a third of a second), so that a
// session that ends before the answer came (a script, a benchmark, an editor that
// restarts the server) still caches it for the next one.
const shutdownQueryWait = 2 * time.Second

// finishQueries starts an interpreter question still waiting for the first diagnostics
// and waits up to limit for the questions under way to end.
func (s *Server) finishQueries(limit time.Duration) {
	s.shutdownOnce.Do(func() { close(s.shuttingDown) })
	done := make(chan struct{})
	go func() {
		s.queries.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(limit):
		s.log.Info("shutting down with an interpreter question under way", zap.Duration("waited", limit))
	}
}

// applyInterpreter records the answer of question gen, unless a newer question was
// asked since; it reports whether it did.
func (s *Server) applyInterpreter(gen int, info interpreter.Info) bool {
	ss := s.session
	ss.mu.Lock()
	if gen != ss.interp.gen {
		ss.mu.Unlock()
		return false
	}
	ss.interp.info = &info
	ss.sysPath = info.SysPath
	python := ss.interp.asked
	ss.mu.Unlock()
	if info.Executable != "" {
		python = info.Executable
	}
	s.syntax.use(python)
	s.log.Info("interpreter", zap.String("executable", info.Executable), zap.String("version", info.Version.String()),
		zap.String("platform", info.Platform), zap.Strings("sysPath", info.SysPath))
	ss.updateRoots()
	return true
}

// TargetOf is the interpreter as the rules see it: the version, platform and os.name
// that decide which code runs (see analysis.Unreachable).
func TargetOf(info interpreter.Info) analysis.Interp {
	return analysis.Interp{Known: true, Major: info.Version.Major, Minor: info.Version.Minor, Micro: info.Version.Micro,
		Platform: info.Platform, OSName: info.OSName}
}
