#!/bin/bash
# make bench: the same scenario with jrunc and runc, alternating A/B, medians and the ratio.
# Usage: bench.sh JRUNC_BINARY [RUNS]
set -euo pipefail
jrunc=$1; runs=${2:-20}
runc=$(PATH="$PATH:/usr/sbin:/sbin" command -v runc)
work=$(mktemp -d /tmp/jrunc-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

bundle=$work/bundle
mkdir -p "$bundle/rootfs/bin"
cp "$(command -v busybox)" "$bundle/rootfs/bin/busybox"
for a in sh true; do ln -s busybox "$bundle/rootfs/bin/$a"; done
(cd "$bundle" && "$runc" spec)
jq '.process.terminal=false | .process.args=["/bin/true"]' "$bundle/config.json" > "$work/c.json"
mv "$work/c.json" "$bundle/config.json"

now() { date +%s%N; }
# time_ms RUNTIME ROOT ID: one `run` in milliseconds
time_run() {
  local t0 t1
  t0=$(now)
  "$1" --root "$2" run --bundle "$bundle" "$3" >/dev/null
  t1=$(now)
  echo $(( (t1 - t0) / 1000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'; }

: > "$work/j"; : > "$work/r"
for i in $(seq 1 "$runs"); do
  time_run "$jrunc" "$work/jroot" "b$i" >> "$work/j"
  time_run "$runc" "$work/rroot" "b$i" >> "$work/r"
done
j=$(median < "$work/j"); r=$(median < "$work/r")
printf '%-32s %10s %10s %8s\n' scenario "jrunc ms" "runc ms" ratio
printf '%-32s %10s %10s %8s\n' "run /bin/true (median of $runs)" "$j" "$r" "$(awk -v a="$j" -v b="$r" 'BEGIN{printf "%.2fx", a/b}')"
