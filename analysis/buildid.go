package analysis

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"
)

// summaryVersion names this build of pyward for the summary cache's keys: the module
// version and VCS revision recorded in the binary, and the binary's size and
// modification time (a build from a modified tree records the same revision).
var summaryVersion = sync.OnceValue(func() string {
	v := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		v = bi.GoVersion + " " + bi.Main.Path + "@" + bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision", "vcs.modified", "vcs.time":
				v += " " + s.Key + "=" + s.Value
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			v += fmt.Sprintf(" %s %d %d", exe, st.Size(), st.ModTime().UnixNano())
		}
	}
	return v
})
