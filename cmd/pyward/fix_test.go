package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const fixable = `import asyncio


async def fetch():
    return 1


async def main():
    fetch()
    asyncio.create_task(fetch())


class Order:
    def __init__(self):
        self.__total = 1


def total(o: Order):
    return o.__total


asyncio.run(main)
`

const fixed = `import asyncio


async def fetch():
    return 1


async def main():
    await fetch()
    asyncio.create_task(fetch())


class Order:
    def __init__(self):
        self.__total = 1


def total(o: Order):
    return o._Order__total


asyncio.run(main())
`

const brokenFixable = "import asyncio\n\n\nasync def fetch():\n    return 1\n\n\nasync def main():\n    fetch()\n\n\ndef g(:\n    pass\n"

// TestFix: --fix applies the safe preferred fixes and reports them, leaving the other
// findings; --diff prints a patch that `patch` applies to the same result.
func TestFix(t *testing.T) {
	root := writeTree(t, map[string]string{"m.py": fixable, "broken.py": brokenFixable})
	path := filepath.Join(root, "m.py")

	stdout, stderr, status := runIn(t, root, "check", "--python", "-", "--fix", "--diff", "m.py")
	if status != 1 {
		t.Fatalf("--diff: status %d, want 1 (there is something to fix)\n%s", status, stderr)
	}
	if got, _ := os.ReadFile(path); string(got) != fixable {
		t.Fatal("--diff changed the file")
	}
	if !strings.Contains(stdout, "--- a/m.py\n+++ b/m.py\n@@ -6,7 +6,7 @@") || !strings.Contains(stdout, "+    await fetch()\n") {
		t.Errorf("--diff output:\n%s", stdout)
	}
	if patch, err := exec.LookPath("patch"); err == nil {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "m.py"), []byte(fixable), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(patch, "-p1")
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(stdout)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch -p1 refused the diff: %v\n%s\n%s", err, out, stdout)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "m.py")); string(got) != fixed {
			t.Errorf("the patched file:\n%s", got)
		}
	}

	stdout, stderr, status = runIn(t, root, "check", "--python", "-", "--fix", "m.py", "broken.py")
	if status != 1 {
		t.Fatalf("--fix: status %d, want 1 (the dangling task and the syntax error remain)\n%s", status, stderr)
	}
	if got, _ := os.ReadFile(path); string(got) != fixed {
		t.Errorf("the fixed file:\n%s", got)
	}
	for _, want := range []string{"broken.py: not fixed: the file has syntax errors", "fixed m.py:9:5: [missing-await] Add await", "fixed m.py:19:14: [mangled-attribute-access]", "fixed m.py:22:13: [coroutine-function-not-called] Call it", "fixed 3 finding(s) in 1 file(s)"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "[dangling-task]") || !strings.Contains(stdout, "broken.py:9:5: warning [missing-await]") {
		t.Errorf("the remaining findings are not reported:\n%s", stdout)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "broken.py")); string(got) != brokenFixable {
		t.Errorf("a file with syntax errors was changed:\n%s", got)
	}
}
