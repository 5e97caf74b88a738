#!/bin/sh
# Usage: check-helper.sh FILE   (jrunc-init, and the front end, which is built the same way)
# Fails unless FILE is the helper as jrunc ships it: a static executable linked with musl. A static
# glibc build also runs, but it is ~700 kB instead of ~100 kB and its RSS sits in every created
# container (docs/performance.md), so a glibc build must never be installed by accident.
# The marks checked, with readelf (binutils, which gcc brings):
#   static: no INTERP (dynamic loader) and no DYNAMIC program header;
#   not glibc: no .note.ABI-tag section (glibc's crt1.o adds it: `file` prints "for GNU/Linux 3.2.0"
#   from it; musl has none) and none of glibc's strings ("GLIBC", "GNU C Library").
f=$1
fail() { echo "check-helper: $f $1" >&2; exit 1; }
[ -x "$f" ] || fail "is missing or not executable"
command -v readelf >/dev/null 2>&1 || fail "cannot be checked: readelf (binutils) is not installed"
headers=$(readelf -lW "$f" 2>&1) || fail "is not an ELF executable: $headers"
case $headers in *INTERP*|*DYNAMIC*) fail "is dynamically linked: the helper must be static (musl-gcc -static)" ;; esac
readelf -SW "$f" | grep -q 'ABI-tag' && fail "is linked with glibc (it has glibc's .note.ABI-tag): build it with musl-gcc"
grep -aq 'GLIBC\|GNU C Library' "$f" && fail "is linked with glibc (it holds glibc's strings): build it with musl-gcc"
exit 0
