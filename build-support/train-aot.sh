#!/bin/sh
# Usage: train-aot.sh JDK_HOME LIBDIR
# Makes LIBDIR/jrunc.aot, the JDK's AOT cache, from one run of io.jrunc.cli.AotTraining, which
# drives every hot command against a throwaway busybox bundle (it must run as root: it creates
# containers). Without busybox or root, jrunc simply runs without a cache.
jdk=$1; lib=$2
rm -f "$lib/jrunc.aot"
busybox=$(command -v busybox) || { echo "train-aot: no busybox, jrunc runs without an AOT cache"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "train-aot: not root, jrunc runs without an AOT cache"; exit 0; }
work=$(mktemp -d /tmp/jrunc-aot.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bundle/rootfs/bin" "$work/root"
cp "$busybox" "$work/bundle/rootfs/bin/busybox"
ln -s busybox "$work/bundle/rootfs/bin/sh"
ln -s busybox "$work/bundle/rootfs/bin/true"
flags=$(cat "$(dirname "$0")/jvm-flags")
cp=""
for j in "$lib"/*.jar; do cp="${cp:+$cp:}$j"; done
run() { "$jdk/bin/java" $flags -Djrunc.init="$lib/jrunc-init" -cp "$cp" "$@"; }
run io.jrunc.cli.Main spec --bundle "$work/bundle"
sed -i 's/"terminal": true/"terminal": false/; s/^\(\t*\)"sh"$/\1"\/bin\/true"/' "$work/bundle/config.json"
run -XX:AOTCacheOutput="$lib/jrunc.aot" io.jrunc.cli.AotTraining "$work/bundle" "$work/root" >/dev/null 2>&1 ||
  echo "train-aot: the training run failed; jrunc runs without an AOT cache"
[ -r "$lib/jrunc.aot" ] && echo "train-aot: $(du -h "$lib/jrunc.aot" | cut -f1) AOT cache at $lib/jrunc.aot"
exit 0
