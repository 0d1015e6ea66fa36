// Command pyward is a language server for Python that knows relative imports,
// underscores and name mangling, asyncio mistakes and the data model.
//
//	pyward [serve]          speak LSP on stdin/stdout
//	pyward check PATH...    report findings in files and folders
//	pyward version          print the version
//	pyward help [COMMAND]   every command's flags with their defaults
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"sync"
	"syscall"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	_ "github.com/pyward/pyward/analysis/rules" // the rules register themselves
	"github.com/pyward/pyward/server"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// commands are the subcommands, for "did you mean".
var commands = []string{"serve", "check", "version", "help"}

const overview = `pyward: a Python language server, and a checker for scripts and CI.

usage:
  pyward [serve] [flags]        speak LSP on stdin/stdout (what editors run)
  pyward check [flags] PATH...  report findings in Python files and folders
  pyward version                print the version
  pyward help [COMMAND]         print this help, or a command's

Plain "pyward" serves when standard input is not a terminal (an editor started it), and
prints this help when it is. Exit status of check: 0 clean, 1 findings, 2 errors.`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		if f, ok := stdin.(*os.File); ok && isTerminal(f) {
			help(stderr)
			return 2
		}
		return runServe(nil, stdin, stdout, stderr)
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		return runServe(rest, stdin, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "version", "--version", "-V":
		if len(rest) > 0 {
			fmt.Fprintf(stderr, "pyward version: unexpected argument %q (version takes none)\n", rest[0])
			return 2
		}
		fmt.Fprintf(stdout, "pyward %s\n", version)
		return 0
	case "help", "-h", "-help", "--help":
		return runHelp(rest, stdout, stderr)
	default:
		if strings.HasPrefix(cmd, "-") {
			// `pyward --stdio`, `pyward --log-level debug`: the flags of serve.
			return runServe(args, stdin, stdout, stderr)
		}
		msg := fmt.Sprintf("pyward: unknown command %q", cmd)
		if near := closest(cmd, commands); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		} else if _, err := os.Stat(cmd); err == nil {
			msg += fmt.Sprintf(" (to check it: pyward check %s)", cmd)
		}
		fmt.Fprintf(stderr, "%s\nRun 'pyward help' to see the commands and their flags.\n", msg)
		return 2
	}
}

// runHelp prints the overview and every command's flags, or one command's help.
func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		help(stdout)
		return 0
	}
	switch args[0] {
	case "serve":
		c, _ := serveCommand()
		c.help(stdout)
	case "check":
		c, _ := checkCommand()
		c.help(stdout)
	case "version", "help":
		help(stdout)
	default:
		msg := fmt.Sprintf("pyward help: unknown command %q", args[0])
		if near := closest(args[0], commands); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		fmt.Fprintln(stderr, msg)
		return 2
	}
	return 0
}

// help prints the overview and the flags of every command, with their defaults.
func help(w io.Writer) {
	fmt.Fprintf(w, "%s\n", overview)
	serve, _ := serveCommand()
	fmt.Fprintf(w, "\nflags of serve:\n")
	serve.printFlags(w)
	check, _ := checkCommand()
	fmt.Fprintf(w, "\nflags of check (flags may also come after the paths):\n")
	check.printFlags(w)
	fmt.Fprintf(w, "\n%s\n", check.notes)
}

// otherCommandWith returns the command other than name that has the flag, if any.
func otherCommandWith(name, flagName string) string {
	serve, _ := serveCommand()
	check, _ := checkCommand()
	for _, c := range []*command{serve, check} {
		if c.name != name && c.fs.Lookup(flagName) != nil {
			return c.name
		}
	}
	return ""
}

// serveOptions are the flags of serve.
type serveOptions struct {
	logLevel, logFile, python string
	noCache                   bool
	cpuProfile                string
}

func serveCommand() (*command, *serveOptions) {
	c := newCommand("serve", "pyward [serve] [flags]",
		"Speak the Language Server Protocol on stdin/stdout. Editors start this; logs go to stderr\nor --log-file, never to stdout.")
	o := &serveOptions{}
	addCommonFlags(c, &o.logLevel, &o.logFile, &o.python, &o.noCache, &o.cpuProfile)
	_ = c.fs.Bool("stdio", true, "speak LSP on stdin/stdout (the only transport; accepted because editors pass it)")
	return c, o
}

// addCommonFlags defines the flags serve and check share.
func addCommonFlags(c *command, logLevel, logFile, python *string, noCache *bool, cpuProfile *string) {
	c.fs.StringVar(logLevel, "log-level", "warn", "log `level`: debug, info, warn or error")
	c.fs.StringVar(logFile, "log-file", "", "write logs to this `file` (JSON lines) instead of stderr")
	c.shown["log-file"] = "stderr"
	c.fs.StringVar(python, "python", "", "the `interpreter` whose sys.path resolves installed modules; - for none (a missing or broken one is a warning)")
	c.shown["python"] = "python3 on PATH"
	c.fs.StringVar(cpuProfile, "cpu-profile", "", "write a CPU profile of the run to this `file` when it ends (go tool pprof reads it)")
	c.shown["cpu-profile"] = "none"
	c.fs.BoolVar(noCache, "no-cache", false, "do not use the cache folder ($XDG_CACHE_HOME/pyward) for the interpreter's answers")
}

func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, o := serveCommand()
	extra, code, ok := c.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(extra) > 0 {
		fmt.Fprintf(stderr, "pyward serve: unexpected argument %q (serve takes only flags; to check files: pyward check %s)\n", extra[0], strings.Join(extra, " "))
		return 2
	}
	logLevel, logFile := &o.logLevel, &o.logFile
	level := zap.NewAtomicLevel()
	sink := &switchableSink{}
	log, closeLog, err := newLogger(*logLevel, *logFile, stderr, level, sink)
	if err != nil {
		fmt.Fprintf(stderr, "pyward: %v\n", err)
		return 2
	}
	defer closeLog()
	if o.cpuProfile != "" {
		stopProfile, err := startCPUProfile(o.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "pyward: --cpu-profile: %v\n", err)
			return 2
		}
		defer stopProfile()
	}
	keepGCHeadroom()
	if f, ok := stdin.(*os.File); ok {
		in, restore := pollable(f)
		defer restore()
		stdin = in
	}
	if f, ok := stdout.(*os.File); ok {
		out, restore := pollable(f)
		defer restore()
		stdout = out
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	code = server.Serve(ctx, stdio{stdin, stdout}, server.Options{
		Logger:     log,
		PythonPath: o.python,
		NoCache:    o.noCache,
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

// startCPUProfile starts profiling the process into file; the returned function stops
// and writes it.
func startCPUProfile(file string) (func(), error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
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
