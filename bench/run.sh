#!/bin/sh
# Reproduce bench/results.md and bench/results.svg: pyward side by side with pyright and
# pylsp (each measured only when installed: `npm install -g pyright`,
# `apt-get install python3-pylsp`) over the standard library of python3 on PATH.
# Run from anywhere; takes about 15-20 minutes, mostly waiting for pyright. The rows of
# issue 14's table alone: bench/run.sh --rows issue14
set -eu
cd "$(dirname "$0")/.."
# pyright is the reference of issue 14's table: install the version it was measured
# with when it is missing (npm is the ordinary client of its registry).
if ! command -v pyright-langserver >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	npm install -g pyright@1.1.414 || echo "run.sh: could not install pyright; measuring without it" >&2
fi
exec go run ./cmd/pyward-bench --out bench "$@"
