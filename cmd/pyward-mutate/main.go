// Command pyward-mutate is a small mutation tester: it makes one small behaviour change
// (a mutant) at a time in a package's Go source, runs the package's own tests against
// it, and reports how many mutants the tests kill. A surviving mutant is a behaviour
// change no test notices.
//
// Mutants: conditional boundaries (< <=, > >=), negations (== !=, dropping !),
// && ||, arithmetic (+ -, * /, %), removed call / assignment / ++ statements, removed
// returns, removed break and continue, deleted case clauses. Constants, package-level
// variables, generated files, logging calls and lock calls are left alone.
//
// Each mutant is applied through `go test -overlay`, so the work tree is never
// modified, and tested with -failfast and a timeout. A mutant that does not compile is
// "not viable" and does not count. The kill ratio is killed / (killed + survived).
//
//	go run ./cmd/pyward-mutate --max 60 --seed 1 ./pathing ./server ./analysis/rules
//	go run ./cmd/pyward-mutate --skip '^TestRulesOnStdlib$' ./analysis/rules  # without the 1-minute sweep
//	go run ./cmd/pyward-mutate --list ./pathing          # the mutants, not run
//	go run ./cmd/pyward-mutate --list --ids 3 ./pathing  # mutant 3's line before and after
//	go run ./cmd/pyward-mutate --ids 3,17 ./pathing      # re-run chosen mutants
//
// With --max N, N mutants per package are drawn with a fixed seed (--seed), so a run
// can be repeated exactly on a busy machine.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

type options struct {
	max     int
	seed    uint64
	timeout time.Duration
	run     string
	skip    string
	list    bool
	ids     map[int]bool
	out     io.Writer
}

func main() {
	var o options
	var ids string
	flag.IntVar(&o.max, "max", 0, "mutants per package, drawn with --seed (0: all)")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the --max draw")
	flag.DurationVar(&o.timeout, "timeout", 3*time.Minute, "go test -timeout for one mutant")
	flag.StringVar(&o.run, "run", "", "go test -run for every mutant (default: all tests)")
	flag.StringVar(&o.skip, "skip", "", "go test -skip for every mutant (slow sweeps, say)")
	flag.BoolVar(&o.list, "list", false, "list the mutants and run nothing")
	flag.StringVar(&ids, "ids", "", "comma-separated mutant ids to run (from --list or a report)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: pyward-mutate [flags] ./pkg...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if ids != "" {
		o.ids = map[int]bool{}
		for _, s := range strings.Split(ids, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				fmt.Fprintf(os.Stderr, "pyward-mutate: bad --ids: %v\n", err)
				os.Exit(2)
			}
			o.ids[n] = true
		}
	}
	o.out = os.Stdout
	var sums []summary
	for _, pkg := range flag.Args() {
		s, err := runPackage(context.Background(), pkg, o)
		if err != nil {
			fmt.Fprintf(os.Stderr, "pyward-mutate: %s: %v\n", pkg, err)
			os.Exit(1)
		}
		sums = append(sums, s)
	}
	if !o.list {
		fmt.Fprintln(o.out, "\n== kill ratio per package")
		for _, s := range sums {
			fmt.Fprintln(o.out, s)
		}
	}
}

// summary counts the outcomes of one package's mutants.
type summary struct {
	pkg                                     string
	total, tried, killed, survived, invalid int
	survivors                               []mutant
}

func (s summary) String() string {
	ratio := 0.0
	if s.killed+s.survived > 0 {
		ratio = 100 * float64(s.killed) / float64(s.killed+s.survived)
	}
	return fmt.Sprintf("%-16s %3d of %4d mutants tried: %3d killed, %3d survived, %3d not viable; kill ratio %.1f%%",
		s.pkg, s.tried, s.total, s.killed, s.survived, s.invalid, ratio)
}

// choose returns the mutants to run: those in ids, or a seeded draw of max, or all,
// in file order.
func choose(all []mutant, o options) []mutant {
	var out []mutant
	switch {
	case o.ids != nil:
		for _, m := range all {
			if o.ids[m.ID] {
				out = append(out, m)
			}
		}
	case o.max > 0 && o.max < len(all):
		out = append(out, all...)
		r := rand.New(rand.NewPCG(o.seed, 0x9e3779b97f4a7c15))
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		out = out[:o.max]
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	default:
		out = all
	}
	return out
}

