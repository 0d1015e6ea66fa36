#!/usr/bin/env bash
# Parses every editor recipe in the READMEs: editors/test/check-recipes.sh
exec timeout 300 python3 "$(dirname "$0")/check-recipes.py" "$@"
