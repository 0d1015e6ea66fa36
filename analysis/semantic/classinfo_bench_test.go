package semantic

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkClassesOf computes the class model of _pydecimal.py (about 6,400 lines, a
// Decimal class of some 200 members): what each keystroke in that file pays for it.
func BenchmarkClassesOf(b *testing.B) {
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		b.Skipf("python3: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_pydecimal.py"))
	if err != nil {
		b.Skip(err)
	}
	m := buildModule(b, string(src))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ClassesOf(m)
	}
}