func runPackage(ctx context.Context, pkg string, o options) (summary, error) {
	s := summary{pkg: strings.TrimPrefix(pkg, "./")}
	dir, err := filepath.Abs(pkg)
	if err != nil {
		return s, err
	}
	all, err := packageMutants(dir)
	if err != nil {
		return s, err
	}
	s.total = len(all)
	todo := choose(all, o)
	if o.list {
		for _, m := range todo {
			fmt.Fprintf(o.out, "%s #%d %s:%d %s: %s\n", s.pkg, m.ID, rel(m.File), m.Line, m.Kind, m.Desc)
			if o.ids != nil {
				before, after, err := mutatedLine(m)
				if err != nil {
					return s, err
				}
				fmt.Fprintf(o.out, "  - %s\n  + %s\n", before, after)
			}
		}
		return s, nil
	}
	tmp, err := os.MkdirTemp("", "pyward-mutate-")
	if err != nil {
		return s, err
	}
	defer os.RemoveAll(tmp)
	start := time.Now()
	if res, out := goTest(ctx, pkg, "", o); res != "survived" {
		return s, fmt.Errorf("the tests fail without a mutant (%s):\n%s", res, out)
	}
	fmt.Fprintf(o.out, "== %s: %d mutants, running %d (tests take %v unmutated)\n", s.pkg, len(all), len(todo), time.Since(start).Round(time.Second))
	for _, m := range todo {
		overlay, err := writeOverlay(tmp, m)
		if err != nil {
			return s, err
		}
		t0 := time.Now()
		res, _ := goTest(ctx, pkg, overlay, o)
		s.tried++
		switch res {
		case "killed", "timeout":
			s.killed++
		case "survived":
			s.survived++
			s.survivors = append(s.survivors, m)
		default:
			s.invalid++
		}
		fmt.Fprintf(o.out, "%-10s %s #%d %s:%d %s: %s (%v)\n", res, s.pkg, m.ID, rel(m.File), m.Line, m.Kind, m.Desc, time.Since(t0).Round(100*time.Millisecond))
	}
	fmt.Fprintln(o.out, s)
	for _, m := range s.survivors {
		fmt.Fprintf(o.out, "  survivor #%d %s:%d %s: %s\n", m.ID, rel(m.File), m.Line, m.Kind, m.Desc)
	}
	return s, nil
}

// mutatedLine returns the line of the mutant before and after the change.
func mutatedLine(m mutant) (string, string, error) {
	src, err := os.ReadFile(m.File)
	if err != nil {
		return "", "", err
	}
	start := bytes.LastIndexByte(src[:m.Start], '\n') + 1
	end := m.End + bytes.IndexByte(src[m.End:], '\n')
	if end < m.End {
		end = len(src)
	}
	before := string(src[start:end])
	after := string(src[start:m.Start]) + m.Repl + string(src[m.End:end])
	return strings.TrimSpace(before), strings.TrimSpace(after), nil
}

// writeOverlay writes the mutated file and the go build overlay that substitutes it.
func writeOverlay(tmp string, m mutant) (string, error) {
	src, err := os.ReadFile(m.File)
	if err != nil {
		return "", err
	}
	mutated := append(append(append([]byte{}, src[:m.Start]...), m.Repl...), src[m.End:]...)
	file := filepath.Join(tmp, "mutant.go")
	if err := os.WriteFile(file, mutated, 0o644); err != nil {
		return "", err
	}
	data, _ := json.Marshal(map[string]map[string]string{"Replace": {m.File: file}})
	overlay := filepath.Join(tmp, "overlay.json")
	return overlay, os.WriteFile(overlay, data, 0o644)
}

// goTest runs the package's tests (with the overlay, when set) and classifies the
// result: survived (they pass), killed, timeout, or not-viable (the build fails).
func goTest(ctx context.Context, pkg, overlay string, o options) (string, string) {
	args := []string{"test", "-count=1", "-failfast", "-vet=off", "-timeout=" + o.timeout.String()}
	if overlay != "" {
		args = append(args, "-overlay="+overlay)
	}
	if o.run != "" {
		args = append(args, "-run="+o.run)
	}
	if o.skip != "" {
		args = append(args, "-skip="+o.skip)
	}
	args = append(args, pkg)
	ctx, cancel := context.WithTimeout(ctx, o.timeout+2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	ownGroup(cmd)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	out := buf.String()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return "survived", out
	case strings.Contains(out, "[build failed]") || strings.Contains(out, "[setup failed]"):
		return "not-viable", out
	case strings.Contains(out, "test timed out") || ctx.Err() != nil:
		return "timeout", out
	case errors.As(err, &exit):
		return "killed", out
	}
	return "not-viable", out + err.Error()
}

// rel shortens an absolute path to one relative to the working directory.
func rel(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil {
		return r
	}
	return p
}
