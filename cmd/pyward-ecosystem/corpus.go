package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// Project is one entry of projects.txt: a Debian package pinned to a version, and the
// folder pyward checks, from the folder a user would run it in.
type Project struct {
	Name    string // short name, the key in the snapshot
	Package string // Debian package name
	Version string // the pinned Debian version
	Top     string // the project's top folder: the working directory of `pyward check`
	Path    string // what is checked, relative to Top
}

// Pin is the package and version as apt-get takes it: name=version.
func (p Project) Pin() string { return p.Package + "=" + p.Version }

// Corpus is projects.txt: the interpreter that owns the files, and the projects.
type Corpus struct {
	Python   string
	Projects []Project
}

// parseCorpus reads projects.txt: comment lines start with #; a line `python PATH` names
// the interpreter; every other line is `name package=version top path`.
func parseCorpus(r io.Reader) (Corpus, error) {
	var c Corpus
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if f[0] == "python" && len(f) == 2 {
			c.Python = f[1]
			continue
		}
		if len(f) != 4 {
			return c, fmt.Errorf("projects.txt:%d: want `name package=version top path`, got %q", n, line)
		}
		pkg, ver, ok := strings.Cut(f[1], "=")
		if !ok || pkg == "" || ver == "" {
			return c, fmt.Errorf("projects.txt:%d: %q is not package=version", n, f[1])
		}
		if seen[f[0]] {
			return c, fmt.Errorf("projects.txt:%d: project %q listed twice", n, f[0])
		}
		seen[f[0]] = true
		c.Projects = append(c.Projects, Project{Name: f[0], Package: pkg, Version: ver, Top: f[2], Path: f[3]})
	}
	if err := sc.Err(); err != nil {
		return c, err
	}
	if c.Python == "" {
		return c, fmt.Errorf("projects.txt: no `python PATH` line")
	}
	if len(c.Projects) == 0 {
		return c, fmt.Errorf("projects.txt: no projects")
	}
	return c, nil
}

// installedVersion is the Debian version of pkg that is installed, or "" when none is.
func installedVersion(pkg string) string {
	out, err := exec.Command("dpkg-query", "-W", "-f", "${Status}\t${Version}", pkg).Output()
	if err != nil {
		return ""
	}
	status, version, _ := strings.Cut(string(out), "\t")
	if !strings.HasSuffix(status, " installed") {
		return ""
	}
	return version
}

// install makes sure every project's package is installed, at its pinned version when
// Debian still has it. Debian's archive keeps only the newest security update of a
// package, so a pin can disappear; then the current version is installed and named in
// a note, and the comparison with the snapshot decides whether anything changed.
func install(c Corpus, log io.Writer) error {
	var missing []Project
	for _, p := range c.Projects {
		if installedVersion(p.Package) != p.Version {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	apt := func(args ...string) error {
		cmd := exec.Command("apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("apt-get %s: %v\n%s", strings.Join(args, " "), err, tail(string(out), 2000))
		}
		return nil
	}
	fmt.Fprintf(log, "installing %d Debian packages\n", len(missing))
	if err := apt("update", "-qq"); err != nil {
		return err
	}
	base := []string{"install", "-y", "-qq", "--no-install-recommends", "--allow-downgrades"}
	var pins []string
	for _, p := range missing {
		pins = append(pins, p.Pin())
	}
	if err := apt(append(base, pins...)...); err == nil {
		return nil
	}
	// Some pin is gone from the archive: install each one alone, falling back to the
	// current version where the pinned one is gone.
	for _, p := range missing {
		if err := apt(append(base, p.Pin())...); err != nil {
			fmt.Fprintf(log, "note: %s is no longer in Debian's archive; installing the current %s\n", p.Pin(), p.Package)
			if err := apt(append(base, p.Package)...); err != nil {
				return err
			}
		}
	}
	return nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
