package main

import (
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// site is one position in one stdlib file where a request is sent.
type site struct {
	File string // absolute path
	Line int    // 0-based
	Col  int    // 0-based, UTF-16 code units
	What string // the name at the position, for the report
}

// corpus is everything the benchmark reads from the standard library, chosen
// deterministically so that every server gets the same requests.
type corpus struct {
	Root     string   // the stdlib folder
	Files    []string // every .py below Root (sorted), tests and site-packages excluded
	DefSites []site   // relative-import sites for textDocument/definition
	Hovers   []site   // dunder definitions for textDocument/hover
	Memory   []string // files opened for the memory measurement, in order
	Cold     string   // the file opened for the cold start
	Edit     string   // the file edited
}

// stdlibDir asks python3 where its standard library is.
func stdlibDir() (string, error) {
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		return "", fmt.Errorf("python3 does not tell where its stdlib is: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// loadCorpus scans root and picks the samples.
func loadCorpus(root string, nDefs, nHovers, nMemory int) (*corpus, error) {
	c := &corpus{Root: root, Cold: filepath.Join(root, "asyncio", "tasks.py"), Edit: filepath.Join(root, "_pydecimal.py")}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			switch d.Name() {
			case "site-packages", "__pycache__", "test", "tests", "idle_test", "dist-packages":
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(rel, ".py") && d.Type().IsRegular() {
			c.Files = append(c.Files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(c.Files)
	if len(c.Files) == 0 {
		return nil, fmt.Errorf("no Python files under %s", root)
	}
	for _, f := range []string{c.Cold, c.Edit} {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("the benchmark needs %s: %w", f, err)
		}
	}
	c.DefSites = pickSites(root, c.Files, "definition", nDefs, relativeImportSites)
	c.Hovers = pickSites(root, c.Files, "hover", nHovers, dunderDefSites)
	mem := shuffled(root, c.Files, "memory")
	if nMemory > len(mem) {
		nMemory = len(mem)
	}
	c.Memory = mem[:nMemory]
	return c, nil
}

// shuffled orders files by a hash of their relative path and a salt: a fixed order
// that does not favour any folder.
func shuffled(root string, files []string, salt string) []string {
	type keyed struct {
		h uint64
		p string
	}
	ks := make([]keyed, len(files))
	for i, f := range files {
		rel, _ := filepath.Rel(root, f)
		h := fnv.New64a()
		h.Write([]byte(salt + "\x00" + filepath.ToSlash(rel)))
		ks[i] = keyed{h.Sum64(), f}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].h < ks[j].h })
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.p
	}
	return out
}

// maxSitesPerFile spreads a sample over many files.
const maxSitesPerFile = 8

// pickSites takes files in a fixed shuffled order and collects their sites (at most
// maxSitesPerFile each, spread over the file) until it has n.
func pickSites(root string, files []string, salt string, n int, find func(src []byte, file string) []site) []site {
	var out []site
	for _, f := range shuffled(root, files, salt) {
		if len(out) >= n {
			break
		}
		src, err := os.ReadFile(f)
		if err != nil || !utf8.Valid(src) {
			continue
		}
		s := find(src, f)
		if len(s) > maxSitesPerFile {
			step := float64(len(s)) / maxSitesPerFile
			var spread []site
			for i := 0; i < maxSitesPerFile; i++ {
				spread = append(spread, s[int(float64(i)*step)])
			}
			s = spread
		}
		if rest := n - len(out); len(s) > rest {
			s = s[:rest]
		}
		out = append(out, s...)
	}
	return out
}

var (
	relImportRE = regexp.MustCompile(`^(\s*from\s+)(\.+)\s*([\w.]*)(\s+import\s+)(.*)$`)
	nameRE      = regexp.MustCompile(`[A-Za-z_]\w*`)
	dunderDefRE = regexp.MustCompile(`^(\s*(?:async\s+)?def\s+)(__\w+__)\s*\(`)
)

// relativeImportSites finds `from .x.y import a, b as c` statements and returns a
// site on every module segment and every imported name written on the same line.
func relativeImportSites(src []byte, file string) []site {
	var out []site
	for i, line := range strings.Split(string(src), "\n") {
		m := relImportRE.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		// Module segments after the dots.
		if m[6] < m[7] {
			off := m[6]
			for _, seg := range strings.Split(line[m[6]:m[7]], ".") {
				if seg != "" {
					out = append(out, site{File: file, Line: i, Col: utf16Col(line, off), What: seg})
				}
				off += len(seg) + 1
			}
		}
		// Imported names: stop at a comment; skip `as` targets and the star.
		names := line[m[10]:m[11]]
		if j := strings.IndexByte(names, '#'); j >= 0 {
			names = names[:j]
		}
		base := m[10]
		for _, part := range splitKeep(names, ',') {
			loc := nameRE.FindStringIndex(part.text)
			if loc == nil {
				continue
			}
			out = append(out, site{File: file, Line: i, Col: utf16Col(line, base+part.off+loc[0]), What: part.text[loc[0]:loc[1]]})
		}
	}
	return out
}

type piece struct {
	off  int
	text string
}

func splitKeep(s string, sep byte) []piece {
	var out []piece
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == sep {
			out = append(out, piece{start, s[start:i]})
			start = i + 1
		}
	}
	return out
}

// dunderDefSites finds `def __x__(` and returns a site inside each name.
func dunderDefSites(src []byte, file string) []site {
	var out []site
	for i, line := range strings.Split(string(src), "\n") {
		m := dunderDefRE.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		out = append(out, site{File: file, Line: i, Col: utf16Col(line, m[4]+2), What: line[m[4]:m[5]]})
	}
	return out
}

// utf16Col converts a byte column of line to UTF-16 code units.
func utf16Col(line string, byteCol int) int {
	n := 0
	for _, r := range line[:byteCol] {
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

// editSite finds, near the middle of src, a comment line and returns the position just
// after its "#" (line, UTF-16 column): typing there changes no code.
func editSite(src []byte) (line, col int, err error) {
	lines := strings.Split(string(src), "\n")
	for i := len(lines) / 2; i < len(lines); i++ {
		t := strings.TrimLeft(lines[i], " \t")
		if strings.HasPrefix(t, "# ") {
			b := len(lines[i]) - len(t) + 1
			return i, utf16Col(lines[i], b), nil
		}
	}
	return 0, 0, fmt.Errorf("no comment line in the second half of the file")
}
