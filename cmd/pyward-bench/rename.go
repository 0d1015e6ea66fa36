package main

// The willRenameFiles measurement (issue 17): the generated workspace of
// pygen.LayeredWorkspace (2,000 modules in 20 packages of 100). pyward is asked,
// repeatedly and without applying the edit, how to (1) rename one module imported by
// many others and (2) move one package folder of 100 modules under another package.
// Only the request is timed; the first (cold) request is reported apart.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pyward/pyward/internal/pygen"
	"github.com/pyward/pyward/pathing"
)

// renameResult is what measureRename reports.
type renameResult struct {
	Files                  int
	SingleCold, FolderCold time.Duration
	Single, Folder         []time.Duration
	SingleEdits            int // documents the single-file edit changes
	FolderEdits            int
	// SingleCPU and FolderCPU are the server's CPU time (user and system, from
	// /proc/<pid>/stat) over the timed requests of each kind; 0 where unknown.
	SingleCPU, FolderCPU time.Duration
}

// measureRename times n willRenameFiles requests of each kind against pyward.
func measureRename(spec serverSpec, n int) (*renameResult, error) {
	root, err := os.MkdirTemp("", "pyward-bench-rename-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(root)
	if err := pygen.LayeredWorkspace(root); err != nil {
		return nil, err
	}
	s, err := startSession(spec, root)
	if err != nil {
		return nil, err
	}
	defer s.stop()
	res := &renameResult{Files: pygen.LayeredPackages * (pygen.LayeredModules + 1)}
	var cpu time.Duration // of the last request
	ask := func(oldPath, newPath string) (time.Duration, int, error) {
		params := map[string]any{"files": []map[string]string{{"oldUri": pathing.PathToURI(oldPath), "newUri": pathing.PathToURI(newPath)}}}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cpu0, _ := processCPU(s.c.Pid())
		start := time.Now()
		raw, err := s.c.CallRaw(ctx, "workspace/willRenameFiles", params)
		d := time.Since(start)
		if cpu1, err := processCPU(s.c.Pid()); err == nil {
			cpu = cpu1 - cpu0
		}
		if err != nil {
			return d, 0, err
		}
		var edit struct {
			DocumentChanges []json.RawMessage          `json:"documentChanges"`
			Changes         map[string]json.RawMessage `json:"changes"`
		}
		if err := json.Unmarshal(raw, &edit); err != nil || string(raw) == "null" {
			return d, 0, fmt.Errorf("willRenameFiles %s -> %s: no edit (%s)", oldPath, newPath, raw)
		}
		return d, len(edit.DocumentChanges) + len(edit.Changes), nil
	}
	single := [2]string{filepath.Join(root, "pkg03", "mod010.py"), filepath.Join(root, "pkg03", "renamed010.py")}
	folder := [2]string{filepath.Join(root, "pkg05"), filepath.Join(root, "pkg06", "moved05")}
	if res.SingleCold, res.SingleEdits, err = ask(single[0], single[1]); err != nil {
		return nil, err
	}
	if res.FolderCold, res.FolderEdits, err = ask(folder[0], folder[1]); err != nil {
		return nil, err
	}
	for i := 0; i < n; i++ {
		d, _, err := ask(single[0], single[1])
		if err != nil {
			return nil, err
		}
		res.Single = append(res.Single, d)
		res.SingleCPU += cpu
		if d, _, err = ask(folder[0], folder[1]); err != nil {
			return nil, err
		}
		res.Folder = append(res.Folder, d)
		res.FolderCPU += cpu
	}
	return res, nil
}

// quantile returns the q-quantile of ds (nearest rank).
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(q*float64(len(s))+0.5) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(s) {
		i = len(s) - 1
	}
	return s[i]
}

// markdown renders the result as a short table.
func (r *renameResult) markdown() string {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	var b strings.Builder
	fmt.Fprintf(&b, "\n### workspace/willRenameFiles (pyward, %d-file generated workspace, %d requests each)\n\n", r.Files, len(r.Single))
	perRequest := func(total time.Duration) string {
		if total == 0 || len(r.Single) == 0 {
			return "–"
		}
		return ms(total / time.Duration(len(r.Single)))
	}
	b.WriteString("| move | documents edited | first request | p50 | p90 | server CPU per request |\n|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| one module renamed | %d | %s | %s | %s | %s |\n", r.SingleEdits, ms(r.SingleCold), ms(quantile(r.Single, 0.5)), ms(quantile(r.Single, 0.9)), perRequest(r.SingleCPU))
	fmt.Fprintf(&b, "| a folder of %d modules moved | %d | %s | %s | %s | %s |\n", pygen.LayeredModules, r.FolderEdits, ms(r.FolderCold), ms(quantile(r.Folder, 0.5)), ms(quantile(r.Folder, 0.9)), perRequest(r.FolderCPU))
	b.WriteString("\nServer CPU per request: user and system time of the server process (`/proc/<pid>/stat`, clock ticks) over the timed requests of the row, divided by their count: what the request costs, whatever else the machine runs.\n")
	return b.String()
}

// processCPU is the CPU time (user and system) process pid has used, from
// /proc/<pid>/stat (Linux; in clock ticks of 1/100 s, the usual USER_HZ).
func processCPU(pid int) (time.Duration, error) {
	if pid == 0 {
		return 0, fmt.Errorf("no process")
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces: count fields after its ')'.
	rest := string(b)
	if i := strings.LastIndexByte(rest, ')'); i >= 0 {
		rest = rest[i+1:]
	}
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bad /proc/%d/stat", pid)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}
