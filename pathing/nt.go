package pathing

import (
	"strings"
	"unicode/utf8"
)

// This file ports CPython 3.11's Lib/ntpath.py (str paths only), as it runs
// on a POSIX host: pure-Python normpath, and abspath falling back to
// join(cwd, path). Where CPython indexes code points, runes are used.

// ntCwd is the working directory ntpath.abspath assumes here (see Relpath).
const ntCwd = "/"

const ntSeps = `\/`

func isNTSep(c byte) bool { return c == '\\' || c == '/' }

func ntNormcase(s string) string {
	return pyLower(strings.ReplaceAll(s, "/", `\`))
}

// firstRuneLen is the byte length of s's first code point (1 for a byte
// that is not valid UTF-8, as CPython would see one surrogate escape).
func firstRuneLen(s string) int {
	_, n := utf8.DecodeRuneInString(s)
	return n
}

func ntIsAbs(s string) bool {
	if s == "" {
		return false
	}
	if isNTSep(s[0]) {
		return true
	}
	n := firstRuneLen(s)
	return len(s) >= n+2 && s[n] == ':' && isNTSep(s[n+1])
}

func ntSplitdrive(p string) (string, string) {
	if len(p) < 2 || (len(p) <= 4 && utf8.RuneCountInString(p) < 2) {
		return "", p
	}
	if isNTSep(p[0]) && isNTSep(p[1]) {
		// UNC drives, e.g. \\server\share or \\?\UNC\server\share;
		// device drives, e.g. \\.\device or \\?\device.
		start := 2
		if len(p) >= 8 && p[2] == '?' && isNTSep(p[3]) && strings.EqualFold(p[4:7], "UNC") && isNTSep(p[7]) {
			start = 8
		}
		index := indexNTSep(p, start)
		if index < 0 {
			return p, ""
		}
		index2 := indexNTSep(p, index+1)
		if index2 < 0 {
			return p, ""
		}
		return p[:index2], p[index2:]
	}
	n := firstRuneLen(p)
	if len(p) > n && p[n] == ':' {
		return p[:n+1], p[n+1:]
	}
	return "", p
}

// indexNTSep is the index of the first separator in p at or after start, or -1.
func indexNTSep(p string, start int) int {
	for i := start; i < len(p); i++ {
		if isNTSep(p[i]) {
			return i
		}
	}
	return -1
}

func ntJoin(path string, paths []string) string {
	resultDrive, resultPath := ntSplitdrive(path)
	for _, p := range paths {
		pDrive, pPath := ntSplitdrive(p)
		if pPath != "" && isNTSep(pPath[0]) {
			if pDrive != "" || resultDrive == "" {
				resultDrive = pDrive
			}
			resultPath = pPath
			continue
		} else if pDrive != "" && pDrive != resultDrive {
			if pyLower(pDrive) != pyLower(resultDrive) {
				resultDrive = pDrive
				resultPath = pPath
				continue
			}
			resultDrive = pDrive
		}
		if resultPath != "" && !isNTSep(resultPath[len(resultPath)-1]) {
			resultPath += `\`
		}
		resultPath += pPath
	}
	if resultPath != "" && !isNTSep(resultPath[0]) && resultDrive != "" && resultDrive[len(resultDrive)-1] != ':' {
		return resultDrive + `\` + resultPath
	}
	return resultDrive + resultPath
}

func ntSplit(p string) (string, string) {
	d, p := ntSplitdrive(p)
	i := len(p)
	for i > 0 && !isNTSep(p[i-1]) {
		i--
	}
	head, tail := p[:i], p[i:]
	if h := strings.TrimRight(head, ntSeps); h != "" {
		head = h
	}
	return d + head, tail
}

func ntNormpath(path string) string {
	path = strings.ReplaceAll(path, "/", `\`)
	prefix, path := ntSplitdrive(path)
	if strings.HasPrefix(path, `\`) {
		prefix += `\`
		path = strings.TrimLeft(path, `\`)
	}
	comps := strings.Split(path, `\`)
	rooted := strings.HasSuffix(prefix, `\`)
	out := comps[:0]
	for _, c := range comps {
		switch {
		case c == "" || c == ".":
		case c == "..":
			if len(out) > 0 && out[len(out)-1] != ".." {
				out = out[:len(out)-1]
			} else if len(out) == 0 && rooted {
				// ".." directly under a root is dropped.
			} else {
				out = append(out, c)
			}
		default:
			out = append(out, c)
		}
	}
	if prefix == "" && len(out) == 0 {
		return "."
	}
	return prefix + strings.Join(out, `\`)
}

func ntAbspath(p string) string {
	if !ntIsAbs(p) {
		p = ntJoin(ntCwd, []string{p})
	}
	return ntNormpath(p)
}

func ntRelpath(path, start string) (string, error) {
	if path == "" {
		return "", valueError("ntpath.relpath", "no path specified")
	}
	startAbs := ntAbspath(ntNormpath(start))
	pathAbs := ntAbspath(ntNormpath(path))
	startDrive, startRest := ntSplitdrive(startAbs)
	pathDrive, pathRest := ntSplitdrive(pathAbs)
	if ntNormcase(startDrive) != ntNormcase(pathDrive) {
		return "", valueError("ntpath.relpath", "path is on mount "+pyRepr(pathDrive)+", start on mount "+pyRepr(startDrive))
	}
	startList := nonEmptyParts(startRest, '\\')
	pathList := nonEmptyParts(pathRest, '\\')
	i := 0
	for i < len(startList) && i < len(pathList) && ntNormcase(startList[i]) == ntNormcase(pathList[i]) {
		i++
	}
	rel := make([]string, 0, len(startList)-i+len(pathList)-i)
	for k := i; k < len(startList); k++ {
		rel = append(rel, "..")
	}
	rel = append(rel, pathList[i:]...)
	if len(rel) == 0 {
		return ".", nil
	}
	return ntJoin(rel[0], rel[1:]), nil
}

func ntCommonpath(paths []string) (string, error) {
	if len(paths) == 0 {
		return "", valueError("ntpath.commonpath", "commonpath() arg is an empty sequence")
	}
	drives := make([]string, len(paths))
	split := make([][]string, len(paths))
	var isabs bool
	for i, p := range paths {
		d, rest := ntSplitdrive(pyLower(strings.ReplaceAll(p, "/", `\`)))
		drives[i] = d
		abs := strings.HasPrefix(rest, `\`)
		if i == 0 {
			isabs = abs
		} else if abs != isabs {
			return "", valueError("ntpath.commonpath", "Can't mix absolute and relative paths")
		}
		split[i] = partsNoDot(rest, '\\')
	}
	for _, d := range drives[1:] {
		if d != drives[0] {
			return "", valueError("ntpath.commonpath", "Paths don't have the same drive")
		}
	}
	drive, path := ntSplitdrive(strings.ReplaceAll(paths[0], "/", `\`))
	common := partsNoDot(path, '\\')
	s1, s2 := minMaxLists(split)
	n := len(s1)
	for i, c := range s1 {
		if c != s2[i] {
			n = i
			break
		}
	}
	if n < len(common) {
		common = common[:n]
	}
	prefix := drive
	if isabs {
		prefix += `\`
	}
	return prefix + strings.Join(common, `\`), nil
}
