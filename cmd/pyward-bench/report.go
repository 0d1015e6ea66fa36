package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// report is one run of the benchmark.
type report struct {
	Date    time.Time
	Command string
	Stdlib  string
	Machine machineInfo
	Corpus  *corpus
	Results []*serverResult
	Smoke   bool
}

func (r *report) result(name string) *serverResult {
	for _, res := range r.Results {
		if res.Spec.Name == name {
			return res
		}
	}
	return nil
}

func (r *report) p50(server, key string) (float64, bool) {
	res := r.result(server)
	if res == nil || res.Metrics[key] == nil {
		return 0, false
	}
	p, _, _, ok := res.Metrics[key].P()
	return p, ok
}

func (r *report) p99(server, key string) (float64, bool) {
	res := r.result(server)
	if res == nil || res.Metrics[key] == nil {
		return 0, false
	}
	_, _, p, ok := res.Metrics[key].P()
	return p, ok
}

func fmtValue(v float64, unit string) string {
	switch {
	case unit == "MB":
		return fmt.Sprintf("%.1f MB", v)
	case unit == "s":
		return fmt.Sprintf("%.2f s", v)
	case v >= 1000:
		return fmt.Sprintf("%.2f s", v/1000)
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	case v >= 10:
		return fmt.Sprintf("%.1f ms", v)
	case v >= 1:
		return fmt.Sprintf("%.2f ms", v)
	default:
		return fmt.Sprintf("%.3f ms", v)
	}
}

