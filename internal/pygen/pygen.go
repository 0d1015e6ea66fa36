// Package pygen generates Python source for tests and benchmarks: a huge module of
// ordinary code, and a tree of packages that import one another. The output is
// deterministic, valid Python (CPython compiles it), and exercises what pyward's rules
// look at: classes with private and mangled members, async functions, relative imports.
package pygen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// block is one unit of the huge module; %[1]d is its number.
const block = `class Widget%[1]d(Base):
    """A widget, number %[1]d."""

    limit = %[1]d

    def __init__(self, value, *, scale=2):
        self._value = value
        self.__scale = scale
        self.items = [value * i for i in range(scale) if i %% 3]

    def __repr__(self):
        return f"Widget%[1]d({self._value!r})"

    async def fetch(self, session):
        data = await session.get(self._value)
        return {"id": %[1]d, "data": data, "scale": self.__scale}

    def total(self, other=None):
        if other is None:
            return self._value
        try:
            return self._value + other._value
        except AttributeError:
            return sum(x for x in self.items)


async def run_%[1]d(widgets):
    results = []
    for w in widgets:
        results.append(await w.fetch(None))
    return results


`

// header starts the huge module.
const header = `"""A generated module."""
import asyncio
import os.path
from collections import OrderedDict as _OrderedDict


class Base:
    _registry = _OrderedDict()

    def _register(self, name):
        self._registry[name] = self


`

// Huge returns a module of at least size bytes: a header, then numbered classes and
// async functions. It also returns the offsets of one use of "Widget1" (the name of the
// first generated class, in the last block's code) and of the definition it goes to.
func Huge(size int) (src []byte, use, def int) {
	var b strings.Builder
	b.Grow(size + len(block) + 1024)
	b.WriteString(header)
	def = b.Len() + len("class ")
	for i := 1; b.Len() < size; i++ {
		fmt.Fprintf(&b, block, i)
	}
	b.WriteString("\n\ndef last():\n    return Widget1(0).total()\n")
	use = b.Len() - len("Widget1(0).total()\n")
	return []byte(b.String()), use, def
}

// Tree writes n Python files under dir, in packages of at most 50 modules nested two
// deep (pkgNNN/subNN/modNN.py); each module imports its neighbour relatively, a
// module of another package absolutely, and defines classes and async functions. It
// returns the paths of the files written, sorted.
func Tree(dir string, n int) ([]string, error) {
	var paths []string
	write := func(p, text string) error {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		paths = append(paths, p)
		return os.WriteFile(p, []byte(text), 0o644)
	}
	const perSub, subsPerPkg = 50, 10
	for i := 0; len(paths) < n; i++ {
		pkg, sub, mod := i/(perSub*subsPerPkg), (i/perSub)%subsPerPkg, i%perSub
		base := filepath.Join(dir, fmt.Sprintf("pkg%03d", pkg), fmt.Sprintf("sub%02d", sub))
		if mod == 0 {
			if sub == 0 {
				if err := write(filepath.Join(dir, fmt.Sprintf("pkg%03d", pkg), "__init__.py"), "from .sub00 import mod00\n"); err != nil {
					return nil, err
				}
			}
			if err := write(filepath.Join(base, "__init__.py"), "__all__ = [\"mod00\"]\n"); err != nil {
				return nil, err
			}
			if len(paths) >= n {
				break
			}
		}
		// Each module's class derives from its predecessor's (module 0's from object),
		// so class chains are up to 50 long and never cyclic.
		prev, super := (mod+perSub-1)%perSub, fmt.Sprintf("Thing%d", (mod+perSub-1)%perSub)
		if mod == 0 {
			super = "object"
		}
		text := fmt.Sprintf(module, mod, prev, (pkg+1)%7, super)
		if err := write(filepath.Join(base, fmt.Sprintf("mod%02d.py", mod)), text); err != nil {
			return nil, err
		}
	}
	if len(paths) > n {
		paths = paths[:n]
	}
	return paths, nil
}

// module is one module of Tree: %[1]d its number, %[2]d its neighbour's, %[3]d another
// package's, %[4]s its class's base.
const module = `"""Module %[1]d."""
import asyncio
from . import mod%02[2]d
from .mod%02[2]d import Thing%[2]d, fetch%[2]d
from pkg%03[3]d.sub00 import mod00 as other


class Thing%[1]d(%[4]s):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch%[1]d():
    await asyncio.sleep(0)
    return Thing%[1]d()


def main():
    fetch%[2]d()
    return other, mod%02[2]d
`

// Layered sizes: LayeredWorkspace writes LayeredPackages packages of LayeredModules
// modules each (and an __init__.py in each).
const (
	LayeredPackages = 20
	LayeredModules  = 100
)

// LayeredWorkspace writes the workspace pyward-bench moves files in (issue 17): 2,000
// modules in 20 packages pkgNN of 100 modules modNNN, where every module imports up to
// three modules of its own package (relative imports), two of other packages (absolute
// `from` imports) and one with a plain `import pkg.mod` and an attribute use. Imports
// point to higher modules and packages only: a layered code base without import
// cycles.
func LayeredWorkspace(root string) error {
	for p := 0; p < LayeredPackages; p++ {
		dir := filepath.Join(root, fmt.Sprintf("pkg%02d", p))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "__init__.py"), []byte("from .mod000 import VALUE\n"), 0o644); err != nil {
			return err
		}
		for m := 0; m < LayeredModules; m++ {
			var b strings.Builder
			for k := 1; k <= 3; k++ {
				if t := m + k*7; t < LayeredModules {
					fmt.Fprintf(&b, "from .mod%03d import helper as h%d\n", t, k)
				}
			}
			for k := 1; k <= 2; k++ {
				if q := p + k*3; q < LayeredPackages {
					fmt.Fprintf(&b, "from pkg%02d.mod%03d import helper as g%d\n", q, (m*k+1)%LayeredModules, k)
				}
			}
			if p+1 < LayeredPackages {
				fmt.Fprintf(&b, "import pkg%02d.mod%03d\n\nVALUE = %d\n\n\ndef helper():\n    return pkg%02d.mod%03d.VALUE\n", p+1, m, m, p+1, m)
			} else {
				fmt.Fprintf(&b, "VALUE = %d\n\n\ndef helper():\n    return VALUE\n", m)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("mod%03d.py", m)), []byte(b.String()), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
