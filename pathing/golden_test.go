package pathing

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// goldenResult is one CPython answer: a value, or a ValueError message.
type goldenResult struct {
	Out any     `json:"out"`
	Err *string `json:"err"`
}

type goldenFile struct {
	Python string                          `json:"python"`
	Cases  map[string][][2]json.RawMessage `json:"cases"`
}

func loadGolden(t testing.TB, name string) goldenFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "pathing", "golden", name))
	if err != nil {
		t.Fatalf("reading golden file (regenerate with python3 testdata/pathing/gen.py): %v", err)
	}
	var g goldenFile
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
	return g
}

// callFlavour runs the named function of f on the JSON-decoded arguments and
// returns the answer in the shape the generator records.
func callFlavour(t testing.TB, f Flavour, fn string, rawArgs json.RawMessage) goldenResult {
	t.Helper()
	str := func() string {
		var s string
		if err := json.Unmarshal(rawArgs, &s); err != nil {
			t.Fatalf("%s: bad argument %s: %v", fn, rawArgs, err)
		}
		return s
	}
	list := func() []string {
		var l []string
		if err := json.Unmarshal(rawArgs, &l); err != nil {
			t.Fatalf("%s: bad arguments %s: %v", fn, rawArgs, err)
		}
		return l
	}
	pair := func(a, b string) goldenResult { return goldenResult{Out: []any{a, b}} }
	res := func(s string, err error) goldenResult {
		if err != nil {
			m := err.Error()
			return goldenResult{Err: &m}
		}
		return goldenResult{Out: s}
	}
	switch fn {
	case "normpath":
		return goldenResult{Out: f.Normpath(str())}
	case "normcase":
		return goldenResult{Out: f.Normcase(str())}
	case "isabs":
		return goldenResult{Out: f.IsAbs(str())}
	case "split":
		return pair(f.Split(str()))
	case "splitdrive":
		return pair(f.Splitdrive(str()))
	case "splitext":
		return pair(f.Splitext(str()))
	case "basename":
		return goldenResult{Out: f.Basename(str())}
	case "dirname":
		return goldenResult{Out: f.Dirname(str())}
	case "join":
		a := list()
		return goldenResult{Out: f.Join(a[0], a[1:]...)}
	case "relpath":
		a := list()
		return res(f.Relpath(a[0], a[1]))
	case "commonpath":
		return res(f.Commonpath(list()))
	}
	t.Fatalf("unknown function %q in golden file", fn)
	return goldenResult{}
}

func normalise(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestGoldenPaths holds every flavour function to CPython's answers on the
// golden vectors; every case must agree.
func TestGoldenPaths(t *testing.T) {
	for _, tc := range []struct {
		file string
		f    Flavour
	}{{"paths_posix.json", Posix}, {"paths_nt.json", NT}} {
		g := loadGolden(t, tc.file)
		for fn, rows := range g.Cases {
			t.Run(tc.f.String()+"/"+fn, func(t *testing.T) {
				bad := 0
				for _, row := range rows {
					var want goldenResult
					if err := json.Unmarshal(row[1], &want); err != nil {
						t.Fatal(err)
					}
					got := callFlavour(t, tc.f, fn, row[0])
					if !reflect.DeepEqual(normalise(got), normalise(want)) {
						bad++
						if bad <= 20 {
							t.Errorf("%s.%s(%s) = %s, CPython %s says %s", tc.f, fn, row[0], normalise(got), g.Python, normalise(want))
						}
					}
				}
				if bad > 0 {
					t.Errorf("%d of %d cases disagree", bad, len(rows))
				}
				if len(rows) < 1000 {
					t.Errorf("only %d cases for %s; the generator makes thousands", len(rows), fn)
				}
			})
		}
	}
}
