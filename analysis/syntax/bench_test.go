package syntax

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func stdlibFile(b *testing.B, name string) []byte {
	out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		b.Skip("no python3 on PATH")
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), name))
	if err != nil {
		b.Skip(err)
	}
	return src
}

// BenchmarkParseFull is a from-scratch parse plus flatten of _pydecimal.py (6,400 lines).
func BenchmarkParseFull(b *testing.B) {
	src := stdlibFile(b, "_pydecimal.py")
	for i := 0; i < b.N; i++ {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIncrementalEdit types one character in the middle of _pydecimal.py and reparses.
func BenchmarkIncrementalEdit(b *testing.B) {
	src := stdlibFile(b, "_pydecimal.py")
	d, err := NewDocument(src)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	mid := len(src) / 2
	for mid < len(src) && src[mid] != '\n' {
		mid++
	}
	b.ResetTimer()
	cur := src
	for i := 0; i < b.N; i++ {
		var next []byte
		var e Edit
		if i%2 == 0 { // insert "#"
			next = append(append(append([]byte{}, cur[:mid]...), '#'), cur[mid:]...)
			e = Edit{StartByte: uint32(mid), OldEndByte: uint32(mid), NewEndByte: uint32(mid + 1),
				StartPoint: PointAt(cur, mid), OldEndPoint: PointAt(cur, mid), NewEndPoint: PointAt(next, mid+1)}
		} else { // delete it again
			next = append(append([]byte{}, cur[:mid]...), cur[mid+1:]...)
			e = Edit{StartByte: uint32(mid), OldEndByte: uint32(mid + 1), NewEndByte: uint32(mid),
				StartPoint: PointAt(cur, mid), OldEndPoint: PointAt(cur, mid+1), NewEndPoint: PointAt(next, mid)}
		}
		if err := d.Update(next, []Edit{e}); err != nil {
			b.Fatal(err)
		}
		cur = next
	}
}
