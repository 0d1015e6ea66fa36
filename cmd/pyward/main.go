// Command pyward is a language server for Python that knows relative imports,
// underscores and name mangling, asyncio mistakes and the data model.
//
//	pyward [serve]          speak LSP on stdin/stdout
//	pyward check PATH...    report findings in files and folders
//	pyward version          print the version
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	_ "github.com/pyward/pyward/analysis/rules" // the rules register themselves
	"github.com/pyward/pyward/server"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `usage:
  pyward [serve] [--log-level LEVEL] [--log-file FILE]
  pyward check [--format text|json] [--log-level LEVEL] [--log-file FILE] PATH...
  pyward version
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && (args[0] == "serve" || args[0] == "check" || args[0] == "version" || args[0] == "help") {
		cmd, args = args[0], args[1:]
	} else if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(stdout, usage)
		return 0
	}
	switch cmd {
	case "version":
		fmt.Fprintf(stdout, "pyward %s\n", version)
		return 0
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "check":
		return runCheck(args, stdout, stderr)
	default:
		return runServe(args, stdin, stdout, stderr)
	}
}

func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logLevel := fs.String("log-level", "warn", "log level: debug, info, warn, error")
	logFile := fs.String("log-file", "", "write logs to this file instead of stderr")
	python := fs.String("python", "", "interpreter whose sys.path resolves installed modules (default python3; - for none)")
	noCache := fs.Bool("no-cache", false, "do not use the cache folder ($XDG_CACHE_HOME/pyward)")
	_ = fs.Bool("stdio", true, "speak LSP on stdin/stdout (the default; accepted for editors that pass it)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	level := zap.NewAtomicLevel()
	sink := &switchableSink{}
	log, closeLog, err := newLogger(*logLevel, *logFile, stderr, level, sink)
	if err != nil {
		fmt.Fprintf(stderr, "pyward: %v\n", err)
		return 2
	}
	defer closeLog()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	code := server.Serve(ctx, stdio{stdin, stdout}, server.Options{
		Logger:     log,
		PythonPath: *python,
		NoCache:    *noCache,
		Version:    version,
		OnSettings: func(s server.Settings) {
			// Settings override the flags only where they say something.
			want := *logLevel
			if s.LogLevel != "" {
				want = s.LogLevel
			}
			_ = level.UnmarshalText([]byte(want))
			if s.LogFile != "" {
				if err := sink.redirect(s.LogFile); err != nil {
					log.Warn("cannot open log.file", zap.String("file", s.LogFile), zap.Error(err))
				}
			}
		},
	})
	return code
}

// stdio joins stdin and stdout into the connection.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }

// newLogger builds the zap logger: human-readable lines to stderr, or JSON lines to a
// file; never stdout, which carries the protocol. When sink is not nil the output goes
// through it, so that the log.file setting can redirect it later.
func newLogger(level, file string, stderr io.Writer, atom zap.AtomicLevel, sink *switchableSink) (*zap.Logger, func(), error) {
	if err := atom.UnmarshalText([]byte(level)); err != nil {
		return nil, nil, fmt.Errorf("invalid --log-level %q: want debug, info, warn or error", level)
	}
	if sink == nil {
		sink = &switchableSink{}
	}
	sink.w = stderr
	encCfg := zap.NewProductionEncoderConfig()
	encCfg.EncodeTime = zapcore.ISO8601TimeEncoder
	enc := zapcore.NewConsoleEncoder(encCfg)
	if file != "" {
		if err := sink.redirect(file); err != nil {
			return nil, nil, fmt.Errorf("open log file: %w", err)
		}
		enc = zapcore.NewJSONEncoder(encCfg)
	}
	core := zapcore.NewCore(enc, zapcore.AddSync(sink), atom)
	return zap.New(core), sink.close, nil
}

// switchableSink is the log's destination, which the log.file setting may change while
// the server runs.
type switchableSink struct {
	mu   sync.Mutex
	w    io.Writer
	file *os.File
	name string
}

func (s *switchableSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// redirect sends the log to the file name from now on (appending).
func (s *switchableSink) redirect(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if name == s.name {
		return nil
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if s.file != nil {
		_ = s.file.Close()
	}
	s.file, s.w, s.name = f, f, name
	return nil
}

func (s *switchableSink) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file != nil {
		_ = s.file.Close()
		s.file = nil
	}
}
