package rules

import (
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
)

func TestCoroutineFunctionNotCalledFixtures(t *testing.T) {
	checkAgainstCPython(t, "coroutine-function-not-called", "TypeError", "ValueError")
}

func TestCoroutineFunctionNotCalledFix(t *testing.T) {
	tests := []struct{ name, src, want, exc string }{
		{"asyncio.run", "import asyncio\nasync def main(): pass\nasyncio.run(main)\n", "import asyncio\nasync def main(): pass\nasyncio.run(main())\n", "ValueError"},
		{"await", "async def main(): pass\nasync def f():\n    await main\n", "async def main(): pass\nasync def f():\n    await main()\n", "TypeError"},
		// The finding and the fix are on the name inside the parentheses.
		{"in parentheses", "import asyncio\nasync def main(): pass\nasyncio.run((main))\n", "import asyncio\nasync def main(): pass\nasyncio.run((main()))\n", "ValueError"},
		{"method", "import asyncio\nclass A:\n    async def go(self): pass\n    def start(self):\n        asyncio.run(self.go)\n", "import asyncio\nclass A:\n    async def go(self): pass\n    def start(self):\n        asyncio.run(self.go())\n", "TypeError"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			diags := checkSource(t, "coroutine-function-not-called", "/w/a.py", tc.src, analysis.DefaultConfig(), false)
			if got := applyFix(t, tc.src, diags, "Call it"); got != tc.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, tc.want)
			}
			if tc.name != "method" && !strings.Contains(diags[0].Message, tc.exc) {
				t.Errorf("message %q lacks %s", diags[0].Message, tc.exc)
			}
		})
	}
}

func TestCoroutineFunctionNotCalledNegatives(t *testing.T) {
	for _, src := range []string{
		"import asyncio\ndef main(): pass\nasyncio.run(main)\n",             // not async: another error, not ours
		"import asyncio\nasync def main(): pass\nasyncio.run(main())\n",     // called
		"import asyncio\nasync def g():\n    yield 1\nasyncio.run(g)\n",     // an async generator function
		"import trio\nasync def main(): pass\ntrio.run(main)\n",             // trio wants the function
		"import asyncio\nasync def main(): pass\nasyncio.to_thread(main)\n", // to_thread takes a callable
	} {
		if diags := checkSource(t, "coroutine-function-not-called", "/w/a.py", src, analysis.DefaultConfig(), false); len(diags) != 0 {
			t.Errorf("%q: unexpected %+v", src, diags)
		}
	}
}
