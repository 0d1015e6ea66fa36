#!/bin/bash
# Alternate pyward binaries on the keystroke benchmark (one character typed into and
# deleted from _pydecimal.py, 200 times a run) and print each binary's p50s and their
# median: on a shared or noisy machine, only binaries measured side by side compare.
#
#   bench/compare.sh ROUNDS NAME=BINARY [NAME=BINARY ...]
#   e.g. bench/compare.sh 6 before=/tmp/pyward-old after=/tmp/pyward-new
set -eu
cd "$(dirname "$0")/.."
rounds=$1
shift
bench=$(mktemp -d)/pyward-bench
go build -o "$bench" ./cmd/pyward-bench
declare -A p50s
for _ in $(seq "$rounds"); do
	for spec in "$@"; do
		name=${spec%%=*}
		bin=${spec#*=}
		p=$("$bench" --pyward "$bin" --servers pyward --cold 1 --defs 1 --hovers 1 --memory 1 --memory-first 1 \
			--check 0 --check-asyncio 0 --rename 0 --edits 200 2>&1 | grep '^| 1-char edit' | cut -d'|' -f4 | tr -d ' ms')
		p50s[$name]="${p50s[$name]:-} $p"
	done
done
for spec in "$@"; do
	name=${spec%%=*}
	sorted=$(echo ${p50s[$name]} | tr ' ' '\n' | sort -n)
	echo "$name: p50s (ms) $(echo $sorted | tr '\n' ' ')  median $(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
done
