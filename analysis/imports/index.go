package imports

import "github.com/pyward/pyward/analysis"

// index is the workspace index as import resolution reads it: the resolution
// methods of this package hang on it.
type index struct {
	*analysis.Index
	// lazy: targets are not parsed (Target.File and Binding stay nil; Name says
	// which binding), for callers that read the module's summary or parse it later.
	lazy bool
}
