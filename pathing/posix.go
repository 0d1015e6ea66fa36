package pathing

import "strings"

// This file ports CPython 3.11's Lib/posixpath.py (str paths only).

// posixCwd is the working directory posixpath.abspath assumes here.
const posixCwd = "/"

func posixIsAbs(p string) bool { return strings.HasPrefix(p, "/") }

func posixJoin(a string, p []string) string {
	path := a
	for _, b := range p {
		switch {
		case strings.HasPrefix(b, "/"):
			path = b
		case path == "" || strings.HasSuffix(path, "/"):
			path += b
		default:
			path += "/" + b
		}
	}
	return path
}

func posixSplit(p string) (string, string) {
	i := strings.LastIndexByte(p, '/') + 1
	head, tail := p[:i], p[i:]
	if head != "" && strings.Trim(head, "/") != "" {
		head = strings.TrimRight(head, "/")
	}
	return head, tail
}

func posixBasename(p string) string {
	return p[strings.LastIndexByte(p, '/')+1:]
}

func posixDirname(p string) string {
	h, _ := posixSplit(p)
	return h
}

func posixNormpath(path string) string {
	if posixIsNormal(path) {
		return path // most paths the resolver's caches see: no allocation
	}
	return posixNormpathSlow(path)
}

// posixIsNormal reports whether posixNormpath leaves path as it is, for the common
// case: not empty, no empty, "." or ".." component (no "//" anywhere, no trailing
// separator except for "/" itself). Paths it rejects may be normal too; they take
// the full computation.
func posixIsNormal(path string) bool {
	n := len(path)
	switch {
	case n == 0:
		return false
	case path == "/":
		return true
	case path[n-1] == '/':
		return false
	}
	start := 0
	if path[0] == '/' {
		start = 1
	}
	for {
		end := n
		if j := strings.IndexByte(path[start:], '/'); j >= 0 {
			end = start + j
		}
		switch end - start {
		case 0:
			return false
		case 1:
			if path[start] == '.' {
				return false
			}
		case 2:
			if path[start] == '.' && path[start+1] == '.' {
				return false
			}
		}
		if end == n {
			return true
		}
		start = end + 1
	}
}

// posixNormpathSlow is posixpath.normpath.
func posixNormpathSlow(path string) string {
	if path == "" {
		return "."
	}
	initial := 0
	if strings.HasPrefix(path, "/") {
		initial = 1
		if strings.HasPrefix(path, "//") && !strings.HasPrefix(path, "///") {
			initial = 2
		}
	}
	comps := make([]string, 0, 8)
	rest := path
	for {
		i := strings.IndexByte(rest, '/')
		comp := rest
		if i >= 0 {
			comp = rest[:i]
		}
		switch {
		case comp == "" || comp == ".":
		case comp != ".." || (initial == 0 && len(comps) == 0) || (len(comps) > 0 && comps[len(comps)-1] == ".."):
			comps = append(comps, comp)
		case len(comps) > 0:
			comps = comps[:len(comps)-1]
		}
		if i < 0 {
			break
		}
		rest = rest[i+1:]
	}
	out := strings.Repeat("/", initial) + strings.Join(comps, "/")
	if out == "" {
		return "."
	}
	return out
}

func posixAbspath(p string) string {
	if !posixIsAbs(p) {
		p = posixJoin(posixCwd, []string{p})
	}
	return posixNormpath(p)
}

func posixRelpath(path, start string) (string, error) {
	if path == "" {
		return "", valueError("posixpath.relpath", "no path specified")
	}
	startList := nonEmptyParts(posixAbspath(start), '/')
	pathList := nonEmptyParts(posixAbspath(path), '/')
	i := commonPrefixLen(startList, pathList)
	rel := make([]string, 0, len(startList)-i+len(pathList)-i)
	for k := i; k < len(startList); k++ {
		rel = append(rel, "..")
	}
	rel = append(rel, pathList[i:]...)
	if len(rel) == 0 {
		return ".", nil
	}
	return posixJoin(rel[0], rel[1:]), nil
}

func posixCommonpath(paths []string) (string, error) {
	if len(paths) == 0 {
		return "", valueError("posixpath.commonpath", "commonpath() arg is an empty sequence")
	}
	isabs := strings.HasPrefix(paths[0], "/")
	for _, p := range paths[1:] {
		if strings.HasPrefix(p, "/") != isabs {
			return "", valueError("posixpath.commonpath", "Can't mix absolute and relative paths")
		}
	}
	split := make([][]string, len(paths))
	for i, p := range paths {
		split[i] = partsNoDot(p, '/')
	}
	s1, s2 := minMaxLists(split)
	common := s1
	for i, c := range s1 {
		if c != s2[i] {
			common = s1[:i]
			break
		}
	}
	prefix := ""
	if isabs {
		prefix = "/"
	}
	return prefix + strings.Join(common, "/"), nil
}
