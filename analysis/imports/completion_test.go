package imports

import (
	"reflect"
	"sort"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// importFileWithSource is a document at path (in env's workspace) whose text is src.
func importFileWithSource(t *testing.T, path, src string) *analysis.File {
	t.Helper()
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return &analysis.File{Path: path, Module: analysis.Build(tree)}
}

func TestCompletion(t *testing.T) {
	cases := []struct {
		line   string
		labels []string
		kinds  map[string]string
		typed  string // the partial word the items replace
	}{
		{"from .", []string{"beside", "core", "linked", "user"}, map[string]string{"core": "package", "user": "module"}, ""},
		{"from .core.", []string{"deep", "impl", "only_sub", "shadow", "starred", "starsrc", "util"}, map[string]string{"impl": "module"}, ""},
		{"from .core.im", []string{"impl"}, nil, "im"},
		{"from ..app.core.s", nil, nil, ""}, // app's parent is the root: beyond the top level
		{"from .beside.", []string{"typed"}, nil, ""},
		{"import app.core.s", []string{"shadow", "starred", "starsrc"}, nil, "s"},
		{"import json, app.", []string{"beside", "core", "linked", "user"}, nil, ""},
		{"import app.core as c, app.b", []string{"beside"}, nil, "b"},
		{"from nsp.", []string{"nsmod"}, nil, ""},
		{"from app.linked.d", []string{"deep"}, nil, "d"},
		{"from s", []string{"src", "srcpkg"}, map[string]string{"srcpkg": "package", "src": "package"}, "s"}, // src/ is also a namespace package of the root
		{"x = 1", nil, nil, ""},
		{"from .core import ", []string{"deep", "impl", "only_sub", "shadow", "starred", "starsrc", "thing", "u", "util"}, map[string]string{"impl": "module", "thing": "name", "u": "name"}, ""},
		{"from .core import th", []string{"thing"}, nil, "th"},
		{"from .core import (u, im", []string{"impl"}, nil, "im"},
		{"from .core import thing as t, s", []string{"shadow", "starred", "starsrc"}, map[string]string{"shadow": "module"}, "s"},
		{"from . import ", []string{"beside", "core", "helper", "linked", "run", "user"}, nil, ""},
		{"from .. import ", nil, nil, ""},
		{"from app import h", []string{"helper"}, map[string]string{"helper": "name"}, "h"},
		{"from .nowhere import ", nil, nil, ""},
		{"from .core.util import ", []string{"CONST", "f"}, map[string]string{"f": "function", "CONST": "name"}, ""},
		{"from . import core; core.", []string{"deep", "impl", "only_sub", "shadow", "starred", "starsrc", "thing", "u", "util"}, nil, ""},
		{"import app.core; app.core.im", []string{"impl"}, nil, "im"},
		{"import app.core; app.", []string{"beside", "core", "helper", "linked", "run", "user"}, nil, ""},
		{"import app.core as c; c.u", []string{"u", "util"}, nil, "u"},
		{"from .core import util; util.", []string{"CONST", "f"}, nil, ""},
		{"from .core import thing; thing.", nil, nil, ""},
		{"x = 1; x.", nil, nil, ""},
		{"'app.'", nil, nil, ""},
		{"nowhere.", nil, nil, ""},
		{"from .nowhere.", nil, nil, ""},
	}
	for _, env := range []importEnv{
		memImportEnv(t, pathing.Posix, "/home/dev/ws"),
		memImportEnv(t, pathing.NT, `C:\Users\Dev\ws`),
	} {
		t.Run(env.name, func(t *testing.T) {
			for _, c := range cases {
				f := importFileWithSource(t, env.toPath("app/user.py"), c.line+"\n")
				items := Completion(env.ix, f, uint32(len(c.line)))
				var labels []string
				for _, it := range items {
					labels = append(labels, it.Label)
					if want, ok := c.kinds[it.Label]; ok && it.Kind != want {
						t.Errorf("%q: %s is a %s, want %s", c.line, it.Label, it.Kind, want)
					}
					if want := (analysis.Span{Start: uint32(len(c.line) - len(c.typed)), End: uint32(len(c.line))}); it.Replace != want {
						t.Errorf("%q: %s replaces %v, want %v", c.line, it.Label, it.Replace, want)
					}
				}
				sort.Strings(labels)
				if !reflect.DeepEqual(labels, c.labels) {
					t.Errorf("%q: got %v, want %v", c.line, labels, c.labels)
				}
			}
		})
	}
}

// TestCompletionUntitled checks that an untitled document gets no relative modules
// but still the absolute ones.
func TestCompletionUntitled(t *testing.T) {
	env := memImportEnv(t, pathing.Posix, "/home/dev/ws")
	if items := Completion(env.ix, importFileWithSource(t, "", "from .\n"), 6); len(items) != 0 {
		t.Errorf("untitled: from . proposes %v", items)
	}
	if items := Completion(env.ix, importFileWithSource(t, "", "import app.c\n"), 12); len(items) != 1 || items[0].Label != "core" {
		t.Errorf("untitled: import app.c proposes %v, want core", items)
	}
}
