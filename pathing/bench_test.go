package pathing

import "testing"

var benchSink string

func BenchmarkNormpath(b *testing.B) {
	for _, bc := range []struct {
		f Flavour
		p string
	}{
		{Posix, "/usr/lib/python3.11/../python3.11/./site-packages//pkg/sub/../mod.py"},
		{NT, `C:\Users\me\proj\..\proj\.\src//pkg\sub\..\mod.py`},
	} {
		b.Run(bc.f.String(), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				benchSink = bc.f.Normpath(bc.p)
			}
		})
	}
}

func BenchmarkJoin(b *testing.B) {
	for _, bc := range []struct {
		f    Flavour
		a    string
		more []string
	}{
		{Posix, "/home/me/proj", []string{"src", "pkg", "mod.py"}},
		{NT, `C:\Users\me\proj`, []string{"src", `pkg\sub`, "mod.py"}},
	} {
		b.Run(bc.f.String(), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				benchSink = bc.f.Join(bc.a, bc.more...)
			}
		})
	}
}

func BenchmarkSplit(b *testing.B) {
	for _, bc := range []struct {
		f Flavour
		p string
	}{
		{Posix, "/home/me/proj/src/pkg/mod.py"},
		{NT, `\\server\share\proj\src\pkg\mod.py`},
	} {
		b.Run(bc.f.String(), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				benchSink, _ = bc.f.Split(bc.p)
			}
		})
	}
}

// BenchmarkResolveRelativeWarm resolves "from ..sub.deeper import leaf" in a
// package three levels deep, with the resolver's caches already filled.
func BenchmarkResolveRelativeWarm(b *testing.B) {
	for _, bc := range []struct {
		f        Flavour
		root     string
		importer string
		tree     map[string]string
	}{
		{Posix, "/w", "/w/app/sub/mod.py", map[string]string{
			"/w/app/__init__.py": "", "/w/app/sub/__init__.py": "", "/w/app/sub/mod.py": "",
			"/w/app/sub2/__init__.py": "", "/w/app/sub2/deeper/__init__.py": "", "/w/app/sub2/deeper/leaf.py": "",
		}},
		{NT, `C:\w`, `C:\w\app\sub\mod.py`, map[string]string{
			`C:\w\app\__init__.py`: "", `C:\w\app\sub\__init__.py`: "", `C:\w\app\sub\mod.py`: "",
			`C:\w\app\sub2\__init__.py`: "", `C:\w\app\sub2\deeper\__init__.py`: "", `C:\w\app\sub2\deeper\leaf.py`: "",
		}},
	} {
		b.Run(bc.f.String(), func(b *testing.B) {
			m := NewMemFS(bc.f)
			if err := m.AddTree(bc.tree); err != nil {
				b.Fatal(err)
			}
			r := NewResolver(bc.f, m)
			roots := []string{bc.root}
			names := []string{"sub2", "deeper", "leaf"}
			if _, segs, err := r.ResolveRelative(bc.importer, 2, names, roots); err != nil || len(segs) != 3 {
				b.Fatalf("cold resolve: %v %v", segs, err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, _, err := r.ResolveRelative(bc.importer, 2, names, roots); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNormpathNormal is Normpath of the paths the resolver's caches key on:
// absolute, already normal.
func BenchmarkNormpathNormal(b *testing.B) {
	p := "/home/user/project/src/pkg06/moved05/mod042.py"
	for i := 0; i < b.N; i++ {
		benchSink = Posix.Normpath(p)
	}
}
