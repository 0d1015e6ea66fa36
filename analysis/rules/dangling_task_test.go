package rules

import (
	"strings"
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

// TestDanglingTaskKeptOrNotATask: a task stored on an object is kept; loop methods other
// than create_task make no task; a task assigned to _ is named as such.
func TestDanglingTaskKeptOrNotATask(t *testing.T) {
	prelude := "import asyncio\nasync def work():\n    pass\n"
	for _, src := range []string{
		prelude + "class Holder:\n    async def start(self):\n        self.task = asyncio.create_task(work())\n",
		prelude + "async def main():\n    loop = asyncio.get_running_loop()\n    loop.call_soon(print)\n    loop.run_in_executor(None, print)\n",
	} {
		if diags := checkSource(t, "dangling-task", "/w/a.py", src, analysis.DefaultConfig(), false); len(diags) != 0 {
			t.Errorf("%q: unexpected %+v", src, diags)
		}
	}
	src := prelude + "async def main():\n    _ = asyncio.create_task(work())\n"
	diags := checkSource(t, "dangling-task", "/w/a.py", src, analysis.DefaultConfig(), false)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "assigned to _ only") {
		t.Errorf("_ = create_task(...): %+v, want one finding saying 'assigned to _ only'", diags)
	}
}
