package semantic

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/diskcache"
	"github.com/pyward/pyward/pathing"
)

// summaryEvalFiles are a library module and a file that uses it in every way the
// evaluator reads an imported module: functions answered from the summary alone
// (async, plain, kept or unknown decorators, async generators, several defs that agree
// or not), and functions whose return annotation needs the module's model.
var summaryEvalFiles = map[string]string{
	"lib.py": `import functools

async def fetch(): pass
def plain(): pass
@functools.wraps(plain)
async def wrapped(): pass
@staticmethod
async def kept(): pass
@unknown
async def decorated(): pass
async def agen():
    yield 1
if cond:
    async def twice(): pass
else:
    async def twice(): pass
if cond:
    async def mixed(): pass
else:
    def mixed(): pass

class Client:
    async def get(self): pass

def make() -> Client:
    return Client()

async def connect() -> Client:
    return Client()
`,
	"main.py": `import lib
from lib import fetch, plain, wrapped, kept, decorated, agen, twice, mixed, make, connect

async def main():
    fetch()  # yes
    lib.fetch()  # yes
    plain()  # no
    lib.plain()  # no
    wrapped()  # yes
    kept()  # yes
    decorated()  # no
    agen()  # no
    twice()  # yes
    mixed()  # no
    make().get()  # yes
    lib.make().get()  # yes
    (await connect()).get()  # yes
    (await lib.connect()).get()  # yes
`,
}

// TestImportedFunctionsFromSummaries checks the coroutine knowledge of names imported
// from another module, with that module known from its model (the first index) and
// known only from its cached summary (the second): the answers are the same, and the
// second parses the library only for what the summary cannot answer.
func TestImportedFunctionsFromSummaries(t *testing.T) {
	dir := t.TempDir()
	for name, src := range summaryEvalFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache, err := diskcache.Open(t.TempDir(), "summaries")
	if err != nil {
		t.Fatal(err)
	}
	lib, mainPath := filepath.Join(dir, "lib.py"), filepath.Join(dir, "main.py")
	run := func(onlyFunctions bool) {
		ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
		ix.SetRoots([]string{dir})
		ix.SetSummaryCache(cache)
		src, _ := os.ReadFile(mainPath)
		m := buildSrc(t, string(src))
		co := NewCoroutines(m, ix, mainPath)
		lines := map[string][]string{"# yes": nil, "# no": nil}
		for marker := range lines {
			for _, call := range callsMarked(m, marker) {
				_, got := co.IsCoroutineCall(call)
				if want := marker == "# yes"; got != want {
					t.Errorf("%s: IsCoroutineCall = %v, want %v", m.Text(call), got, want)
				}
			}
		}
		if onlyFunctions {
			// only the annotated make/connect need lib's model; before them, no parse
			_, parsed := ix.ParsedModules()[lib]
			_, summary := ix.HeldSummaries()[lib]
			if !parsed || summary {
				t.Errorf("lib.py parsed %v, held as a summary only %v: want parsed (return annotations)", parsed, summary)
			}
		}
	}
	run(false) // makes the cached summary
	run(true)

	// a file that calls only functions answered by the summary never parses lib.py
	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	ix.SetRoots([]string{dir})
	ix.SetSummaryCache(cache)
	m := buildSrc(t, "import lib\nfrom lib import fetch\nasync def main():\n    fetch()  # yes\n    lib.plain()  # no\n")
	co := NewCoroutines(m, ix, mainPath)
	for _, call := range callsMarked(m, "# yes") {
		if _, ok := co.IsCoroutineCall(call); !ok {
			t.Errorf("%s: not a coroutine call", m.Text(call))
		}
	}
	for _, call := range callsMarked(m, "# no") {
		if _, ok := co.IsCoroutineCall(call); ok {
			t.Errorf("%s: a coroutine call", m.Text(call))
		}
	}
	if _, parsed := ix.ParsedModules()[lib]; parsed {
		t.Error("lib.py was parsed although its summary answers every question")
	}
	if _, held := ix.HeldSummaries()[lib]; !held {
		t.Error("lib.py's summary is not held")
	}
}

// TestImportedClassBuiltOnlyWhenRead checks that calling a class imported from a module
// known only by its cached summary is answered (not a coroutine call) without building
// that module, and that reading a member of its instance builds it and answers as the
// model does.
func TestImportedClassBuiltOnlyWhenRead(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "lib.py"), []byte(summaryEvalFiles["lib.py"]), 0o644); err != nil {
		t.Fatal(err)
	}
	cache, err := diskcache.Open(t.TempDir(), "summaries")
	if err != nil {
		t.Fatal(err)
	}
	lib, mainPath := filepath.Join(dir, "lib.py"), filepath.Join(dir, "main.py")
	newIndex := func() *analysis.Index {
		ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
		ix.SetRoots([]string{dir})
		ix.SetSummaryCache(cache)
		return ix
	}
	if _, err := newIndex().Summary(lib); err != nil { // fills the summary cache
		t.Fatal(err)
	}
	ix := newIndex()
	m := buildSrc(t, "import lib\nfrom lib import Client\nasync def main():\n    Client()  # no\n    lib.Client()  # no\n    c = Client()\n    c.get()  # yes\n")
	co := NewCoroutines(m, ix, mainPath)
	for _, call := range callsMarked(m, "# no") {
		if _, ok := co.IsCoroutineCall(call); ok {
			t.Errorf("%s: a coroutine call", m.Text(call))
		}
	}
	if _, parsed := ix.ParsedModules()[lib]; parsed {
		t.Error("lib.py was built to call a class it defines")
	}
	for _, call := range callsMarked(m, "# yes") {
		if _, ok := co.IsCoroutineCall(call); !ok {
			t.Errorf("%s: not a coroutine call", m.Text(call))
		}
	}
	if _, parsed := ix.ParsedModules()[lib]; !parsed {
		t.Error("lib.py was not built to read a member of Client")
	}
}
