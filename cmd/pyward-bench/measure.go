package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pyward/pyward/cmd/pyward-bench/lspclient"
	"github.com/pyward/pyward/pathing"
)

// Metric keys, in report order.
const (
	mCold    = "cold"
	mDef     = "definition"
	mDefNew  = "definition-open"
	mHover   = "hover"
	mEdit    = "edit"
	mRSS50   = "rss50"
	mRSS200  = "rss200"
	mCheck   = "check"
	mCheckSP = "check-site-packages"
)

var metricOrder = []string{mCold, mDefNew, mDef, mHover, mEdit, mRSS50, mRSS200, mCheck, mCheckSP,
	mColdAio, mDefAioNew, mDefAio, mHugeHover, mHugeDiag, mHugeRSS, mCheckAio, mCheckSPRSS}

// metric is the samples of one measurement on one server.
type metric struct {
	Key     string
	Label   string
	Unit    string // "ms", "MB" or "s"
	Samples []float64
	// Tried counts the attempts; Answered those with a non-empty result (definition,
	// hover) or that arrived in time (diagnostics); Errors the error replies and timeouts.
	Tried, Answered, Errors int
	FirstErr                string
	Note                    string
	// Targets holds, for a definition metric, the file each site's answer points to
	// ("" for none or an error), in site order, to compare servers' answers.
	Targets []string `json:",omitempty"`
}

func newMetric(key string) *metric {
	labels := map[string][2]string{
		mCold:    {"cold start → first diagnostics", "ms"},
		mDef:     {"definition (relative-import sites)", "ms"},
		mDefNew:  {"definition right after didOpen", "ms"},
		mHover:   {"hover (dunder definitions)", "ms"},
		mEdit:    {"1-char edit → diagnostics (_pydecimal.py)", "ms"},
		mRSS50:   {"peak RSS, 50 files open", "MB"},
		mRSS200:  {"peak RSS, 200 files open", "MB"},
		mCheck:   {"`pyward check` whole stdlib (wall)", "s"},
		mCheckSP: {"`pyward check` stdlib folder incl. site-packages (wall)", "s"},
	}
	for k, v := range issue14Labels {
		labels[k] = v
	}
	l := labels[key]
	return &metric{Key: key, Label: l[0], Unit: l[1]}
}

