package analysis

import (
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis/syntax"
)

// TestUnreachable: the line marked `# here` runs, or not, on CPython 3.11.7 on Linux.
func TestUnreachable(t *testing.T) {
	linux311 := Interp{Known: true, Major: 3, Minor: 11, Micro: 7, Platform: "linux", OSName: "posix"}
	tests := []struct {
		name   string
		src    string
		target Interp
		want   bool
	}{
		{"plain", "import x  # here\n", linux311, false},
		{"TYPE_CHECKING", "if TYPE_CHECKING:\n    import x  # here\n", Interp{}, true},
		{"typing.TYPE_CHECKING", "if typing.TYPE_CHECKING:\n    import x  # here\n", Interp{}, true},
		{"else of TYPE_CHECKING runs", "if TYPE_CHECKING:\n    pass\nelse:\n    import x  # here\n", Interp{}, false},
		{"not TYPE_CHECKING runs", "if not TYPE_CHECKING:\n    import x  # here\n", Interp{}, false},
		{"version below", "if sys.version_info < (3, 8):\n    import x  # here\n", linux311, true},
		{"version at least runs", "if sys.version_info >= (3, 8):\n    import x  # here\n", linux311, false},
		{"version same minor", "if sys.version_info >= (3, 11):\n    import x  # here\n", linux311, false},
		{"version future", "if sys.version_info >= (3, 12):\n    import x  # here\n", linux311, true},
		{"version else", "if sys.version_info >= (3, 8):\n    pass\nelse:\n    import x  # here\n", linux311, true},
		{"version slice", "if sys.version_info[:2] == (3, 11):\n    import x  # here\n", linux311, false},
		{"version slice ne", "if sys.version_info[:2] != (3, 11):\n    import x  # here\n", linux311, true},
		{"version index", "if sys.version_info[0] == 2:\n    import x  # here\n", linux311, true},
		{"version major", "if sys.version_info.major < 3:\n    import x  # here\n", linux311, true},
		{"version unknown interpreter", "if sys.version_info < (3, 8):\n    import x  # here\n", Interp{}, false},
		{"version with release level", "if sys.version_info < (3, 11, 7, 'final'):\n    import x  # here\n", linux311, false},
		{"platform win32", "if sys.platform == 'win32':\n    import x  # here\n", linux311, true},
		{"platform linux runs", "if sys.platform == 'linux':\n    import x  # here\n", linux311, false},
		{"platform startswith", "if sys.platform.startswith('win'):\n    import x  # here\n", linux311, true},
		{"platform in", "if sys.platform in ('win32', 'cygwin'):\n    import x  # here\n", linux311, true},
		{"os.name nt", "if os.name == 'nt':\n    import x  # here\n", linux311, true},
		{"elif after true", "if os.name == 'posix':\n    pass\nelif sys.platform == 'linux':\n    import x  # here\n", linux311, true},
		{"elif false", "if x:\n    pass\nelif os.name == 'posix' and sys.platform == 'darwin':\n    import x  # here\n", linux311, true},
		{"elif unknown", "if x:\n    pass\nelif y:\n    import x  # here\n", linux311, false},
		{"and unknown", "if os.name == 'posix' and y:\n    import x  # here\n", linux311, false},
		{"or true", "if y or os.name == 'posix':\n    import x  # here\n", linux311, false},
		{"after return", "def f():\n    return 1\n    import x  # here\n", linux311, true},
		{"after raise", "def f():\n    raise E\n    import x  # here\n", linux311, true},
		{"return in an if", "def f():\n    if y:\n        return 1\n    import x  # here\n", linux311, false},
		{"def under TYPE_CHECKING", "if TYPE_CHECKING:\n    def f():\n        import x  # here\n", Interp{}, true},
		{"unknown name", "if HAVE_X:\n    import x  # here\n", linux311, false},
		{"if False", "if False:\n    import x  # here\n", Interp{}, true},
		{"if 0", "if 0:\n    import x  # here\n", Interp{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, err := syntax.Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			at := strings.Index(tt.src, "import x  # here")
			n := tree.NodeAt(uint32(at + len("import ")))
			if got := Unreachable(tree, n, tt.target); got != tt.want {
				t.Errorf("Unreachable = %v, want %v\n%s", got, tt.want, tt.src)
			}
		})
	}
}
