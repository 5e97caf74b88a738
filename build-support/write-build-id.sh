#!/bin/sh
# Usage: write-build-id.sh LIBDIR BINDIR  -> prints the install's build id.
# The front end sends LIBDIR/build-id in HELLO and the planner compares it with the one it read at
# start-up (docs/planner-protocol.md): a planner started from other jars, another helper or
# another front end must never take a call. So the id covers exactly those, as installed: the
# sha256 of the jars (in C-locale glob order), jrunc-init and the front end, one after another.
lib=$1; bin=$2
export LC_ALL=C
for j in "$lib"/*.jar; do [ -f "$j" ] || { echo "write-build-id: no jars in $lib" >&2; exit 1; }; done
cat "$lib"/*.jar "$lib/jrunc-init" "$bin/jrunc" | sha256sum | cut -d' ' -f1
