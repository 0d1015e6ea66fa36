package interpreter

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// CPython's compile() is the judge: these verdicts are CPython's own.
func TestCompile(t *testing.T) {
	c := NewCompiler("python3")
	defer c.Close()
	tests := []struct {
		name, src string
		ok        bool
		line, col int
		msg       string
	}{
		{"valid", "import os\nprint(os.sep)\n", true, 0, 0, ""},
		{"print chevron is valid Python 3", "import sys\nprint >> sys.stderr, \"x\"\n", true, 0, 0, ""},
		{"python 2 print", "x = 1\nprint \"x\"\n", false, 2, 1, "Missing parentheses in call to 'print'. Did you mean print(...)?"},
		{"unclosed", "def f(:\n    pass\n", false, 1, 7, ""},
		{"return outside function", "return 1\n", false, 1, 1, "'return' outside function"},
		{"indentation", "if x:\npass\n", false, 2, 1, "expected an indented block after 'if' statement on line 1"},
		{"code is not run", "import nowhere_at_all\nraise SystemExit(3)\n", true, 0, 0, ""},
		{"the column counts bytes", "s = 'é' +\n", false, 1, 11, ""}, // the end of the line: 10 bytes, 9 characters
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := c.Compile(context.Background(), []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if r.OK != tt.ok || !tt.ok && (r.Line != tt.line || tt.col != 0 && r.Col != tt.col || tt.msg != "" && r.Msg != tt.msg) {
				t.Errorf("Compile(%q) = %+v, want ok=%v line %d col %d %q", tt.src, r, tt.ok, tt.line, tt.col, tt.msg)
			}
			if cached, ok := c.Cached([]byte(tt.src)); !ok || cached != r {
				t.Errorf("Cached = %+v, %v; want the answer just given", cached, ok)
			}
		})
	}
}

func TestCompileConcurrentAndRestart(t *testing.T) {
	c := NewCompiler("python3")
	defer c.Close()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			src := strings.Repeat("x = 1\n", i) + "print 'x'\n"
			r, err := c.Compile(context.Background(), []byte(src))
			if err != nil || r.OK || r.Line != i+1 {
				t.Errorf("source %d: %+v, %v", i, r, err)
			}
		}(i)
	}
	wg.Wait()
	c.Close() // the next request starts a new process
	if r, err := c.Compile(context.Background(), []byte("y = 2\n")); err != nil || !r.OK {
		t.Errorf("after Close: %+v, %v", r, err)
	}
}

func TestCompileWithoutInterpreter(t *testing.T) {
	c := NewCompiler("/nonexistent/python3")
	defer c.Close()
	for i := 0; i < 5; i++ {
		if _, err := c.Compile(context.Background(), []byte("x = 1\n")); err == nil {
			t.Fatal("no error from a missing interpreter")
		}
	}
	if _, ok := c.Cached([]byte("x = 1\n")); ok {
		t.Error("a failure was cached as a verdict")
	}
}
