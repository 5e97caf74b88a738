#!/bin/sh
# Usage: install-test.sh   (run by `make test`, or by hand from anywhere)
# Installs into a scratch PREFIX, checks the install works (front end, JVM launcher, build id, a
# planner, musl helper, man pages, bash completion), then uninstalls and fails if anything but empty folders is left: `make uninstall`
# must remove everything `make install` put down.
set -e
make=make
cd "$(dirname "$0")/.."
prefix=$(mktemp -d /tmp/jrunc-install-test.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
# The outer make's flags (its PREFIX among them) must not reach these runs.
unset MAKEFLAGS MFLAGS MAKELEVEL
fail() { echo "install-test: $*" >&2; exit 1; }
$make --no-print-directory install PREFIX="$prefix" >"$prefix.log" 2>&1 || { cat "$prefix.log"; rm -f "$prefix.log"; fail "make install PREFIX=$prefix failed"; }
rm -f "$prefix.log"
lib="$prefix/lib/jrunc"
# The layout of issue 14: bin/jrunc is the static front end, the JVM launcher is lib/jrunc/jrunc-java,
# and build-id is what write-build-id.sh makes of the installed files.
build-support/check-helper.sh "$prefix/bin/jrunc"
build-support/check-helper.sh "$lib/jrunc-init"
[ -x "$lib/jrunc-java" ] || fail "no JVM launcher $lib/jrunc-java"
grep -q 'io.jrunc.cli.planner.PlannerMain' "$lib/jrunc-java" || fail "$lib/jrunc-java has no --planner mode"
id=$(cat "$lib/build-id") || fail "no $lib/build-id"
[ "$id" = "$(build-support/write-build-id.sh "$lib" "$prefix/bin")" ] || fail "$lib/build-id is not the sha256 of the installed jars, jrunc-init and front end"
JRUNC_PLANNER=off "$prefix/bin/jrunc" --version | grep -q '^commit: ' || fail "jrunc --version (cold path) prints no commit line"
"$lib/jrunc-java" --version | grep -q '^commit: ' || fail "jrunc-java --version prints no commit line"
# With the planner on (as root: the socket directory is /run/jrunc-planner), the first call starts
# this install's planner, which must serve the next one; it exits after 3 s of idling, before
# the uninstall below removes its jars.
if [ "$(id -u)" = 0 ]; then
  printf 'planner-idle-seconds = 3\n' > "$prefix/config"
  JRUNC_CONFIG="$prefix/config" JRUNC_PLANNER=on "$prefix/bin/jrunc" --version | grep -q '^commit: ' || fail "jrunc --version prints no commit line"
  # This install's planner log: written since the config file, by a planner running this LIBDIR.
  ours() {
    for f in $(find /run/jrunc-planner -name 'planner-*.log' -newer "$prefix/config" 2>/dev/null); do
      pid=$(sed -n 's/.*msg="planner \([0-9]*\) serves .*/\1/p' "$f" | tail -1)
      [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "PlannerMain .* $lib\$\|PlannerMain .* $lib " && { echo "$f"; return; }
    done
  }
  log=
  for _ in $(seq 100); do
    log=$(ours)
    [ -n "$log" ] && break
    sleep 0.1
  done
  [ -n "$log" ] || fail "the first call started no planner for build $id"
  JRUNC_CONFIG="$prefix/config" JRUNC_PLANNER=on "$prefix/bin/jrunc" --version | grep -q '^commit: ' || fail "jrunc --version through the planner prints no commit line"
  for _ in $(seq 150); do grep -q 'idle for 3 s' "$log" && break; sleep 0.1; done
  grep -q 'idle for 3 s after 1 calls' "$log" || fail "the planner ($log) did not serve the second call, then exit after its idle time: $(cat "$log")"
  rm -f "$log" "$log.1" "${log%.log}.lock"
  rm -f "$prefix/config"
fi
for page in jrunc jrunc-create jrunc-features; do
  [ -s "$prefix/share/man/man8/$page.8" ] || fail "no man page $page(8)"
done
MANPATH="$prefix/share/man" man -P cat jrunc-create 2>/dev/null | grep -q 'jrunc-create' || fail "man jrunc-create does not show the page"
bash -n "$prefix/share/bash-completion/completions/jrunc" || fail "the completion script is not valid bash"
echo "install-test: installed $(find "$prefix" ! -type d | wc -l) files under $prefix"
$make --no-print-directory uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" ! -type d)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "install-test: make uninstall removed everything make install put down"
