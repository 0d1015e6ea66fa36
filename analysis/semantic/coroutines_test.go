package semantic

import (
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// buildSrc parses and builds src.
func buildSrc(t *testing.T, src string) *analysis.Module {
	t.Helper()
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return analysis.Build(tree)
}

// callsMarked returns the outermost call node of each line ending with the comment marker.
func callsMarked(m *analysis.Module, marker string) []syntax.NodeID {
	var out []syntax.NodeID
	seen := map[uint32]bool{}
	t := m.Tree
	for i := range t.Nodes {
		n := syntax.NodeID(i)
		if t.Type(n) != "call" {
			continue
		}
		line := m.Lines.Position(t.Nodes[n].Start, analysis.UTF8).Line
		if !seen[line] && strings.HasSuffix(strings.TrimSpace(string(m.Lines.LineText(int(line)))), marker) {
			seen[line] = true
			out = append(out, n)
		}
	}
	return out
}

// TestIsCoroutineCall marks each call `# yes` (creates a coroutine) or `# no`
// (not known to) and checks the file alone.
func TestIsCoroutineCall(t *testing.T) {
	src := `import asyncio
import asyncio as aio
from asyncio import sleep, Queue
from asyncio.tasks import wait_for
import functools
import queue

async def fetch(): pass
async def agen():
    yield 1
def sync(): pass

def deco(f): return f

@deco
async def decorated(): pass

def keeps(f):
    @functools.wraps(f)
    async def wrapper(*a):
        return await f(*a)
    return wrapper

try:
    async def either(): pass
except ImportError:
    def either(): pass

class Base:
    async def load(self): pass
    def plain(self): pass
    @staticmethod
    async def stat(): pass
    @classmethod
    async def make(cls): pass
    @property
    async def prop(self): pass

class Shadow(Base):
    def __init__(self):
        self.load = sync

class Child(Base):
    async def go(self):
        self.load()  # yes
        super().load()  # yes
        self.plain()  # no
        self.stat()  # yes
        Child.make()  # yes
        Base().load()  # yes
        def inner():
            return self.load()  # yes
    async def other(this):
        this.load()  # yes
    @staticmethod
    async def st(self):
        self.load()  # no

class Sub(Shadow):
    async def go(self):
        self.load()  # no

async def main():
    fetch()  # yes
    agen()  # no
    sync()  # no
    decorated()  # no
    either()  # no
    asyncio.sleep(1)  # yes
    aio.sleep(1)  # yes
    sleep(1)  # yes
    wait_for(fetch(), 1)  # yes
    asyncio.create_task(fetch())  # no
    asyncio.gather()  # no
    q = Queue()
    q.get()  # yes
    q.get_nowait()  # no
    q2 = queue.Queue()
    q2.get()  # no
    lock = asyncio.Lock()
    lock.acquire()  # yes
    loop = asyncio.get_running_loop()
    loop.sock_recv(None, 1)  # yes
    loop.call_soon(sync)  # no
    reader, writer = await asyncio.open_connection("h", 1)
    reader.readline()  # yes
    writer.drain()  # yes
    writer.write(b"")  # no
    proc = await asyncio.create_subprocess_exec("true")
    proc.wait()  # yes
    def nested():
        q.get()  # no
    async def local(): pass
    local()  # yes
    unknown.thing()  # no
`
	m := buildSrc(t, src)
	co := NewCoroutines(m, nil, "/w/a.py")
	yes, no := callsMarked(m, "# yes"), callsMarked(m, "# no")
	if len(yes) != 19 || len(no) != 15 {
		t.Fatalf("markers: %d yes, %d no", len(yes), len(no))
	}
	line := func(n syntax.NodeID) int { return int(m.Lines.Position(m.Tree.Nodes[n].Start, analysis.UTF8).Line) + 1 }
	for _, n := range yes {
		if _, ok := co.IsCoroutineCall(n); !ok {
			t.Errorf("line %d: %s is a coroutine call", line(n), m.Text(n))
		}
	}
	for _, n := range no {
		if name, ok := co.IsCoroutineCall(n); ok {
			t.Errorf("line %d: %s (%s) is not known to create a coroutine", line(n), m.Text(n), name)
		}
	}
}

func TestQualifiedNameAndLoop(t *testing.T) {
	src := "import asyncio as aio\nfrom asyncio import tasks\nfrom asyncio.events import get_running_loop\nfrom . import rel\nx = aio.run\ny = tasks.sleep\nloop = get_running_loop()\nz = loop\nw = rel.run\n"
	m := buildSrc(t, src)
	co := NewCoroutines(m, nil, "")
	want := map[string]string{"x": "asyncio.run", "y": "asyncio.sleep", "w": ""}
	for name, q := range want {
		b := m.Scope.Bindings.Lookup(name)[0]
		right := m.Tree.ChildByField(b.Def, "right")
		if got := co.QualifiedName(right); got != q {
			t.Errorf("%s: QualifiedName = %q, want %q", name, got, q)
		}
	}
	z := m.Tree.ChildByField(m.Scope.Bindings.Lookup("z")[0].Def, "right")
	if !co.IsEventLoopExpr(z) {
		t.Errorf("loop is an event loop")
	}
}

func TestIsCoroutineFunctionExpr(t *testing.T) {
	src := "async def main(): pass\nasync def gen():\n    yield\ndef f(): pass\nclass C:\n    async def m(self): pass\nrun(main, gen, f, C.m, C().m, (main))\n"
	m := buildSrc(t, src)
	co := NewCoroutines(m, nil, "")
	call := callsMarked(m, "C().m, (main))")
	var args []syntax.NodeID
	for _, c := range call {
		if m.Tree.Text(m.Tree.ChildByField(c, "function")) == "run" {
			args = m.Tree.NamedChildren(m.Tree.ChildByField(c, "arguments"))
		}
	}
	want := []bool{true, false, false, true, true, true}
	if len(args) != len(want) {
		t.Fatalf("args %d", len(args))
	}
	for i, a := range args {
		if _, ok := co.IsCoroutineFunctionExpr(a); ok != want[i] {
			t.Errorf("%s: %v, want %v", m.Text(a), ok, want[i])
		}
	}
}

// TestCoroutinesAcrossFiles: when coros.py changes `def f` to `async def f`, the open
// file that calls f sees the change without being edited.
func TestCoroutinesAcrossFiles(t *testing.T) {
	fsys := pathing.NewMemFS(pathing.Posix)
	if err := fsys.AddTree(map[string]string{
		"/w/pkg/__init__.py": "from .coros import f as g\n",
		"/w/pkg/coros.py":    "def f(): pass\n",
		"/w/pkg/main.py":     "from .coros import f\nfrom . import g\nimport pkg.coros\nasync def m():\n    f()\n    g()\n    pkg.coros.f()\n",
	}); err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(fsys, pathing.Posix)
	ix.SetRoots([]string{"/w"})
	main, err := ix.Module("/w/pkg/main.py")
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		co := NewCoroutines(main, ix, "/w/pkg/main.py")
		n := 0
		for i := range main.Tree.Nodes {
			if main.Tree.Type(syntax.NodeID(i)) == "call" {
				if _, ok := co.IsCoroutineCall(syntax.NodeID(i)); ok {
					n++
				}
			}
		}
		return n
	}
	if got := count(); got != 0 {
		t.Fatalf("before: %d coroutine calls, want 0", got)
	}
	tree, err := syntax.Parse([]byte("async def f(): pass\n"))
	if err != nil {
		t.Fatal(err)
	}
	ix.SetOpen("/w/pkg/coros.py", &analysis.File{Path: "/w/pkg/coros.py", Module: analysis.Build(tree)})
	if got := count(); got != 3 {
		t.Errorf("after def -> async def: %d coroutine calls, want 3", got)
	}
	// without an Index, imported names are unknown (and nothing panics)
	co := NewCoroutines(main, nil, "/w/pkg/main.py")
	for i := range main.Tree.Nodes {
		if _, ok := co.IsCoroutineCall(syntax.NodeID(i)); ok {
			t.Errorf("no Index: %s judged a coroutine call", main.Text(syntax.NodeID(i)))
		}
	}
}