func (m *metric) fail(err error) {
	m.Errors++
	if m.FirstErr == "" {
		m.FirstErr = err.Error()
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// percentile is the nearest-rank percentile of sorted samples.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p/100*float64(len(sorted))+0.999999) - 1
	if rank < 0 {
		rank = 0
	}
	if rank >= len(sorted) {
		rank = len(sorted) - 1
	}
	return sorted[rank]
}

// P returns the p50, p90 and p99 of the samples.
func (m *metric) P() (p50, p90, p99 float64, ok bool) {
	if len(m.Samples) == 0 {
		return 0, 0, 0, false
	}
	s := append([]float64(nil), m.Samples...)
	sort.Float64s(s)
	return percentile(s, 50), percentile(s, 90), percentile(s, 99), true
}

// plan is how many samples of each kind to take for one server.
type plan struct {
	Cold, Edits      int
	DiagTimeout      time.Duration // for one document's diagnostics
	RequestTimeout   time.Duration
	MemoryWait       time.Duration // for all diagnostics after opening a batch
	Memory50, Memory int
	HugeTimeout      time.Duration // for the answers about the generated 10 MB module
}

// measureCold spawns the server n times and times spawn → first diagnostics of file.
func measureCold(spec serverSpec, root, file string, n int, p plan) *metric {
	m := newMetric(mCold)
	uri := pathing.PathToURI(file)
	for i := 0; i < n; i++ {
		m.Tried++
		start := time.Now()
		s, err := startSession(spec, root)
		if err != nil {
			m.fail(err)
			continue
		}
		_, seq, err := s.openFile(file)
		if err == nil {
			var d lspclient.Diagnostics
			d, err = s.waitDiagnostics(uri, seq, 1, p.DiagTimeout)
			if err == nil {
				m.Answered++
				m.Samples = append(m.Samples, ms(d.At.Sub(start)))
			}
		}
		if err != nil {
			m.fail(err)
		}
		s.stop()
	}
	return m
}

// measureRequests opens each file of sites in turn, waits for its diagnostics (so the
// server has analysed it), then times method at each site of the file. When first is
// not nil, the first site of each file is also timed right after didOpen, before the
// diagnostics: what a user who opens a file and jumps at once waits for.
func measureRequests(s *session, key, method string, sites []site, p plan, first *metric) *metric {
	m := newMetric(key)
	for i := 0; i < len(sites); {
		j := i
		for j < len(sites) && sites[j].File == sites[i].File {
			j++
		}
		uri, seq, err := s.openFile(sites[i].File)
		if err == nil && first != nil {
			first.Tried++
			if d, n, rerr := s.request(method, sites[i], p.RequestTimeout); rerr != nil {
				first.fail(rerr)
			} else {
				first.Samples = append(first.Samples, ms(d))
				if n > 0 {
					first.Answered++
				}
			}
		}
		if err == nil {
			_, err = s.waitDiagnostics(uri, seq, 1, p.DiagTimeout)
		}
		if err != nil {
			logf("%s: %s: %v (measuring anyway)", s.spec.Name, filepath.Base(sites[i].File), err)
		}
		for _, st := range sites[i:j] {
			m.Tried++
			d, n, target, err := s.requestTarget(method, st, p.RequestTimeout)
			if method == "textDocument/definition" {
				m.Targets = append(m.Targets, target)
			}
			if err != nil {
				m.fail(err)
				continue
			}
			m.Samples = append(m.Samples, ms(d))
			if n > 0 {
				m.Answered++
			}
		}
		s.closeFile(uri)
		i = j
	}
	return m
}

// measureEdits opens file, then types one character in a comment and deletes it again,
// n times, timing each didChange to the publishDiagnostics of its version.
func measureEdits(s *session, file string, n int, p plan) *metric {
	m := newMetric(mEdit)
	src, err := os.ReadFile(file)
	if err != nil {
		m.fail(err)
		return m
	}
	line, col, err := editSite(src)
	if err != nil {
		m.fail(err)
		return m
	}
	uri, seq, err := s.openFile(file)
	if err == nil {
		_, err = s.waitDiagnostics(uri, seq, 1, p.DiagTimeout)
	}
	if err != nil {
		m.fail(fmt.Errorf("first diagnostics: %w", err))
		s.closeFile(uri)
		return m
	}
	for i := 0; i < n; i++ {
		version := i + 2
		var change map[string]any
		if i%2 == 0 {
			change = map[string]any{"range": lspRange(line, col, line, col), "text": "x"}
		} else {
			change = map[string]any{"range": lspRange(line, col, line, col+1), "text": ""}
		}
		m.Tried++
		seq := s.c.Seq()
		start := time.Now()
		err := s.c.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{change},
		})
		if err != nil {
			m.fail(err)
			break
		}
		d, err := s.waitDiagnostics(uri, seq, version, p.DiagTimeout)
		if err != nil {
			m.fail(err)
			continue
		}
		m.Answered++
		m.Samples = append(m.Samples, ms(d.At.Sub(start)))
	}
	s.closeFile(uri)
	return m
}

func lspRange(l1, c1, l2, c2 int) map[string]any {
	return map[string]any{
		"start": map[string]any{"line": l1, "character": c1},
		"end":   map[string]any{"line": l2, "character": c2},
	}
}

// measureMemory starts a fresh server, opens the first p.Memory50 files and then the
// rest of files, and reads the peak resident memory of the server's process tree
// after the diagnostics of each batch have arrived (or p.MemoryWait has passed).
func measureMemory(spec serverSpec, root string, files []string, p plan) (*metric, *metric) {
	m50, m200 := newMetric(mRSS50), newMetric(mRSS200)
	m50.Label = fmt.Sprintf("peak RSS, %d files open", min(p.Memory50, len(files)))
	m200.Label = fmt.Sprintf("peak RSS, %d files open", len(files))
	s, err := startSession(spec, root)
	if err != nil {
		m50.fail(err)
		m200.fail(err)
		return m50, m200
	}
	defer s.stop()
	openBatch := func(m *metric, batch []string) {
		type pending struct {
			uri string
			seq int64
		}
		var wait []pending
		for _, f := range batch {
			uri, seq, err := s.openFile(f)
			if err != nil {
				m.fail(err)
				continue
			}
			wait = append(wait, pending{uri, seq})
		}
		deadline := time.Now().Add(p.MemoryWait)
		for _, w := range wait {
			m.Tried++
			left := time.Until(deadline)
			if left < time.Millisecond {
				left = time.Millisecond
			}
			if _, err := s.waitDiagnostics(w.uri, w.seq, 1, left); err != nil {
				m.fail(err)
				continue
			}
			m.Answered++
		}
		self, err := statusField(s.c.Pid(), "VmHWM")
		if err != nil {
			m.fail(err)
			return
		}
		m.Samples = append(m.Samples, float64(self)/1024)
		if tree, err := treeHWM(s.c.Pid()); err == nil && tree > self*1024 {
			m.Note = fmt.Sprintf("with the child processes alive at the reading: %.1f MB", float64(tree)/(1<<20))
		}
	}
	first := min(p.Memory50, len(files))
	openBatch(m50, files[:first])
	openBatch(m200, files[first:])
	m200.Tried += m50.Tried
	m200.Answered += m50.Answered
	return m50, m200
}

