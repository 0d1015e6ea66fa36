// Command pyward-bench measures language servers side by side over the Python
// standard library found through python3: cold start to first diagnostics, definition
// latency on relative-import sites, hover latency on dunder definitions, a one-character
// edit to its diagnostics in _pydecimal.py, peak resident memory with 50 and 200 files
// open, and (pyward only) `pyward check` over the whole standard library.
//
// It drives pyward and, when installed, pyright-langserver and pylsp over stdio with
// the same requests, and writes results.md (a Markdown table) and results.svg (a bar
// chart on a log scale) into --out.
//
//	go run ./cmd/pyward-bench --out bench          # the full run (see bench/run.sh)
//	go run ./cmd/pyward-bench --smoke              # a short pyward-only run, for CI
//
// Timing numbers are reported, never judged: the command fails only when a server
// cannot be driven at all.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pyward-bench: "+format+"\n", args...)
}

func main() {
	os.Exit(run(os.Args[1:]))
}

type options struct {
	pyward      string
	servers     string
	stdlib      string
	out         string
	smoke       bool
	defs        int
	hovers      int
	cold        int
	coldOthers  int
	edits       int
	editsOthers int
	memory      int
	memory50    int
	check       int
	checkAio    int
	rows        string
	rename      int
}

func run(args []string) int {
	var o options
	fs := flag.NewFlagSet("pyward-bench", flag.ContinueOnError)
	fs.StringVar(&o.pyward, "pyward", "", "pyward binary (default: go build ./cmd/pyward into a temporary folder)")
	fs.StringVar(&o.servers, "servers", "pyward,pyright,pylsp", "servers to measure, those not installed are skipped")
	fs.StringVar(&o.stdlib, "stdlib", "", "standard library folder (default: python3's)")
	fs.StringVar(&o.out, "out", "", "folder for results.md and results.svg (default: print the table only)")
	fs.BoolVar(&o.smoke, "smoke", false, "a short pyward-only run (for CI)")
	fs.IntVar(&o.defs, "defs", 300, "definition sites")
	fs.IntVar(&o.hovers, "hovers", 200, "hover sites")
	fs.IntVar(&o.cold, "cold", 30, "cold starts of pyward")
	fs.IntVar(&o.coldOthers, "cold-others", 5, "cold starts of the other servers")
	fs.IntVar(&o.edits, "edits", 200, "edits timed on pyward")
	fs.IntVar(&o.editsOthers, "edits-others", 20, "edits timed on the other servers")
	fs.IntVar(&o.memory, "memory", 200, "files open for the second memory reading")
	fs.IntVar(&o.memory50, "memory-first", 50, "files open for the first memory reading")
	fs.IntVar(&o.check, "check", 1, "runs of `pyward check` over the whole stdlib (0: none)")
	fs.IntVar(&o.checkAio, "check-asyncio", 5, "runs of `pyward check` (and the pyright CLI) over asyncio/")
	fs.StringVar(&o.rows, "rows", "all", "which rows: all, issue14 (only the rows of issue 14's table) or rename (only willRenameFiles)")
	fs.IntVar(&o.rename, "rename", 30, "willRenameFiles requests of each kind on a generated 2,000-file workspace (0: none)")
	render := fs.String("render", "", "only re-render results.md and results.svg from this results.json (into --out, default its folder)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *render != "" {
		return rerender(*render, o.out)
	}
	if o.smoke {
		o.servers = "pyward"
		o.defs, o.hovers, o.cold, o.edits, o.memory, o.memory50, o.check, o.checkAio, o.rename = 40, 20, 3, 20, 20, 10, 0, 1, 3
	}
	command := "go run ./cmd/pyward-bench " + strings.Join(args, " ")

	if o.stdlib == "" {
		dir, err := stdlibDir()
		if err != nil {
			logf("%v", err)
			return 2
		}
		o.stdlib = dir
	}
	if o.pyward == "" {
		bin, cleanup, err := buildPyward()
		if err != nil {
			logf("%v", err)
			return 2
		}
		defer cleanup()
		o.pyward = bin
	}
	if o.rows == "rename" {
		m := machine()
		logf("pyward: willRenameFiles on a generated workspace (%s, %s CPUs, load %s)", m.Model, m.CPUs, m.Load)
		r, err := measureRename(serverSpec{Name: "pyward", Argv: []string{o.pyward, "serve"}}, o.rename)
		if err != nil {
			logf("pyward: rename: %v", err)
			return 1
		}
		fmt.Printf("%s\n%s, %s CPUs, load before %s; `%s`\n", r.markdown(), time.Now().UTC().Format("2006-01-02 15:04 UTC"), m.CPUs, m.Load, command)
		return 0
	}
	c, err := loadCorpus(o.stdlib, o.defs, o.hovers, o.memory)
	if err != nil {
		logf("%v", err)
		return 2
	}
	logf("stdlib %s: %d files, %d definition sites in %d files, %d hover sites in %d files",
		o.stdlib, len(c.Files), len(c.DefSites), countFiles(c.DefSites), len(c.Hovers), countFiles(c.Hovers))

	aio := loadAsyncio(c, o.defs)
	rep := &report{Date: time.Now().UTC(), Command: command, Stdlib: o.stdlib, Corpus: c, Smoke: o.smoke}
	rep.Machine = machine()
	failed := false
	for _, spec := range findServers(o.pyward, strings.Split(o.servers, ",")) {
		logf("measuring %s (%s)", spec.Name, spec.Version)
		p := plan{Cold: o.coldOthers, Edits: o.editsOthers, DiagTimeout: 60 * time.Second, RequestTimeout: 30 * time.Second,
			MemoryWait: 180 * time.Second, Memory50: o.memory50, Memory: o.memory, HugeTimeout: 30 * time.Second}
		if spec.Name == "pyward" {
			p.Cold, p.Edits = o.cold, o.edits
			p.DiagTimeout, p.RequestTimeout, p.MemoryWait = 10*time.Second, 10*time.Second, 60*time.Second
		}
		res := &serverResult{Spec: spec, Metrics: map[string]*metric{}}
		if o.rows != "issue14" {
			res = measureServer(spec, c, p)
		}
		measureIssue14(spec, aio, p, res)
		if o.rows == "issue14" {
			// The edit row guards issue 14's "nothing gets slower".
			if s, err := startSession(spec, c.Root); err == nil {
				logf("%s: %d edits", spec.Name, p.Edits)
				res.Metrics[mEdit] = measureEdits(s, c.Edit, p.Edits, p)
				s.stop()
			}
			// and the memory goal's row: the first reading of the memory session only
			logf("%s: memory with %d files", spec.Name, p.Memory50)
			res.Metrics[mRSS50], _ = measureMemory(spec, c.Root, c.Memory[:min(p.Memory50, len(c.Memory))], p)
		}
		if spec.Name == "pyward" && o.check > 0 {
			if o.rows != "issue14" {
				logf("pyward: check over the whole stdlib")
				if args, err := checkArgs(o.stdlib); err == nil {
					res.Metrics[mCheck] = measureCheck(mCheck, o.pyward, args, o.check, nil)
				}
			}
			logf("pyward: check over the stdlib folder with site-packages")
			res.Metrics[mCheckSPRSS] = newMetric(mCheckSPRSS)
			res.Metrics[mCheckSP] = measureCheck(mCheckSP, o.pyward, []string{o.stdlib}, o.check, res.Metrics[mCheckSPRSS])
		}
		if o.checkAio > 0 {
			logf("%s: check over asyncio/", spec.Name)
			switch spec.Name {
			case "pyward":
				res.Metrics[mCheckAio] = measureCheck(mCheckAio, o.pyward, []string{aio.Root}, o.checkAio, nil)
			case "pyright":
				if m := measurePyrightCheck(aio.Root, min(o.checkAio, 3)); m != nil {
					res.Metrics[mCheckAio] = m
				}
			}
		}
		if res.Err != "" {
			logf("%s: %s", spec.Name, res.Err)
			if spec.Name == "pyward" {
				failed = true
			}
		}
		rep.Results = append(rep.Results, res)
	}

	md := rep.markdown()
	if o.rename > 0 {
		logf("pyward: willRenameFiles on a generated workspace")
		if r, err := measureRename(serverSpec{Name: "pyward", Argv: []string{o.pyward, "serve"}}, o.rename); err != nil {
			logf("pyward: rename: %v", err)
			failed = true
		} else {
			md += r.markdown()
		}
	}
	if o.out == "" {
		fmt.Print(md)
	} else {
		if err := os.MkdirAll(o.out, 0o755); err != nil {
			logf("%v", err)
			return 2
		}
		if err := os.WriteFile(filepath.Join(o.out, "results.md"), []byte(md), 0o644); err != nil {
			logf("%v", err)
			return 2
		}
		if err := os.WriteFile(filepath.Join(o.out, "results.svg"), []byte(rep.svg()), 0o644); err != nil {
			logf("%v", err)
			return 2
		}
		data, err := json.MarshalIndent(rep, "", " ")
		if err == nil {
			err = os.WriteFile(filepath.Join(o.out, "results.json"), append(data, '\n'), 0o644)
		}
		if err != nil {
			logf("%v", err)
			return 2
		}
		logf("wrote results.md, results.svg and results.json (every sample) in %s", o.out)
		fmt.Print(md)
	}
	if failed {
		return 1
	}
	return 0
}

