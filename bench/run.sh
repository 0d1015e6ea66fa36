#!/bin/sh
# Reproduce bench/results.md and bench/results.svg: pyward side by side with pyright and
# pylsp (each measured only when installed: `npm install -g pyright`,
# `apt-get install python3-pylsp`) over the standard library of python3 on PATH.
# Run from anywhere; takes about 10-15 minutes, mostly waiting for pyright.
set -eu
cd "$(dirname "$0")/.."
exec go run ./cmd/pyward-bench --out bench "$@"