// treeHWM sums VmHWM (peak resident set) over pid and its live descendants, in bytes.
func treeHWM(pid int) (int64, error) {
	if pid <= 0 {
		return 0, errors.New("no process id")
	}
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		cpid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		rest := string(stat)
		if i := strings.LastIndexByte(rest, ')'); i >= 0 {
			rest = rest[i+1:]
		}
		f := strings.Fields(rest)
		if len(f) < 2 {
			continue
		}
		if ppid, err := strconv.Atoi(f[1]); err == nil {
			children[ppid] = append(children[ppid], cpid)
		}
	}
	var total int64
	queue := []int{pid}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		queue = append(queue, children[p]...)
		kb, err := statusField(p, "VmHWM")
		if err != nil {
			if p == pid {
				return 0, err
			}
			continue
		}
		total += kb * 1024
	}
	return total, nil
}

// statusField reads a "Name:   123 kB" field of /proc/<pid>/status, in kB.
func statusField(pid int, name string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && k == name {
			fields := strings.Fields(v)
			if len(fields) == 0 {
				break
			}
			return strconv.ParseInt(fields[0], 10, 64)
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", name, pid)
}

// checkArgs are the paths that make up the standard library: every entry of root but
// site-packages (third-party code installed into the interpreter).
func checkArgs(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.Name() == "site-packages" || e.Name() == "dist-packages" || e.Name() == "__pycache__" {
			continue
		}
		if e.IsDir() || strings.HasSuffix(e.Name(), ".py") || strings.HasSuffix(e.Name(), ".pyi") {
			out = append(out, filepath.Join(root, e.Name()))
		}
	}
	return out, nil
}

// countPython counts the .py and .pyi files below paths, as `pyward check` collects them.
func countPython(paths []string) int {
	n := 0
	for _, p := range paths {
		_ = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && d.Name() == "__pycache__" {
				return filepath.SkipDir
			}
			if !d.IsDir() && (strings.HasSuffix(path, ".py") || strings.HasSuffix(path, ".pyi")) {
				n++
			}
			return nil
		})
	}
	return n
}

// measureCheck times `pyward check paths...` n times; rss, when not nil, gets the
// peak resident memory of each run.
func measureCheck(key, pyward string, paths []string, n int, rss *metric) *metric {
	m := newMetric(key)
	files := countPython(paths)
	for i := 0; i < n; i++ {
		m.Tried++
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		cmd := exec.CommandContext(ctx, pyward, append([]string{"check"}, paths...)...)
		var findings lineCounter
		cmd.Stdout = &findings
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		cancel()
		code := -1
		if cmd.ProcessState != nil {
			code = cmd.ProcessState.ExitCode()
		}
		if code != 0 && code != 1 {
			m.fail(fmt.Errorf("pyward check exited %d: %v", code, err))
			continue
		}
		m.Answered++
		m.Samples = append(m.Samples, wall.Seconds())
		if mb, ok := peakRSS(cmd.ProcessState); ok && rss != nil {
			rss.Tried++
			rss.Answered++
			rss.Samples = append(rss.Samples, mb)
		}
		ps := cmd.ProcessState
		m.Note = fmt.Sprintf("%d files, %d findings; CPU user %.1f s + sys %.1f s; exit %d",
			files, findings.n, ps.UserTime().Seconds(), ps.SystemTime().Seconds(), code)
	}
	return m
}

type lineCounter struct{ n int }

func (l *lineCounter) Write(p []byte) (int, error) {
	for _, b := range p {
		if b == '\n' {
			l.n++
		}
	}
	return len(p), nil
}