// rerender writes results.md and results.svg again from a results.json, so that the
// report and the chart can change without measuring again.
func rerender(path, out string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		logf("%v", err)
		return 2
	}
	var rep report
	if err := json.Unmarshal(data, &rep); err != nil {
		logf("%s: %v", path, err)
		return 2
	}
	if out == "" {
		out = filepath.Dir(path)
	}
	for name, text := range map[string]string{"results.md": rep.markdown(), "results.svg": rep.svg()} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(text), 0o644); err != nil {
			logf("%v", err)
			return 2
		}
	}
	logf("rendered results.md and results.svg in %s from %s", out, path)
	return 0
}

func countFiles(sites []site) int {
	seen := map[string]bool{}
	for _, s := range sites {
		seen[s.File] = true
	}
	return len(seen)
}

// serverResult is everything measured on one server.
type serverResult struct {
	Spec    serverSpec
	Metrics map[string]*metric
	Err     string
}

// measureServer runs every measurement on one server: the cold starts, then one
// session for definition, hover and edits, then a fresh one for memory.
func measureServer(spec serverSpec, c *corpus, p plan) *serverResult {
	res := &serverResult{Spec: spec, Metrics: map[string]*metric{}}
	logf("%s: %d cold starts", spec.Name, p.Cold)
	res.Metrics[mCold] = measureCold(spec, c.Root, c.Cold, p.Cold, p)

	s, err := startSession(spec, c.Root)
	if err != nil {
		res.Err = err.Error()
		return res
	}
	logf("%s: %d definitions", spec.Name, len(c.DefSites))
	res.Metrics[mDefNew] = newMetric(mDefNew)
	res.Metrics[mDef] = measureRequests(s, mDef, "textDocument/definition", c.DefSites, p, res.Metrics[mDefNew])
	logf("%s: %d hovers", spec.Name, len(c.Hovers))
	res.Metrics[mHover] = measureRequests(s, mHover, "textDocument/hover", c.Hovers, p, nil)
	logf("%s: %d edits", spec.Name, p.Edits)
	res.Metrics[mEdit] = measureEdits(s, c.Edit, p.Edits, p)
	s.stop()

	logf("%s: memory with %d and %d files", spec.Name, p.Memory50, len(c.Memory))
	res.Metrics[mRSS50], res.Metrics[mRSS200] = measureMemory(spec, c.Root, c.Memory, p)
	// A server that never publishes diagnostics cannot be driven at all; a feature it
	// lacks (an error reply to every definition) is only reported in the table.
	for _, k := range []string{mCold, mEdit} {
		if m := res.Metrics[k]; m != nil && m.Tried > 0 && len(m.Samples) == 0 && res.Err == "" {
			res.Err = fmt.Sprintf("%s: no samples (%s)", m.Label, m.FirstErr)
		}
	}
	return res
}

