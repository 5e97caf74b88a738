#!/bin/sh
# Usage: install-test.sh   (run by `make test`, or by hand from anywhere)
# Installs into a scratch PREFIX, checks the install works (launcher, musl helper, man pages, bash
# completion), then uninstalls and fails if anything but empty folders is left: `make uninstall`
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
# The cold path (the launcher and the jars): with the planner on, this one call would leave a planner JVM of the
# scratch install running for its idle time after the prefix is gone. The planner is the integration suite's.
JRUNC_PLANNER=off "$prefix/bin/jrunc" --version | grep -q '^commit: ' || fail "jrunc --version prints no commit line"
build-support/check-helper.sh "$prefix/lib/jrunc/jrunc-init"
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
