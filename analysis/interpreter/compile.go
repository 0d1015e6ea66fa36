package interpreter

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"sync"
	"time"
)

// CompileResult is CPython's verdict on a module's source: compile() accepts it, or
// rejects it with a SyntaxError (IndentationError, TabError) at a 1-based line and
// column. The column counts bytes of the line: CPython's offset for a source given as
// bytes (it may point just past the end of the line).
type CompileResult struct {
	OK      bool   `json:"ok"`
	Type    string `json:"type"` // "SyntaxError", "IndentationError", "TabError", "ValueError"
	Msg     string `json:"msg"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	EndLine int    `json:"end_line"`
	EndCol  int    `json:"end_col"`
}

// compileScript reads requests "<length>\n<source bytes>" from stdin and answers each
// with one JSON line. compile() runs no code: it parses and builds the code object,
// which is where CPython raises every SyntaxError (also those of the symbol table:
// 'return' outside function, nonlocal at module level).
const compileScript = `
import json, sys, warnings
warnings.simplefilter("ignore")
inp, out = sys.stdin.buffer, sys.stdout
while True:
    head = inp.readline()
    if not head:
        break
    src = inp.read(int(head))
    try:
        compile(src, "<pyward>", "exec", dont_inherit=True)
        r = {"ok": True}
    except SyntaxError as e:
        r = {"ok": False, "type": type(e).__name__, "msg": str(e.msg), "line": e.lineno or 0,
             "col": e.offset or 0, "end_line": getattr(e, "end_lineno", 0) or 0,
             "end_col": getattr(e, "end_offset", 0) or 0}
    except (ValueError, MemoryError, RecursionError) as e:
        r = {"ok": False, "type": type(e).__name__, "msg": str(e)}
    out.write(json.dumps(r) + "\n")
    out.flush()
`

// maxCached bounds the verdicts a Compiler remembers; past it the cache starts over.
const maxCached = 1024

// Compiler asks one long-lived CPython process to compile() sources, one at a time,
// and remembers the verdicts by content hash. It is safe for concurrent use. A
// process that dies is started again on the next request; after three failures in a
// row every Compile returns an error (callers then keep their own verdict).
type Compiler struct {
	python  string
	timeout time.Duration

	mu    sync.Mutex // serialises requests to the process
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *bufio.Reader
	cache map[[32]byte]CompileResult
	fails int
}

// NewCompiler returns a Compiler for the interpreter python; the process starts on the
// first Compile.
func NewCompiler(python string) *Compiler {
	return &Compiler{python: python, timeout: 10 * time.Second, cache: map[[32]byte]CompileResult{}}
}

// Cached returns the verdict on src when one is known, without running anything.
func (c *Compiler) Cached(src []byte) (CompileResult, bool) {
	h := sha256.Sum256(src)
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.cache[h]
	return r, ok
}

// Compile returns CPython's verdict on src, from the cache or from the process. A
// request in flight is not abandoned when ctx is cancelled (the answer of a compile is
// quick, and the process must stay in step): ctx only stops a request that has not
// started.
func (c *Compiler) Compile(ctx context.Context, src []byte) (CompileResult, error) {
	h := sha256.Sum256(src)
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.cache[h]; ok {
		return r, nil
	}
	if err := ctx.Err(); err != nil {
		return CompileResult{}, err
	}
	if c.fails >= 3 {
		return CompileResult{}, fmt.Errorf("%s: the compile helper failed %d times", c.python, c.fails)
	}
	r, err := c.ask(src)
	if err != nil {
		c.fails++
		c.stopLocked()
		return CompileResult{}, err
	}
	c.fails = 0
	if len(c.cache) >= maxCached {
		c.cache = map[[32]byte]CompileResult{}
	}
	c.cache[h] = r
	return r, nil
}

func (c *Compiler) ask(src []byte) (CompileResult, error) {
	if c.cmd == nil {
		if err := c.startLocked(); err != nil {
			return CompileResult{}, err
		}
	}
	type reply struct {
		line []byte
		err  error
	}
	done := make(chan reply, 1)
	go func() {
		if _, err := io.WriteString(c.stdin, strconv.Itoa(len(src))+"\n"); err != nil {
			done <- reply{err: err}
			return
		}
		if _, err := c.stdin.Write(src); err != nil {
			done <- reply{err: err}
			return
		}
		line, err := c.out.ReadBytes('\n')
		done <- reply{line, err}
	}()
	timer := time.NewTimer(c.timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return CompileResult{}, fmt.Errorf("compile helper: %w", r.err)
		}
		var res CompileResult
		if err := json.Unmarshal(r.line, &res); err != nil {
			return CompileResult{}, fmt.Errorf("compile helper: bad answer %q", truncate(string(r.line), 200))
		}
		return res, nil
	case <-timer.C:
		c.stopLocked() // unblocks the goroutine
		<-done
		return CompileResult{}, fmt.Errorf("compile helper: no answer within %v", c.timeout)
	}
}

func (c *Compiler) startLocked() error {
	cmd := exec.Command(c.python, "-I", "-c", compileScript)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	c.cmd, c.stdin, c.out = cmd, stdin, bufio.NewReader(stdout)
	return nil
}

func (c *Compiler) stopLocked() {
	if c.cmd == nil {
		return
	}
	_ = c.stdin.Close()
	_ = c.cmd.Process.Kill()
	_ = c.cmd.Wait()
	c.cmd, c.stdin, c.out = nil, nil, nil
}

// Close ends the process. The Compiler may be used again: it starts a new one.
func (c *Compiler) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopLocked()
}
