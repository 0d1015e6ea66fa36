package imports

import "github.com/pyward/pyward/analysis"

// index is the workspace index as import resolution reads it: the resolution
// methods of this package hang on it.
type index struct{ *analysis.Index }
