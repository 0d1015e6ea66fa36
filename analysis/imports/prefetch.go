package imports

import (
	"context"
	"sync"

	"github.com/pyward/pyward/analysis"
)

// Prefetch parses the modules that f's import statements take names from, on up to
// workers goroutines, so that the check of f and the requests on it find them parsed:
// the first diagnostics of a file wait for its imports parsed in parallel, not one
// after another. The Index parses each module once, however many ask at the same time.
// It returns when every module is parsed or ctx is done; a module that cannot be
// resolved or parsed is skipped.
func Prefetch(ctx context.Context, ix *analysis.Index, f *analysis.File, workers int) {
	if ix == nil || f == nil || f.Module == nil || len(f.Module.Imports) == 0 {
		return
	}
	jobs := make(chan *analysis.Import)
	var wg sync.WaitGroup
	for w := 0; w < max(1, min(workers, len(f.Module.Imports))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for imp := range jobs {
				prefetchOne(ix, f, imp)
			}
		}()
	}
	for _, imp := range f.Module.Imports {
		if imp.Future {
			continue
		}
		select {
		case jobs <- imp:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
}

// prefetchOne parses the module of imp; a panic (hostile input) only skips it: the
// check that needs the module meets the same input and reports it.
func prefetchOne(ix *analysis.Index, f *analysis.File, imp *analysis.Import) {
	defer func() { _ = recover() }()
	ModuleOf(ix, f, imp)
}
