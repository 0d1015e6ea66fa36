#!/bin/sh
# What CI runs for speed and robustness (issue 9), each step well under a minute:
# the end-to-end tests of the binary, the soak and hostile-input tests, every fuzz
# target for a short fixed time (their seed corpora run in plain `go test` too), and a
# smoke run of the side-by-side benchmark. Timing numbers are printed, never judged.
set -eu
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-5s}

go test ./cmd/pyward -run 'TestServe|TestCheck|TestVersion|TestSoakBinary' -count=1
go test ./cmd/pyward-bench/... -count=1
go test ./server -run 'TestSoak|TestHostile' -count=1
PYWARD_SOAK=200 go test -race ./server -run 'TestSoak' -count=1

for target in \
	"./analysis/syntax FuzzIncrementalEdits" \
	"./analysis/syntax FuzzParse" \
	"./analysis FuzzAnalyze" \
	"./analysis FuzzLineIndex" \
	"./server FuzzJSONRPCFrame" \
	"./server FuzzStream" \
	"./server FuzzDidChange" \
	"./server FuzzFeatures" \
	"./pathing FuzzResolve" \
	"./pathing FuzzRelpath"; do
	set -- $target
	echo "fuzz $1 $2 for $FUZZTIME"
	go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$FUZZTIME" -parallel 2
done

go run ./cmd/pyward-bench --smoke
