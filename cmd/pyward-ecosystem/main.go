// Command pyward-ecosystem is pyward's ecosystem check: it runs `pyward check` over real
// Python projects installed from Debian's packages (pinned in
// testdata/ecosystem/projects.txt) and over the standard library, and compares the
// findings with the committed snapshot testdata/ecosystem/snapshot.json.
//
// Every error-severity finding in the snapshot carries a verdict (true, false or unclear)
// and a one-line reason. Where CPython can decide, testdata/ecosystem/verdict.py computes
// the verdict with the interpreter that owns the files: compile() for syntax errors, the
// import itself in a subprocess for import errors. Elsewhere a person writes it.
//
//	go run ./cmd/pyward-ecosystem --install        # install the corpus, check, compare
//	go run ./cmd/pyward-ecosystem --update         # rewrite the snapshot after a change
//
// The check fails when a finding appears or disappears, when a computed verdict changes,
// when a count of warnings changes, when an error finding is unjudged, and when an error
// finding is judged false (a false runtime claim), unless --allow-false.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pyward-ecosystem", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "testdata/ecosystem", "folder with projects.txt, snapshot.json and verdict.py")
	pyward := fs.String("pyward", "", "the pyward binary to check with (default: go build ./cmd/pyward)")
	doInstall := fs.Bool("install", false, "install the pinned Debian packages first (apt-get)")
	update := fs.Bool("update", false, "rewrite snapshot.json: keep verdicts written by hand, recompute CPython's, mark new findings unjudged")
	allowFalse := fs.Bool("allow-false", false, "do not fail on error findings judged false")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "pyward-ecosystem: %v\n", err)
		return 2
	}
	dirAbs, err := filepath.Abs(*dir)
	if err != nil {
		return fail(err)
	}
	f, err := os.Open(filepath.Join(dirAbs, "projects.txt"))
	if err != nil {
		return fail(err)
	}
	corpus, err := parseCorpus(f)
	f.Close()
	if err != nil {
		return fail(err)
	}
	if *doInstall {
		if err := install(corpus, stderr); err != nil {
			return fail(err)
		}
	}
	for _, p := range corpus.Projects {
		if v := installedVersion(p.Package); v == "" {
			return fail(fmt.Errorf("%s is not installed (run with --install)", p.Package))
		} else if v != p.Version {
			fmt.Fprintf(stderr, "note: %s is installed at %s, not the pinned %s\n", p.Package, v, p.Version)
		}
	}
	bin := *pyward
	if bin == "" {
		tmp, err := os.MkdirTemp("", "pyward-ecosystem")
		if err != nil {
			return fail(err)
		}
		defer os.RemoveAll(tmp)
		bin = filepath.Join(tmp, "pyward")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/pyward").CombinedOutput(); err != nil {
			return fail(fmt.Errorf("go build ./cmd/pyward: %v\n%s", err, out))
		}
	}
	if bin, err = filepath.Abs(bin); err != nil {
		return fail(err)
	}

	snapPath := filepath.Join(dirAbs, "snapshot.json")
	old, err := loadSnapshot(snapPath)
	if err != nil {
		return fail(err)
	}
	start := time.Now()
	results := make([][]Finding, len(corpus.Projects))
	for i, p := range corpus.Projects {
		t := time.Now()
		results[i], err = checkProject(bin, corpus.Python, p)
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(stderr, "checked %-16s %5d findings in %.1fs\n", p.Name, len(results[i]), time.Since(t).Seconds())
	}
	t := time.Now()
	computed, err := computeVerdicts(filepath.Join(dirAbs, "verdict.py"), corpus, results)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stderr, "CPython judged %d error findings in %.1fs\n", countComputed(computed), time.Since(t).Seconds())

	cur := &Snapshot{Python: corpus.Python}
	for i, p := range corpus.Projects {
		cur.Projects = append(cur.Projects, newProjectSnap(p, results[i], computed[i], old.project(p.Name)))
	}
	fmt.Fprintln(stdout)
	summarize(stdout, cur)
	fmt.Fprintf(stdout, "\n(%.0fs in all)\n", time.Since(start).Seconds())

	changes := diff(old, cur)
	status := 0
	if *update {
		if err := os.WriteFile(snapPath, cur.encode(), 0o644); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "\nwrote %s (%d changes)\n", snapPath, len(changes))
		for _, c := range changes {
			fmt.Fprintln(stdout, c)
		}
	} else if len(changes) > 0 {
		fmt.Fprintf(stdout, "\nFAIL: %d findings differ from %s:\n", len(changes), snapPath)
		for _, c := range changes {
			fmt.Fprintln(stdout, c)
		}
		fmt.Fprintln(stdout, "If the change is intended: go run ./cmd/pyward-ecosystem --update, then give every"+
			" \"unjudged\" entry a verdict (true/false/unclear) and a one-line reason, and commit snapshot.json.")
		status = 1
	}
	if u := unjudged(cur); len(u) > 0 {
		fmt.Fprintf(stdout, "\nFAIL: %d error findings have no verdict and reason yet (edit %s):\n", len(u), snapPath)
		for _, s := range u {
			fmt.Fprintln(stdout, "  "+s)
		}
		status = 1
	}
	if fc := falseClaims(cur); len(fc) > 0 && !*allowFalse {
		fmt.Fprintf(stdout, "\nFAIL: %d error findings are false runtime claims:\n", len(fc))
		for _, s := range fc {
			fmt.Fprintln(stdout, "  "+s)
		}
		status = 1
	}
	if status == 0 {
		fmt.Fprintln(stdout, "\necosystem check passed")
	}
	return status
}

