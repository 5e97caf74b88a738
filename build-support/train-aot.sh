#!/bin/sh
# Usage: train-aot.sh JDK_HOME LIBDIR
# Makes the JDK's AOT caches from training runs of io.jrunc.cli.AotTraining against a throwaway
# busybox bundle (it must run as root: it creates containers). Without busybox or root, jrunc
# simply runs without a cache.
#   LIBDIR/jrunc.aot        every command (spec, events, update, ps, ...)
#   LIBDIR/jrunc-create.aot create, run and exec --process only, with and without a seccomp filter
#   LIBDIR/jrunc-light.aot  only the hot commands on an existing container (state, start, kill,
#                           delete): a JDK 25 AOT cache loads all it holds at start-up, and these
#                           never need Jackson, picocli or the plan compiler (docs/performance.md)
jdk=$1; lib=$2
rm -f "$lib/jrunc.aot" "$lib/jrunc-light.aot" "$lib/jrunc-create.aot"
busybox=$(command -v busybox) || { echo "train-aot: no busybox, jrunc runs without an AOT cache"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "train-aot: not root, jrunc runs without an AOT cache"; exit 0; }
work=$(mktemp -d /tmp/jrunc-aot.XXXXXX)
flags=$(cat "$(dirname "$0")/jvm-flags")
cp=""
for j in "$lib"/*.jar; do cp="${cp:+$cp:}$j"; done
run() { "$jdk/bin/java" $flags -Djrunc.init="$lib/jrunc-init" -cp "$cp" "$@"; }
cleanup() {
  for id in aot-training aot-training-run aot-light aot-create aot-create-seccomp aot-create-run aot-create-detached; do
    run io.jrunc.cli.Main --root "$work/root" delete --force "$id" >/dev/null 2>&1
  done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/bundle/rootfs/bin" "$work/root"
cp "$busybox" "$work/bundle/rootfs/bin/busybox"
ln -s busybox "$work/bundle/rootfs/bin/sh"
ln -s busybox "$work/bundle/rootfs/bin/true"
ln -s busybox "$work/bundle/rootfs/bin/sleep"
run io.jrunc.cli.Main spec --bundle "$work/bundle"
sed -i 's/"terminal": true/"terminal": false/; s/^\(\t*\)"sh"$/\1"\/bin\/true"/' "$work/bundle/config.json"
# The light training's container sleeps, so start, kill and delete meet a running process.
mkdir -p "$work/light"
sed -e 's|"/bin/true"|"/bin/sleep", "100"|' -e "s|\"path\": \"rootfs\"|\"path\": \"$work/bundle/rootfs\"|" \
  "$work/bundle/config.json" > "$work/light/config.json"
run -XX:AOTCacheOutput="$lib/jrunc.aot" io.jrunc.cli.AotTraining full "$work/bundle" "$work/root" >/dev/null 2>&1 ||
  echo "train-aot: the training run failed; jrunc runs without an AOT cache"
# Engines send far more than `jrunc spec` writes: the second create training bundle is a config
# Docker generated here (aot-training/docker-config.json: its seccomp profile, device rules, masked
# paths, sysctls, a prestart hook, now /bin/true), so that none of that code runs from the jars.
mkdir -p "$work/seccomp"
sed "s|\"ROOTFS\"|\"$work/bundle/rootfs\"|" "$(dirname "$0")/aot-training/docker-config.json" > "$work/seccomp/config.json"
run -XX:AOTCacheOutput="$lib/jrunc-create.aot" io.jrunc.cli.AotTraining create "$work/bundle" "$work/seccomp" "$work/root" >/dev/null 2>&1 ||
  echo "train-aot: the create training run failed; create and run use the full cache"
# The light training acts on a container made by another JVM, so nothing of `create` is in it.
run io.jrunc.cli.Main --root "$work/root" create --bundle "$work/light" aot-light >/dev/null 2>&1 &&
  run -XX:AOTCacheOutput="$lib/jrunc-light.aot" io.jrunc.cli.AotTraining light "$work/root" aot-light >/dev/null 2>&1 ||
  echo "train-aot: the light training run failed; state/start/kill/delete use the full cache"
for f in jrunc.aot jrunc-create.aot jrunc-light.aot; do
  [ -r "$lib/$f" ] && echo "train-aot: $(du -h "$lib/$f" | cut -f1) AOT cache at $lib/$f"
done
exit 0