// markdown renders the results: setting, one table row per metric and server, the
// targets, and what the columns mean.
func (r *report) markdown() string {
	var b strings.Builder
	title := "pyward benchmark"
	if r.Smoke {
		title += " (smoke run: few samples, pyward only)"
	}
	fmt.Fprintf(&b, "# %s\n\n", title)
	fmt.Fprintf(&b, "- Date: %s\n", r.Date.Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "- Machine: `nproc` = %s, %s, %s RAM, %s", r.Machine.CPUs, r.Machine.Model, r.Machine.Memory, r.Machine.Kernel)
	if r.Machine.Load != "" {
		fmt.Fprintf(&b, "; load average at the start %s", r.Machine.Load)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "- Toolchain: %s; %s\n", r.Machine.Go, r.Machine.Python)
	var servers []string
	for _, res := range r.Results {
		v := res.Spec.Version
		if v == "" {
			v = "version unknown"
		}
		servers = append(servers, fmt.Sprintf("%s (`%s`, %s)", res.Spec.Name, strings.Join(shortArgv(res.Spec.Argv), " "), v))
	}
	fmt.Fprintf(&b, "- Servers: %s\n", strings.Join(servers, "; "))
	fmt.Fprintf(&b, "- Corpus: `%s`, %d files (tests and site-packages excluded); %d definition sites in %d files; %d hover sites in %d files; "+
		"cold start opens `%s`; edits in `%s`; memory opens %d files\n",
		r.Stdlib, len(r.Corpus.Files), len(r.Corpus.DefSites), countFiles(r.Corpus.DefSites), len(r.Corpus.Hovers), countFiles(r.Corpus.Hovers),
		rel(r.Stdlib, r.Corpus.Cold), rel(r.Stdlib, r.Corpus.Edit), len(r.Corpus.Memory))
	fmt.Fprintf(&b, "- Command: `%s` (from the repository root; `bench/run.sh` runs it)\n\n", strings.TrimSpace(r.Command))

	b.WriteString("| measurement | server | p50 | p90 | p99 | samples | answered | errors |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|--:|\n")
	for _, key := range metricOrder {
		for _, res := range r.Results {
			m := res.Metrics[key]
			if m == nil {
				continue
			}
			p50, p90, p99, ok := m.P()
			cells := []string{"—", "—", "—"}
			if ok {
				cells = []string{fmtValue(p50, m.Unit), fmtValue(p90, m.Unit), fmtValue(p99, m.Unit)}
			}
			errs := fmt.Sprintf("%d", m.Errors)
			if m.FirstErr != "" {
				errs += " (" + mdEscape(short(m.FirstErr, 90)) + ")"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d | %d/%d | %s |\n",
				m.Label, res.Spec.Name, cells[0], cells[1], cells[2], len(m.Samples), m.Answered, m.Tried, errs)
		}
	}
	for _, res := range r.Results {
		for _, k := range []string{mRSS50, mRSS200} {
			if m := res.Metrics[k]; m != nil && m.Note != "" {
				fmt.Fprintf(&b, "\n%s, %s: %s.\n", res.Spec.Name, m.Label, m.Note)
			}
		}
	}
	for _, res := range r.Results {
		if m := res.Metrics[mCheck]; m != nil && m.Note != "" {
			fmt.Fprintf(&b, "\n`pyward check` over the whole stdlib (every entry of `%s` but site-packages, tests included): %s.\n", r.Stdlib, m.Note)
		}
		if m := res.Metrics[mCheckAio]; m != nil && m.Note != "" {
			fmt.Fprintf(&b, "\n`pyward check %s`: %s.\n", filepath.Join(r.Stdlib, "asyncio"), m.Note)
		}
		if m := res.Metrics[mCheckSP]; m != nil && m.Note != "" {
			fmt.Fprintf(&b, "\n`pyward check %s` (the folder as issue 3 times it, with the third-party packages installed in site-packages): %s.\n", r.Stdlib, m.Note)
		}
	}

	if line := r.agreement(); line != "" {
		b.WriteString("\n" + line + "\n")
	}

	b.WriteString("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n")
	ratio := func(key string) (string, string) {
		pw, ok1 := r.p50("pyward", key)
		pr, ok2 := r.p50("pyright", key)
		if !ok1 || !ok2 || pw == 0 {
			return "not measured (needs pyward and pyright)", "—"
		}
		x := pr / pw
		return fmt.Sprintf("%.0f× (pyright %s / pyward %s)", x, fmtValue(pr, "ms"), fmtValue(pw, "ms")), yes(x >= 100)
	}
	limit := func(key string, max float64, unit string) (string, string) {
		v, ok := r.p50("pyward", key)
		if !ok {
			return "not measured", "—"
		}
		return fmtValue(v, unit), yes(v < max)
	}
	rows := []struct {
		name string
		f    func() (string, string)
	}{
		{"definition p50 ≥ 100× faster than pyright (file analysed)", func() (string, string) { return ratio(mDef) }},
		{"definition p50 ≥ 100× faster than pyright (right after didOpen)", func() (string, string) { return ratio(mDefNew) }},
		{"edit → diagnostics p50 ≥ 100× faster than pyright", func() (string, string) { return ratio(mEdit) }},
		{"cold start → first diagnostics p50 < 50 ms", func() (string, string) { return limit(mCold, 50, "ms") }},
		{"edit → diagnostics p50 < 2 ms on _pydecimal.py", func() (string, string) { return limit(mEdit, 2, "ms") }},
		{fmt.Sprintf("peak RSS < 50 MB with %d files open", len(r.Corpus.Memory)), func() (string, string) { return limit(mRSS200, 50, "MB") }},
		{"`pyward check` whole stdlib < 15 s", func() (string, string) { return limit(mCheck, 15, "s") }},
	}
	// Issue 14's goals: at most (≤) these values.
	atMost := func(v float64, ok bool, max float64, unit string) (string, string) {
		if !ok {
			return "not measured", "—"
		}
		return fmtValue(v, unit), yes(v <= max)
	}
	p50 := func(key string, max float64, unit string) func() (string, string) {
		return func() (string, string) { v, ok := r.p50("pyward", key); return atMost(v, ok, max, unit) }
	}
	p99 := func(key string, max float64, unit string) func() (string, string) {
		return func() (string, string) { v, ok := r.p99("pyward", key); return atMost(v, ok, max, unit) }
	}
	rows = append(rows, []struct {
		name string
		f    func() (string, string)
	}{
		{"issue 14: cold start → first diagnostics of asyncio/base_events.py p50 ≤ 40 ms", p50(mColdAio, 40, "ms")},
		{"issue 14: definition p99 (warm, relative-import sites, asyncio/) ≤ 2 ms", p99(mDefAio, 2, "ms")},
		{"issue 14: definition p99 right after didOpen (asyncio/) ≤ 2 ms", p99(mDefAioNew, 2, "ms")},
		{"issue 14: peak RSS with 50 files open ≤ 35 MB", p50(mRSS50, 35, "MB")},
		{"issue 14: 10 MB module, hover answered ≤ 1.5 s", p50(mHugeHover, 1500, "ms")},
		{"issue 14: 10 MB module, diagnostics ≤ 2 s", p50(mHugeDiag, 2000, "ms")},
		{"issue 14: 10 MB module, peak RSS ≤ 250 MB", p50(mHugeRSS, 250, "MB")},
		{"issue 14: `pyward check` with site-packages, peak RSS ≤ 300 MB", p50(mCheckSPRSS, 300, "MB")},
		{"issue 14: `pyward check` asyncio/ ≤ 0.15 s", p50(mCheckAio, 0.15, "s")},
		{"issue 14: 1-char edit → diagnostics on _pydecimal.py p50 ≤ 5 ms", p50(mEdit, 5, "ms")},
	}...)
	for _, row := range rows {
		v, ok := row.f()
		fmt.Fprintf(&b, "| %s | %s | %s |\n", row.name, v, ok)
	}

	b.WriteString("\n## How it measures\n\n")
	b.WriteString("Each server is spawned over stdio and initialized with the stdlib folder as its workspace, UTF-16 positions and versioned push diagnostics; `workspace/configuration` is answered with `{}` per item.\n")
	b.WriteString("*Cold start*: spawn → `initialize` → `initialized` → `didOpen` → the first `publishDiagnostics` for that file, one fresh process per sample. ")
	b.WriteString("*Definition* and *hover*: in one session, each sampled file is opened and its first diagnostics awaited (so the server has analysed it), then one request per site is timed from send to reply, one at a time (*right after didOpen*: the first site of each file, asked before its diagnostics arrive); *answered* counts non-empty results (a location, a hover with contents). ")
	b.WriteString("Sites are chosen deterministically: files in a fixed hash order, at most 8 sites per file; a definition site is every module segment and imported name of a `from .x import y` line, a hover site is the name in `def __x__(`. ")
	b.WriteString("*Edit*: one character typed into (then deleted from) a comment in the middle of `_pydecimal.py` (6,400 lines), timed from `didChange` to the arrival of the `publishDiagnostics` of that version, before the client decodes it (servers that send no version: the first one after the change). ")
	b.WriteString("*Peak RSS*: `VmHWM` of the server process from `/proc/<pid>/status`, in a fresh session after opening the files and awaiting their diagnostics (child processes alive at the reading are noted below the table). ")
	b.WriteString("Percentiles are nearest-rank. The machine is shared, so single runs are noisy: compare orders of magnitude.\n")
	return b.String()
}

