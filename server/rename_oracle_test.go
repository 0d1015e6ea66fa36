package server

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pyward/pyward/pathing"
)

// The proof of workspace/willRenameFiles: real package trees (standard-library
// packages copied into a temporary workspace, and testdata/rename/fixture with
// relative imports across levels, namespace packages and stubs) get random file and
// folder moves through the server's edits; after each move CPython imports every
// module of the tree and every import statement and module attribute chain must bind
// the same file and object as in the original tree (testdata/rename/gen.py).
//
// Sizes: about 520 moves over four workspaces, chosen to run in about a minute on two
// cores (each check imports the whole tree in one long-lived python3).

// renameTree is one workspace of the test.
type renameTree struct {
	name   string
	stdlib []string // standard-library packages copied in
	dirs   []string // folders under testdata/rename copied in
	moves  int
	seed   int64
}

var renameTrees = []renameTree{
	{name: "fixture", dirs: []string{"fixture"}, moves: 250, seed: 1},
	{name: "email+json", stdlib: []string{"email", "json"}, moves: 220, seed: 2},
	{name: "concurrent+wsgiref+tomllib+xmlrpc", stdlib: []string{"concurrent", "wsgiref", "tomllib", "xmlrpc"}, moves: 160, seed: 3},
	{name: "fixture+importlib_metadata-free", dirs: []string{"fixture"}, stdlib: []string{"json"}, moves: 80, seed: 4},
}

// oracle is a running testdata/rename/gen.py serve.
type oracle struct {
	cmd *exec.Cmd
	in  *bufio.Writer
	out *bufio.Reader
}

type identity struct {
	K string   `json:"k"`
	P []string `json:"p"`
	Q string   `json:"q"`
	V string   `json:"v"`
}

// record asks the oracle about the tree at root, importing the files in the given
// order first (relative paths; the rest follow sorted).
func (o *oracle) record(t *testing.T, root string, order []string) map[string]fileRecord {
	t.Helper()
	if _, err := o.in.WriteString(strings.Join(append([]string{root}, order...), "\t") + "\n"); err != nil {
		t.Fatal(err)
	}
	if err := o.in.Flush(); err != nil {
		t.Fatal(err)
	}
	line, err := o.out.ReadBytes('\n')
	if err != nil {
		t.Fatalf("oracle: %v", err)
	}
	var raw map[string]struct {
		Error  string            `json:"error"`
		Detail string            `json:"detail"`
		Binds  []json.RawMessage `json:"binds"`
		Chains []identity        `json:"chains"`
	}
	if err := json.Unmarshal(line, &raw); err != nil {
		t.Fatalf("oracle output: %v", err)
	}
	out := map[string]fileRecord{}
	for f, e := range raw {
		fr := fileRecord{Error: e.Error, Detail: e.Detail, Chains: e.Chains}
		for _, b := range e.Binds {
			var pair []json.RawMessage
			var name string
			var id identity
			if json.Unmarshal(b, &pair) != nil || len(pair) != 2 || json.Unmarshal(pair[0], &name) != nil || json.Unmarshal(pair[1], &id) != nil {
				t.Fatalf("oracle bind %s", b)
			}
			fr.Binds = append(fr.Binds, bindRecord{name, id})
		}
		out[f] = fr
	}
	return out
}

type bindRecord struct {
	Name string
	ID   identity
}

type fileRecord struct {
	Error  string
	Detail string
	Binds  []bindRecord
	Chains []identity
}

func (id identity) String() string {
	return fmt.Sprintf("%s%v:%s:%s", id.K, id.P, id.Q, id.V)
}

// order is the import order of the moved tree: its files in the order of the
// original tree, so that import cycles are entered at the same module.
func order(orig map[string]fileRecord, m relMap) []string {
	var files []string
	for f := range orig {
		files = append(files, f)
	}
	sort.Strings(files)
	for i, f := range files {
		files[i] = m.apply(f)
	}
	return files
}

// relMap maps the relative paths of the original tree through the moves done.
type relMap []([2]string)

func (m relMap) apply(p string) string {
	for _, mv := range m {
		if p == mv[0] {
			p = mv[1]
		} else if strings.HasPrefix(p, mv[0]+"/") {
			p = mv[1] + p[len(mv[0]):]
		}
	}
	return p
}

func (m relMap) identity(id identity) identity {
	out := id
	out.P = nil
	for _, p := range id.P {
		out.P = append(out.P, m.apply(p))
	}
	sort.Strings(out.P)
	return out
}

