package server

import (
	"strings"

	"github.com/pyward/pyward/pathing"
	"github.com/pyward/pyward/pathing/exclude"
)

// excluded reports whether the file at path lies in a workspace folder and matches
// the exclude settings (the defaults, exclude, extend-exclude) relative to that folder;
// its diagnostics are then not published, as `pyward check` would not check it. A file
// outside every workspace folder is never excluded: the user opened it on purpose.
func (ss *session) excluded(path string) bool {
	if path == "" {
		return false
	}
	ss.mu.RLock()
	folders := ss.folders
	globs := ss.settings.Excludes()
	ss.mu.RUnlock()
	root := ""
	for _, f := range folders {
		prefix := strings.TrimSuffix(f, pathing.Host.Sep()) + pathing.Host.Sep()
		if strings.HasPrefix(path, prefix) && len(f) > len(root) {
			root = f
		}
	}
	if root == "" {
		return false
	}
	m, err := exclude.New(root, globs)
	return err == nil && m.Excluded(path)
}
