package semantic

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

func buildModule(t testing.TB, src string) *analysis.Module {
	t.Helper()
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return analysis.Build(tree)
}

// describe renders a class's members as "name:kind[ async][ type][ (call)]", sorted.
func describe(ci *ClassInfo) string {
	var out []string
	for _, m := range ci.Members {
		s := m.Name + ":" + m.Kind.String()
		if m.Async {
			s += " async"
		}
		if m.Type != "" {
			s += " " + m.Type
			if m.FromCall {
				s += "()"
			}
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

func TestClassesOf(t *testing.T) {
	tests := []struct {
		name, src, class, want string
	}{
		{"methods and kinds", `
import functools
class C:
    def m(self): pass
    async def am(self): pass
    async def agen(self):
        yield 1
    @property
    def p(self): pass
    @property
    async def ap(self): pass
    @p.setter
    def p(self, v): pass
    @classmethod
    async def cm(cls): pass
    @staticmethod
    def sm(): pass
    @functools.cached_property
    def cp(self): pass
    @some.decorator
    async def d(self): pass
    class Inner: pass
`, "C", "Inner:class C.Inner, agen:method, am:method async, ap:property async, cm:classmethod async, cp:property, d:unknown, m:method, p:property, sm:staticmethod"},
		{"attributes and their classes", `
class Service:
    store: Store
    limit = 10
    default = None
    __slots__ = ("a", "b")
    def __init__(self, client: Client, other, writer: "asyncio.StreamWriter"):
        self.client = client
        self.other = other
        self.made = Made()
        self.typed: Typed = make()
        self.default = Default()
        self.writer = writer
        self.store = Store()
`, "Service", "__init__:method, __slots__:attribute, a:attribute, b:attribute, client:attribute Client, default:attribute Default(), limit:attribute, made:attribute Made(), other:attribute, store:attribute Store, typed:attribute Typed, writer:attribute asyncio.StreamWriter"},
		{"disagreeing stores are unknown", `
class Loose:
    def __init__(self, client: Client):
        self.client = client
    def swap(self, other):
        self.client = other
    def again(self):
        self.x = A()
        self.x = B()
        self.y = A()
        self.y += 1
`, "Loose", "__init__:method, again:method, client:attribute, swap:method, x:attribute, y:attribute"},
		{"a store over a method makes it unknown", `
class S:
    async def run(self): pass
    def __init__(self):
        self.run = None
`, "S", "__init__:method, run:unknown"},
		{"property return annotations and cls stores", `
class R:
    def make(self) -> "Client": pass
    @property
    def conn(self) -> "Conn": pass
    @classmethod
    def setup(cls):
        cls.shared = Pool()
    @staticmethod
    def st(x):
        x.nope = 1
`, "R", "conn:property Conn, make:method, setup:classmethod, shared:attribute Pool(), st:staticmethod"},
		{"dataclass fields", `
@dataclass
class D:
    client: Client
    n: int = 0
    items: list[int] = field(default_factory=list)
`, "D", "client:attribute Client, items:attribute, n:attribute int"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := buildModule(t, tc.src)
			mc := ClassesOf(m)
			ci := mc.ByQual(tc.class)
			if ci == nil {
				t.Fatalf("no class %s", tc.class)
			}
			if got := describe(ci); got != tc.want {
				t.Errorf("members:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestClassInfoHeader(t *testing.T) {
	m := buildModule(t, `
class A(Base, mod.Other, Generic[T], make()): pass
class B(metaclass=Meta): pass
@dataclass(frozen=True)
class C:
    def __getattr__(self, n): pass
@register
class D: pass
class E:
    def __new__(cls): pass
def f():
    class Local: pass
`)
	mc := ClassesOf(m)
	var got []string
	for _, ci := range mc.List {
		got = append(got, fmt.Sprintf("%s bases=%q plain=%v dynamic=%v top=%v", ci.Qual, ci.Bases, ci.Plain, ci.Dynamic, ci.TopLevel))
	}
	want := []string{
		`A bases=["Base" "mod.Other" "Generic" ""] plain=true dynamic=false top=true`,
		`B bases=[] plain=false dynamic=false top=true`,
		`C bases=[] plain=true dynamic=true top=true`,
		`D bases=[] plain=false dynamic=false top=true`,
		`E bases=[] plain=false dynamic=false top=true`,
		`f.Local bases=[] plain=true dynamic=false top=false`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