// checkProject runs `pyward check --format json` over one project from its top folder.
// Exit status 1 means "there are findings"; anything else but 0 is an error. A run in
// which pyward could not ask the interpreter (on a loaded machine its query can time
// out) would compare findings made without sys.path: it is run again, and fails after
// three tries.
func checkProject(bin, python string, p Project) ([]Finding, error) {
	var err error
	for try := 0; try < 3; try++ {
		var out []Finding
		var noInterpreter bool
		out, noInterpreter, err = checkProjectOnce(bin, python, p)
		if err == nil && !noInterpreter {
			return out, nil
		}
		if err == nil {
			err = fmt.Errorf("pyward check %s: pyward could not ask the interpreter %s", p.Path, python)
		}
	}
	return nil, err
}

func checkProjectOnce(bin, python string, p Project) ([]Finding, bool, error) {
	cmd := exec.Command(bin, "check", "--format", "json", "--python", python, p.Path)
	cmd.Dir = p.Top
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		err = nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("pyward check %s (in %s): %v\n%s", p.Path, p.Top, err, tail(stderr.String(), 2000))
	}
	var out []Finding
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, false, fmt.Errorf("pyward check %s: bad JSON: %v", p.Path, err)
	}
	for i := range out {
		if filepath.IsAbs(out[i].Path) {
			if rel, err := filepath.Rel(p.Top, out[i].Path); err == nil {
				out[i].Path = rel
			}
		}
	}
	return out, strings.Contains(stderr.String(), "cannot read sys.path"), nil
}

// verdictRequest is one error finding as verdict.py reads it.
type verdictRequest struct {
	ID      string `json:"id"`
	Top     string `json:"top"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

type verdictAnswer struct {
	ID      string  `json:"id"`
	Verdict *string `json:"verdict"`
	Reason  string  `json:"reason"`
}

// computeVerdicts asks verdict.py, run by the interpreter that owns the files, for its
// verdict on every error finding; per project, the entries it decided, by key.
func computeVerdicts(script string, c Corpus, results [][]Finding) ([]map[string]Entry, error) {
	var reqs []verdictRequest
	where := map[string]struct {
		project int
		key     string
	}{}
	for i, p := range c.Projects {
		for _, f := range results[i] {
			if f.Severity != "error" {
				continue
			}
			id := fmt.Sprint(len(reqs))
			e := Entry{Path: f.Path, Line: f.Line, Column: f.Column, Rule: f.Rule, Message: f.Message}
			where[id] = struct {
				project int
				key     string
			}{i, e.key()}
			reqs = append(reqs, verdictRequest{ID: id, Top: p.Top, File: filepath.Join(p.Top, f.Path),
				Line: f.Line, Column: f.Column, Rule: f.Rule, Message: f.Message})
		}
	}
	out := make([]map[string]Entry, len(c.Projects))
	for i := range out {
		out[i] = map[string]Entry{}
	}
	if len(reqs) == 0 {
		return out, nil
	}
	in, err := json.Marshal(reqs)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(c.Python, script)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	data, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v\n%s", c.Python, script, err, tail(stderr.String(), 2000))
	}
	var answers []verdictAnswer
	if err := json.Unmarshal(data, &answers); err != nil {
		return nil, fmt.Errorf("verdict.py: bad JSON: %v", err)
	}
	for _, a := range answers {
		w, ok := where[a.ID]
		if !ok || a.Verdict == nil {
			continue
		}
		out[w.project][w.key] = Entry{Verdict: *a.Verdict, Reason: a.Reason}
	}
	return out, nil
}

func countComputed(c []map[string]Entry) int {
	n := 0
	for _, m := range c {
		n += len(m)
	}
	return n
}