// compare checks the record of the moved tree against the original one mapped
// through the moves; it returns the differences.
func compare(orig, now map[string]fileRecord, m relMap) []string {
	var diffs []string
	for f, want := range orig {
		nf := m.apply(f)
		got, ok := now[nf]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s (was %s): not imported after the move", nf, f))
			continue
		}
		if want.Error != got.Error {
			diffs = append(diffs, fmt.Sprintf("%s: import error %q (%s), was %q", nf, got.Error, got.Detail, want.Error))
			continue
		}
		for _, d := range compareBinds(want.Binds, got.Binds, m) {
			diffs = append(diffs, nf+": "+d)
		}
		if len(want.Chains) != len(got.Chains) {
			diffs = append(diffs, fmt.Sprintf("%s: %d attribute chains, was %d", nf, len(got.Chains), len(want.Chains)))
			continue
		}
		for i := range want.Chains {
			if w, g := m.identity(want.Chains[i]).String(), m.identity(got.Chains[i]).String(); w != g {
				diffs = append(diffs, fmt.Sprintf("%s: attribute chain %d is %s, was %s", nf, i, g, w))
			}
		}
	}
	sort.Strings(diffs)
	return diffs
}

// compareBinds compares what the import statements of one file bind, as multisets of
// (name, identity); an entry named "import" (a plain dotted import) left over on one
// side matches a left-over entry of the same identity under any name on the other.
func compareBinds(want, got []bindRecord, m relMap) []string {
	count := map[[2]string]int{}
	for _, b := range want {
		count[[2]string{b.Name, m.identity(b.ID).String()}]++
	}
	for _, b := range got {
		count[[2]string{b.Name, m.identity(b.ID).String()}]--
	}
	byID := map[string][2]int{} // identity -> left-over [want, got] under "import"
	for k, n := range count {
		if k[0] != "import" || n == 0 {
			continue
		}
		e := byID[k[1]]
		if n > 0 {
			e[0] += n
		} else {
			e[1] -= n
		}
		byID[k[1]] = e
		count[k] = 0
	}
	for k, n := range count {
		e := byID[k[1]]
		for n > 0 && e[1] > 0 { // a wanted name matched by a plain import now
			n, e[1] = n-1, e[1]-1
		}
		for n < 0 && e[0] > 0 { // a plain import matched by a name now
			n, e[0] = n+1, e[0]-1
		}
		byID[k[1]] = e
		count[k] = n
	}
	var diffs []string
	for k, n := range count {
		if n != 0 {
			diffs = append(diffs, fmt.Sprintf("binding %s %s differs by %d", k[0], k[1], n))
		}
	}
	for id, e := range byID {
		if e[0] != 0 || e[1] != 0 {
			diffs = append(diffs, fmt.Sprintf("plain import of %s differs (%d before, %d after unmatched)", id, e[0], e[1]))
		}
	}
	return diffs
}

func pythonForRename(t *testing.T) (exe, stdlib string) {
	t.Helper()
	out, err := exec.Command("python3", "-c", "import sys, sysconfig; print(sys.executable); print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		t.Fatalf("python3 is needed (the oracle of the rename test): %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return lines[0], lines[1]
}

func TestRenameOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("the CPython rename oracle takes about a minute")
	}
	exe, stdlib := pythonForRename(t)
	gen, err := filepath.Abs("../testdata/rename/gen.py")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	total, applied := 0, 0
	declined := map[string]int{}
	t.Cleanup(func() {
		t.Logf("%d random moves: %d applied, every import identical after each; %d declined, by reason: %v", total, applied, total-applied, declined)
		if applied < 500 && !t.Failed() {
			t.Errorf("only %d moves were applied; the proof needs at least 500", applied)
		}
	})
	for _, tree := range renameTrees {
		tree := tree
		t.Run(tree.name, func(t *testing.T) {
			t.Parallel()
			st := runRenameTree(t, tree, exe, stdlib, gen)
			mu.Lock()
			defer mu.Unlock()
			total += st.total
			applied += st.applied
			for k, n := range st.declined {
				declined[k] += n
			}
		})
	}
}

// renameStats counts the moves of one tree.
type renameStats struct {
	total, applied int
	declined       map[string]int
}