// buildPyward builds ./cmd/pyward of the module around the working folder.
func buildPyward() (string, func(), error) {
	dir, err := os.MkdirTemp("", "pyward-bench-")
	if err != nil {
		return "", nil, err
	}
	bin := filepath.Join(dir, "pyward")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/pyward/pyward/cmd/pyward")
	cmd.Stderr = os.Stderr
	logf("building pyward")
	if err := cmd.Run(); err != nil {
		os.RemoveAll(dir)
		return "", nil, fmt.Errorf("go build ./cmd/pyward: %w (run from the repository, or pass --pyward)", err)
	}
	return bin, func() { os.RemoveAll(dir) }, nil
}

// machineInfo describes where the numbers were taken.
type machineInfo struct {
	CPUs   string
	Model  string
	Kernel string
	Go     string
	Python string
	Memory string
	// Load is /proc/loadavg when the run started: on a shared machine, a load above
	// the core count stretches every wall-clock figure.
	Load string `json:",omitempty"`
}

func machine() machineInfo {
	var m machineInfo
	if out, err := exec.Command("nproc").Output(); err == nil {
		m.CPUs = strings.TrimSpace(string(out))
	}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.Model = strings.TrimSpace(v)
				break
			}
		}
	}
	if kb, err := statusMemTotal(); err == nil {
		m.Memory = fmt.Sprintf("%.1f GB", float64(kb)/(1<<20))
	}
	m.Kernel = firstLine("uname", "-sr")
	m.Go = firstLine("go", "version")
	m.Python = firstLine("python3", "--version")
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			m.Load = strings.Join(f[:3], " ")
		}
	}
	return m
}

func statusMemTotal() (int64, error) {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && k == "MemTotal" {
			var n int64
			_, err := fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &n)
			return n, err
		}
	}
	return 0, fmt.Errorf("no MemTotal")
}
