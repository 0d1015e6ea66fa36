package main

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

func TestRelativeImportSites(t *testing.T) {
	src := "from . import a, b as c  # x\nfrom ..pkg.sub import (d,\n    e)\nimport os\nfrom .😀m import f\nfrom .m import *\n"
	got := relativeImportSites([]byte(src), "/f.py")
	want := []site{
		{"/f.py", 0, 14, "a"}, {"/f.py", 0, 17, "b"},
		{"/f.py", 1, 7, "pkg"}, {"/f.py", 1, 11, "sub"}, {"/f.py", 1, 23, "d"},
		{"/f.py", 5, 6, "m"}, // the star has no site
	}
	if len(got) != len(want) {
		t.Fatalf("sites %+v, want %+v", got, want)
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("site %d = %+v, want %+v", i, got[i], w)
		}
	}
}

func TestDunderDefSitesAndUTF16(t *testing.T) {
	src := "class C:\n    def __init__(self): pass\n    async def __aenter__(self): pass\n    def _x(self): pass\n😀 = 1; def __len__(self): pass\n"
	got := dunderDefSites([]byte(src), "/f.py")
	if len(got) != 2 || got[0].What != "__init__" || got[0].Col != 10 || got[1].What != "__aenter__" || got[1].Col != 16 {
		t.Fatalf("dunder sites %+v", got)
	}
	if c := utf16Col("😀é", len("😀é")); c != 3 {
		t.Fatalf("utf16Col = %d, want 3", c)
	}
	line, col, err := editSite([]byte("x = 1\n# a\ny = 2\n    # comment\nz\n"))
	if err != nil || line != 3 || col != 5 {
		t.Fatalf("editSite = %d:%d %v, want 3:5", line, col, err)
	}
}

func TestPercentilesAndCounts(t *testing.T) {
	m := &metric{Samples: []float64{5, 1, 4, 2, 3, 6, 7, 8, 9, 10}}
	p50, p90, p99, ok := m.P()
	if !ok || p50 != 5 || p90 != 9 || p99 != 10 {
		t.Fatalf("percentiles %v %v %v", p50, p90, p99)
	}
	cases := map[string]int{
		`null`: 0, `[]`: 0, `{"uri":"file:///x","range":{}}`: 1, `[{"uri":"a"},{"uri":"b"}]`: 2,
		`{"contents":{"kind":"markdown","value":""}}`: 0, `{"contents":{"kind":"markdown","value":"x"}}`: 1, `{"contents":[]}`: 0,
	}
	for raw, want := range cases {
		if got := countResults(json.RawMessage(raw)); got != want {
			t.Errorf("countResults(%s) = %d, want %d", raw, got, want)
		}
	}
}

func TestReportAndChart(t *testing.T) {
	r := &report{Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Command: "go run ./cmd/pyward-bench", Stdlib: "/lib",
		Machine: machineInfo{CPUs: "2", Model: "CPU"}, Corpus: &corpus{Root: "/lib", Cold: "/lib/a.py", Edit: "/lib/_pydecimal.py", Memory: make([]string, 200)}}
	for _, s := range []struct {
		name  string
		scale float64
	}{{"pyward", 1}, {"pyright", 300}} {
		res := &serverResult{Spec: serverSpec{Name: s.name}, Metrics: map[string]*metric{}}
		for _, k := range metricOrder {
			m := newMetric(k)
			m.Samples = []float64{1 * s.scale, 2 * s.scale, 3 * s.scale}
			m.Tried, m.Answered = 3, 3
			res.Metrics[k] = m
		}
		r.Results = append(r.Results, res)
	}
	md := r.markdown()
	for _, want := range []string{"| cold start → first diagnostics | pyward | 2.00 ms |", "300× (pyright", "nproc", "go run ./cmd/pyward-bench"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	svg := r.svg()
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("the chart is not well-formed XML: %v", err)
			}
			break
		}
	}
	if strings.Count(svg, "<rect") < 2*6 {
		t.Errorf("the chart has too few bars:\n%s", svg)
	}
}

func TestDefinitionAgreement(t *testing.T) {
	if got := firstTarget(json.RawMessage(`[{"targetUri":"file:///lib/asyncio/events.pyi","targetRange":{}}]`)); got != "/lib/asyncio/events.pyi" {
		t.Fatalf("firstTarget(link) = %q", got)
	}
	if got := firstTarget(json.RawMessage(`{"uri":"file:///lib/a.py","range":{}}`)); got != "/lib/a.py" {
		t.Fatalf("firstTarget(location) = %q", got)
	}
	if got := firstTarget(json.RawMessage(`null`)); got != "" {
		t.Fatalf("firstTarget(null) = %q", got)
	}
	r := &report{Results: []*serverResult{
		{Spec: serverSpec{Name: "pyward"}, Metrics: map[string]*metric{mDef: {Targets: []string{"/l/asyncio/events.py", "/l/a.py", "", "/l/b.py"}}}},
		{Spec: serverSpec{Name: "pyright"}, Metrics: map[string]*metric{mDef: {Targets: []string{"/t/asyncio/events.pyi", "/l/c.py", "/l/x.py", ""}}}},
	}}
	if got := r.agreement(); !strings.Contains(got, "pyright 1 of 2 (50%)") {
		t.Fatalf("agreement: %q", got)
	}
}