// runRenameTree copies one tree into a workspace and moves it at random, checking
// every applied move with the oracle.
func runRenameTree(t *testing.T, tree renameTree, exe, stdlib, gen string) renameStats {
	st := renameStats{declined: map[string]int{}}
	start := time.Now()
	var serverTime, oracleTime time.Duration
	root := t.TempDir()
	for _, p := range tree.stdlib {
		copyTree(t, filepath.Join(stdlib, p), filepath.Join(root, p))
	}
	for _, d := range tree.dirs {
		copyTree(t, filepath.Join("../testdata/rename", d), root)
	}
	root, _ = filepath.EvalSymlinks(root)

	cmd := exec.Command(exe, "-I", "-S", "-B", gen, "serve")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	}()
	o := &oracle{cmd: cmd, in: bufio.NewWriter(stdin), out: bufio.NewReaderSize(stdout, 1<<20)}
	orig := o.record(t, root, nil)

	c := newTestClient(t, Options{PythonPath: exe})
	c.initialize(map[string]any{
		"workspaceFolders": []map[string]any{{"uri": pathing.PathToURI(root), "name": "ws"}},
		"capabilities": map[string]any{"workspace": map[string]any{
			"workspaceEdit":  map[string]any{"documentChanges": true, "resourceOperations": []string{"create", "rename", "delete"}},
			"fileOperations": map[string]any{"willRename": true, "didRename": true},
		}},
	})
	mg := &moveGen{rng: rand.New(rand.NewSource(tree.seed)), root: root}
	var moved relMap
	rel := func(p string) string { r, _ := filepath.Rel(root, p); return filepath.ToSlash(r) }
	for i := 0; i < tree.moves; i++ {
		st.total++
		oldPath, newPath := mg.next()
		if os.Getenv("PYWARD_RENAME_KEEP") == fmt.Sprintf("%s:%d", tree.name, i) {
			// Debugging: keep the tree as it is before this move.
			_ = exec.Command("cp", "-r", root, filepath.Join(os.TempDir(), "pyward-rename-keep")).Run()
		}
		params := map[string]any{"files": []map[string]string{{"oldUri": pathing.PathToURI(oldPath), "newUri": pathing.PathToURI(newPath)}}}
		c.mu.Lock()
		nmsg := len(c.messages)
		c.mu.Unlock()
		var raw json.RawMessage
		t0 := time.Now()
		err := c.call("workspace/willRenameFiles", params, &raw)
		serverTime += time.Since(t0)
		if err != nil {
			t.Fatalf("willRenameFiles %s -> %s: %v", oldPath, newPath, err)
		}
		if string(raw) == "null" || len(raw) == 0 {
			c.mu.Lock()
			msgs := append([]string(nil), c.messages[nmsg:]...)
			c.mu.Unlock()
			if len(msgs) == 0 {
				t.Fatalf("%s -> %s declined without a message", rel(oldPath), rel(newPath))
			}
			st.declined[reasonKind(msgs[0])]++
			t.Logf("declined %s -> %s: %s", rel(oldPath), rel(newPath), msgs[0])
			continue
		}
		renames, _ := applyEdit(t, raw)
		move(t, oldPath, newPath)
		moved = append(moved, [2]string{rel(oldPath), rel(newPath)})
		files := []map[string]string{{"oldUri": pathing.PathToURI(oldPath), "newUri": pathing.PathToURI(newPath)}}
		for _, r := range renames {
			move(t, r[0], r[1])
			moved = append(moved, [2]string{rel(r[0]), rel(r[1])})
			files = append(files, map[string]string{"oldUri": pathing.PathToURI(r[0]), "newUri": pathing.PathToURI(r[1])})
		}
		c.send("workspace/didRenameFiles", map[string]any{"files": files})
		st.applied++
		t0 = time.Now()
		now := o.record(t, root, order(orig, moved))
		oracleTime += time.Since(t0)
		if diffs := compare(orig, now, moved); len(diffs) > 0 {
			if len(diffs) > 20 {
				diffs = diffs[:20]
			}
			t.Fatalf("move %d, %s -> %s, changed what imports bind:\n%s\nedit: %s\n%s", i, rel(oldPath), rel(newPath), strings.Join(diffs, "\n"), raw, showFiles(root, diffs))
		}
		if err := stubsFollow(root); err != nil {
			t.Fatalf("move %d, %s -> %s: %v", i, rel(oldPath), rel(newPath), err)
		}
	}
	t.Logf("%d moves: %d applied, %d declined (%.1fs: server %.1fs, oracle %.1fs)", st.total, st.applied, st.total-st.applied,
		time.Since(start).Seconds(), serverTime.Seconds(), oracleTime.Seconds())
	return st
}

// showFiles returns the text of the first files named in diffs, for the failure message.
func showFiles(root string, diffs []string) string {
	var b strings.Builder
	seen := map[string]bool{}
	for _, d := range diffs {
		f := strings.SplitN(d, ":", 2)[0]
		if seen[f] || len(seen) == 3 {
			continue
		}
		seen[f] = true
		data, _ := os.ReadFile(filepath.Join(root, f))
		fmt.Fprintf(&b, "--- %s\n%s\n", f, data)
	}
	return b.String()
}

// stubsFollow checks that every .pyi stub still has its .py beside it.
func stubsFollow(root string) error {
	var bad []string
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".pyi") && !exists(strings.TrimSuffix(p, "i")) {
			bad = append(bad, p)
		}
		return nil
	})
	if len(bad) > 0 {
		return fmt.Errorf("stubs left without their source: %v", bad)
	}
	return nil
}

// reasonKind shortens a decline message to its kind, for the summary.
func reasonKind(msg string) string {
	msg = strings.TrimPrefix(msg, "pyward did not update the imports for this move: ")
	for _, k := range []string{"already names", "no longer be importable", "names the moved module", "__all__ lists", "would bind something else", "would not resolve", "no longer be bound", "no import binds", "moves out of", "may or may not", "overlap", "already exists", "does not parse", "import cycle", "symbolic link", "into itself", "changes what its package is"} {
		if strings.Contains(msg, k) {
			return k
		}
	}
	return msg
}
