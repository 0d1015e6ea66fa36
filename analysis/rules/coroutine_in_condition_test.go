package rules

import (
	"testing"

	"github.com/pyward/pyward/analysis"
)

func TestCoroutineInConditionFixtures(t *testing.T) {
	checkAgainstCPython(t, "coroutine-in-condition", "RuntimeWarning: coroutine")
}

func TestCoroutineInConditionFix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"if", "async def ok(): pass\nasync def main():\n    if ok():\n        pass\n", "async def ok(): pass\nasync def main():\n    if await ok():\n        pass\n"},
		{"not", "async def ok(): pass\nasync def main():\n    return not ok()\n", "async def ok(): pass\nasync def main():\n    return not await ok()\n"},
		{"and", "async def ok(): pass\nasync def main(x):\n    return (ok()) and x\n", "async def ok(): pass\nasync def main(x):\n    return (await ok()) and x\n"},
		{"right of and in if", "async def ok(): pass\nasync def main(x):\n    if x or ok():\n        pass\n", "async def ok(): pass\nasync def main(x):\n    if x or await ok():\n        pass\n"},
		{"plain def has no fix", "async def ok(): pass\ndef main():\n    if ok():\n        pass\n", "<no fix Add await>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			diags := checkSource(t, "coroutine-in-condition", "/w/a.py", tc.src, analysis.DefaultConfig(), false)
			if got := applyFix(t, tc.src, diags, "Add await"); got != tc.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, tc.want)
			}
			if diags[0].Severity != analysis.SeverityError {
				t.Errorf("severity %v, want error", diags[0].Severity)
			}
		})
	}
}

func TestCoroutineInConditionNotTruthTested(t *testing.T) {
	// the right operand of and/or outside a condition is a value, not a truth test
	// and the branches of a conditional expression are values too (only its test is one)
	for _, src := range []string{
		"async def ok(): pass\nasync def main(x):\n    return x and ok()\n",
		"async def ok(): pass\nasync def main(x):\n    return await (ok() if x else ok())\n",
	} {
		if diags := checkSource(t, "coroutine-in-condition", "/w/a.py", src, analysis.DefaultConfig(), false); len(diags) != 0 {
			t.Errorf("%q: unexpected %+v", src, diags)
		}
	}
}
