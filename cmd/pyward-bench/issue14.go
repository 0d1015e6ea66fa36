package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/pyward/pyward/internal/pygen"
)

// The rows of issue 14's table: the asyncio package of the standard library as the
// workspace, a generated 10 MB module, and `check` over asyncio/ and site-packages.
const (
	mColdAio    = "cold-asyncio"
	mDefAioNew  = "definition-asyncio-open"
	mDefAio     = "definition-asyncio"
	mHugeHover  = "huge-hover"
	mHugeDiag   = "huge-diagnostics"
	mHugeRSS    = "huge-rss"
	mCheckAio   = "check-asyncio"
	mCheckSPRSS = "check-site-packages-rss"
)

var issue14Labels = map[string][2]string{
	mColdAio:    {"cold start → first diagnostics of asyncio/base_events.py (asyncio/ workspace)", "ms"},
	mDefAioNew:  {"definition right after didOpen (asyncio/ workspace)", "ms"},
	mDefAio:     {"definition, warm (relative-import sites, asyncio/ workspace)", "ms"},
	mHugeHover:  {"10 MB generated module: didOpen → hover answered", "ms"},
	mHugeDiag:   {"10 MB generated module: didOpen → diagnostics", "ms"},
	mHugeRSS:    {"10 MB generated module: peak RSS", "MB"},
	mCheckAio:   {"`check` over asyncio/ (python3 on PATH; pyright: its CLI), wall", "s"},
	mCheckSPRSS: {"`pyward check` stdlib folder incl. site-packages: peak RSS", "MB"},
}

// hugeSize is the size of the generated module.
const hugeSize = 10 << 20

// asyncioCorpus is the asyncio package: its files, its relative-import sites, the file
// the cold start opens.
type asyncioCorpus struct {
	Root     string
	Files    []string
	DefSites []site
	Cold     string
}

func loadAsyncio(c *corpus, nDefs int) *asyncioCorpus {
	root := filepath.Join(c.Root, "asyncio")
	a := &asyncioCorpus{Root: root, Cold: filepath.Join(root, "base_events.py")}
	for _, f := range c.Files {
		if strings.HasPrefix(f, root+string(filepath.Separator)) {
			a.Files = append(a.Files, f)
		}
	}
	a.DefSites = pickSites(root, a.Files, "definition", nDefs, relativeImportSites)
	return a
}

// measureIssue14 adds the rows of issue 14's table that are measured through the
// server: the asyncio/ workspace and the generated 10 MB module.
func measureIssue14(spec serverSpec, a *asyncioCorpus, p plan, res *serverResult) {
	logf("%s: %d cold starts in asyncio/", spec.Name, p.Cold)
	cold := measureCold(spec, a.Root, a.Cold, p.Cold, p)
	cold.Key, cold.Label = mColdAio, issue14Labels[mColdAio][0]
	res.Metrics[mColdAio] = cold

	logf("%s: %d definitions in asyncio/", spec.Name, len(a.DefSites))
	if s, err := startSession(spec, a.Root); err != nil {
		m := newMetric(mDefAio)
		m.fail(err)
		res.Metrics[mDefAio] = m
	} else {
		res.Metrics[mDefAioNew] = newMetric(mDefAioNew)
		res.Metrics[mDefAio] = measureRequests(s, mDefAio, "textDocument/definition", a.DefSites, p, res.Metrics[mDefAioNew])
		s.stop()
	}

	logf("%s: a generated %d MB module", spec.Name, hugeSize>>20)
	res.Metrics[mHugeHover], res.Metrics[mHugeDiag], res.Metrics[mHugeRSS] = measureHuge(spec, p.HugeTimeout)
}

// measureHuge opens a generated 10 MB module in a fresh session, asks for hover on its
// first __init__ right after didOpen, and times both the answer and the diagnostics
// from didOpen; then reads the server's peak RSS.
func measureHuge(spec serverSpec, timeout time.Duration) (hover, diag, rss *metric) {
	hover, diag, rss = newMetric(mHugeHover), newMetric(mHugeDiag), newMetric(mHugeRSS)
	dir, err := os.MkdirTemp("", "pyward-bench-huge-")
	if err != nil {
		hover.fail(err)
		return
	}
	defer os.RemoveAll(dir)
	src, _, _ := pygen.Huge(hugeSize)
	path := filepath.Join(dir, "huge.py")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		hover.fail(err)
		return
	}
	at := bytes.Index(src, []byte("__init__"))
	line := bytes.Count(src[:at], []byte("\n"))
	col := at - (bytes.LastIndexByte(src[:at], '\n') + 1) + 2
	s, err := startSession(spec, dir)
	if err != nil {
		hover.fail(err)
		return
	}
	defer s.stop()
	hover.Tried, diag.Tried, rss.Tried = 1, 1, 1
	start := time.Now()
	uri, seq, err := s.openFile(path)
	if err != nil {
		hover.fail(err)
		return
	}
	if _, n, err := s.request("textDocument/hover", site{File: path, Line: line, Col: col}, timeout); err != nil {
		hover.fail(err)
	} else {
		hover.Samples = append(hover.Samples, ms(time.Since(start)))
		if n > 0 {
			hover.Answered++
		}
	}
	if d, err := s.waitDiagnostics(uri, seq, 1, max(timeout-time.Since(start), time.Millisecond)); err != nil {
		diag.fail(err)
	} else {
		diag.Answered++
		diag.Samples = append(diag.Samples, ms(d.At.Sub(start)))
	}
	if kb, err := statusField(s.c.Pid(), "VmHWM"); err != nil {
		rss.fail(err)
	} else {
		rss.Answered++
		rss.Samples = append(rss.Samples, float64(kb)/1024)
	}
	return
}

// measurePyrightCheck times the pyright CLI over dir n times (the counterpart of
// `pyward check`), when it is on PATH.
func measurePyrightCheck(dir string, n int) *metric {
	m := newMetric(mCheckAio)
	bin, err := exec.LookPath("pyright")
	if err != nil {
		return nil
	}
	for i := 0; i < n; i++ {
		m.Tried++
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		cmd := exec.CommandContext(ctx, bin, dir)
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		cancel()
		if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 {
			m.fail(fmt.Errorf("pyright exited %d: %v", code, err))
			continue
		}
		m.Answered++
		m.Samples = append(m.Samples, wall.Seconds())
	}
	return m
}

// peakRSS is the peak resident memory of a finished child process, in MB.
func peakRSS(ps *os.ProcessState) (float64, bool) {
	if ps == nil {
		return 0, false
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	return float64(ru.Maxrss) / 1024, true
}
