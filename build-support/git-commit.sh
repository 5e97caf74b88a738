#!/bin/sh
# Prints the commit this tree was built from, for `jrunc --version` ("commit: ..." as runc prints it):
# the full sha, with "-dirty" when tracked files differ from it, or "unknown" outside a git clone
# (a tarball, a copy without .git, or no git installed). Untracked files do not count as dirty.
cd "$(dirname "$0")/.." || { echo unknown; exit 0; }
sha=$(git rev-parse --verify -q HEAD 2>/dev/null) || { echo unknown; exit 0; }
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then sha="$sha-dirty"; fi
echo "$sha"
