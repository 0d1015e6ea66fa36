package rules

import (
	"testing"

	"github.com/pyward/pyward/analysis"
)

func TestDanglingTaskFixtures(t *testing.T) {
	checkAgainstCPython(t, "dangling-task", "Task was destroyed but it is pending!")
}

func TestDanglingTaskCases(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"import asyncio\nasync def f(c):\n    asyncio.create_task(c)\n", 1},
		{"from asyncio import ensure_future\nasync def f(c):\n    ensure_future(c)\n", 1},
		{"import asyncio\nclass P:\n    def go(self, c):\n        self._loop.create_task(c)\n", 1},
		{"import asyncio\nasync def f(c):\n    t = asyncio.create_task(c)\n    await t\n", 0},
		{"import asyncio\nasync def f(c, tg):\n    tg.create_task(c)\n", 0},
		{"import asyncio\nasync def f(c):\n    await asyncio.create_task(c)\n", 0},
	}
	for _, tc := range tests {
		diags := checkSource(t, "dangling-task", "/w/a.py", tc.src, analysis.DefaultConfig(), false)
		if len(diags) != tc.want {
			t.Errorf("%q: %d findings, want %d: %+v", tc.src, len(diags), tc.want, diags)
		}
		for _, d := range diags {
			if d.Severity != analysis.SeverityWarning || len(d.Fixes) != 1 { // only "ignore this line"
				t.Errorf("%q: %+v", tc.src, d)
			}
		}
	}
}