func yes(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func shortArgv(argv []string) []string {
	out := append([]string(nil), argv...)
	if len(out) > 0 {
		out[0] = filepath.Base(out[0])
	}
	return out
}

func rel(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil {
		return r
	}
	return p
}

func short(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "`", "'").Replace(s)
}

// moduleOf names the module a definition target is in, so that a source file and its
// stub count as the same answer: "asyncio/events" for .../asyncio/events.py(i).
func moduleOf(path string) string {
	if path == "" {
		return ""
	}
	base := filepath.Base(path)
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".pyi"), ".py")
	return filepath.Base(filepath.Dir(path)) + "/" + base
}

// agreement compares pyward's definition answers with each other server's, site by
// site, by the module they point to.
func (r *report) agreement() string {
	pw := r.result("pyward")
	if pw == nil || pw.Metrics[mDef] == nil || len(pw.Metrics[mDef].Targets) == 0 {
		return ""
	}
	mine := pw.Metrics[mDef].Targets
	var parts []string
	for _, res := range r.Results {
		if res == pw || res.Metrics[mDef] == nil || len(res.Metrics[mDef].Targets) != len(mine) {
			continue
		}
		theirs := res.Metrics[mDef].Targets
		both, same := 0, 0
		for i := range mine {
			if mine[i] == "" || theirs[i] == "" {
				continue
			}
			both++
			if moduleOf(mine[i]) == moduleOf(theirs[i]) {
				same++
			}
		}
		if both > 0 {
			parts = append(parts, fmt.Sprintf("%s %d of %d (%.0f%%)", res.Spec.Name, same, both, 100*float64(same)/float64(both)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Definition answers that point into the same module as pyward's (source or stub), of the sites both answered: " + strings.Join(parts, "; ") + "."
}
