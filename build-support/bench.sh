#!/bin/bash
# make bench: jrunc side by side with runc, alternating A/B runs, medians and ratios (issue 6).
# Usage: bench.sh JRUNC_BINARY [DOC]   (DOC: the markdown file to update, default docs/performance.md)
# Environment: RUNS (iterations per timed scenario, default 11), SEQ (the sequential batch, default
# 100), PAR (the parallel batch, default 10), DOCKER_RUNS (default 5), DOCKER=0 to skip Docker.
# Prints the table and writes it into DOC between the bench markers, with the machine and the date.
set -euo pipefail
jrunc=$(readlink -f "$1")
doc=${2:-docs/performance.md}
runs=${RUNS:-11}; seq_n=${SEQ:-100}; par_n=${PAR:-10}; docker_runs=${DOCKER_RUNS:-5}
runc=$(PATH="$PATH:/usr/sbin:/sbin" command -v runc)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/jrunc-bench.XXXXXX)
jroot=$work/jroot; rroot=$work/rroot
dockerd_pid=
docker_tag=jrunc-bench-$$

# Stops our dockerd (TERM: it stops its containers and containerd) and removes what it left.
stop_dockerd() {
  [ -n "$dockerd_pid" ] || return 0
  (
    set +e +o pipefail
    kill "$dockerd_pid" 2>/dev/null
    for _ in $(seq 1 45); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$dockerd_pid" 2>/dev/null
    # whatever dockerd left mounted under its directories, deepest first
    findmnt -rn -o TARGET | grep "^$work/docker/" | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
    for c in /sys/fs/cgroup/*/"$docker_tag" /sys/fs/cgroup/unified/"$docker_tag"; do
      [ -d "$c" ] && find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null
    done
    true
  )
  dockerd_pid=
}
cleanup() {
  set +e
  for id in $(ls "$jroot" 2>/dev/null); do "$jrunc" --root "$jroot" delete --force "$id" >/dev/null 2>&1; done
  for id in $(ls "$rroot" 2>/dev/null); do "$runc" --root "$rroot" delete --force "$id" >/dev/null 2>&1; done
  stop_dockerd
  rm -rf "$work"
}
trap cleanup EXIT

# --- bundles: /bin/true for run/create, sleep for a running container ---------------------------
make_bundle() { # DIR ARGS_JSON
  mkdir -p "$1/rootfs/bin"
  cp "$(command -v busybox)" "$1/rootfs/bin/busybox"
  for a in sh true sleep; do ln -s busybox "$1/rootfs/bin/$a"; done
  (cd "$1" && "$runc" spec)
  jq --argjson a "$2" '.process.terminal=false | .process.args=$a' "$1/config.json" > "$1/c.json"
  mv "$1/c.json" "$1/config.json"
}
make_bundle "$work/true" '["/bin/true"]'
make_bundle "$work/sleep" '["/bin/sleep","1000"]'

# --- measuring ----------------------------------------------------------------------------------
now() { date +%s%N; }
# timed NAME COMMAND...: runs the command under /usr/bin/time, appends its milliseconds to
# $work/NAME.ms and its peak RSS (kB) to $work/NAME.rss. A failure is counted in $work/NAME.fail
# (shown in the table) and its message printed; the bench goes on.
timed() {
  local name=$1; shift
  local t0 t1 rc=0
  t0=$(now)
  /usr/bin/time -f %M -o "$work/rss.tmp" "$@" >/dev/null 2>"$work/err.tmp" || rc=$?
  t1=$(now)
  awk -v n=$(( (t1 - t0) / 1000 )) 'BEGIN{printf "%.3f\n", n/1000}' >> "$work/$name.ms"
  tail -n 1 "$work/rss.tmp" >> "$work/$name.rss"
  if [ $rc != 0 ]; then
    echo x >> "$work/$name.fail"
    note "$name failed ($rc): $(grep -v '^Command exited' "$work/err.tmp" | head -n 1)"
  fi
  return 0
}
median() { [ -s "$1" ] && sort -n "$1" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}' || echo ""; }
peak() { [ -s "$1" ] && sort -n "$1" | tail -n 1 || echo ""; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b }' || echo ""; }
# The two runtimes as command words (the temp paths have no spaces): ${BIN[j]} and ${BIN[r]}.
declare -A BIN=([j]="$jrunc --root $jroot" [r]="$runc --root $rroot")
# Container ids: the same id in both runtimes would mean the same default cgroup, and other
# benches or tests may run on the machine: ids carry the runtime and this shell's pid.
id() { echo "b$$-$1-$2"; }
j() { ${BIN[j]} "$@"; }
r() { ${BIN[r]} "$@"; }
note() { echo "bench: $*" >&2; }

# --- the JVM floor: a do-nothing main started as the launcher starts java --------------------------
# The launcher's exec line gives the java binary and the flags; the floor gets its own AOT cache.
launch=$(sed -n 's/^exec "\([^"]*\)" \(.*\) \$aot .*/\1|\2/p' "$jrunc")
java_bin=${launch%%|*}; java_flags=${launch#*|}
# The launcher adds -Xint ($jit) only for the light commands; the floor is an empty main without it.
java_flags=${java_flags//\$jit/}
mkdir -p "$work/floor"
cat > "$work/floor/Floor.java" <<'EOF'
public final class Floor { public static void main(String[] args) { } }
EOF
"$(dirname "$java_bin")/javac" -d "$work/floor" "$work/floor/Floor.java"
"$(dirname "$java_bin")/jar" cf "$work/floor/floor.jar" -C "$work/floor" Floor.class
# shellcheck disable=SC2086
"$java_bin" $java_flags -XX:AOTCacheOutput="$work/floor/floor.aot" -cp "$work/floor/floor.jar" Floor >/dev/null 2>&1
cat > "$work/floor/floor" <<EOF
#!/bin/sh
exec "$java_bin" $java_flags -XX:AOTCache=$work/floor/floor.aot -cp $work/floor/floor.jar Floor "\$@"
EOF
chmod +x "$work/floor/floor"
note "JVM floor"
for i in $(seq 1 "$runs"); do timed floor "$work/floor/floor"; done

# --- run /bin/true -----------------------------------------------------------------------------------
note "run /bin/true x$runs"
for i in $(seq 1 "$runs"); do
  timed j.run ${BIN[j]} run --bundle "$work/true" "$(id j run$i)"
  timed r.run ${BIN[r]} run --bundle "$work/true" "$(id r run$i)"
done

# --- create -> start -> delete, each command timed ----------------------------------------------
note "create, start, delete x$runs"
for i in $(seq 1 "$runs"); do
  for rt in j r; do
    t0=$(now)
    timed $rt.create ${BIN[$rt]} create --bundle "$work/true" "$(id $rt csd$i)"
    timed $rt.start ${BIN[$rt]} start "$(id $rt csd$i)"
    timed $rt.delete ${BIN[$rt]} delete --force "$(id $rt csd$i)"
    echo "$(( ($(now) - t0) / 1000 ))" | awk '{printf "%.3f\n", $1/1000}' >> "$work/$rt.csd.ms"
  done
done

# --- state of a created container; the created init's RSS ---------------------------------------
note "state x$runs, created init RSS"
j create --bundle "$work/true" "$(id j st)"; r create --bundle "$work/true" "$(id r st)"
for i in $(seq 1 "$runs"); do timed j.state ${BIN[j]} state "$(id j st)"; timed r.state ${BIN[r]} state "$(id r st)"; done
init_rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
j_init_rss=$(init_rss "$(j state "$(id j st)" | jq .pid)"); r_init_rss=$(init_rss "$(r state "$(id r st)" | jq .pid)")
j delete --force "$(id j st)"; r delete --force "$(id r st)"

# --- exec of `true` and kill, in a running container --------------------------------------------
note "exec x$runs, kill x$runs"
exec_available=1
"$jrunc" exec --help 2>&1 | grep -q 'jrunc exec' || exec_available=0
if [ $exec_available = 1 ]; then
  j run -d --bundle "$work/sleep" "$(id j ex)" >/dev/null; r run -d --bundle "$work/sleep" "$(id r ex)" >/dev/null
  for i in $(seq 1 "$runs"); do timed j.exec ${BIN[j]} exec "$(id j ex)" /bin/true; timed r.exec ${BIN[r]} exec "$(id r ex)" /bin/true; done
  j delete --force "$(id j ex)"; r delete --force "$(id r ex)"
fi
for i in $(seq 1 "$runs"); do
  for rt in j r; do
    ${BIN[$rt]} run -d --bundle "$work/sleep" "$(id $rt k$i)" >/dev/null
    timed $rt.kill ${BIN[$rt]} kill "$(id $rt k$i)" KILL
    ${BIN[$rt]} delete --force "$(id $rt k$i)"
  done
done

# --- 100 sequential runs; 10 in parallel ----------------------------------------------------------
note "$seq_n sequential runs each"
batch_seq() { # RT
  local t0; t0=$(now)
  for i in $(seq 1 "$seq_n"); do ${BIN[$1]} run --bundle "$work/true" "$(id $1 seq$i)" >/dev/null; done
  awk -v n=$(( ($(now) - t0) / 1000 )) 'BEGIN{printf "%.3f\n", n/1000}' >> "$work/$1.seq.ms"
}
batch_seq j; batch_seq r
note "$par_n parallel runs, 3 rounds each"
batch_par() { # RT ROUND
  local t0 pids=() rc=0; t0=$(now)
  for i in $(seq 1 "$par_n"); do ${BIN[$1]} run --bundle "$work/true" "$(id $1 par$2-$i)" >/dev/null & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  awk -v n=$(( ($(now) - t0) / 1000 )) 'BEGIN{printf "%.3f\n", n/1000}' >> "$work/$1.par.ms"
  return $rc
}
for round in 1 2 3; do batch_par j $round; batch_par r $round; done

# --- docker run --rm busybox true, through a dockerd of our own ----------------------------------
docker_reason=
bench_docker() {
  "$here/apt-ensure.sh" dockerd:docker.io >/dev/null 2>&1 || { docker_reason="docker.io could not be installed"; return 1; }
  local dockerd; dockerd=$(PATH="$PATH:/usr/sbin:/sbin" command -v dockerd) || { docker_reason="no dockerd"; return 1; }
  local d=$work/docker
  mkdir -p "$d/data" "$d/exec" "$d/client"
  echo '{}' > "$d/daemon.json"
  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "$dockerd" --config-file "$d/daemon.json" \
    --iptables=false --bridge=none --ip-forward=false --ip-masq=false \
    --data-root "$d/data" --exec-root "$d/exec" -H "unix://$d/docker.sock" --pidfile "$d/docker.pid" \
    --exec-opt native.cgroupdriver=cgroupfs --cgroup-parent "/$docker_tag" \
    --add-runtime "jrunc=$jrunc" > "$d/dockerd.log" 2>&1 < /dev/null &
  dockerd_pid=$!
  local dk="docker --config $d/client -H unix://$d/docker.sock"
  local up=0
  for _ in $(seq 1 60); do
    kill -0 "$dockerd_pid" 2>/dev/null || break
    if $dk version >/dev/null 2>&1; then up=1; break; fi
    sleep 1
  done
  [ $up = 1 ] || { docker_reason="dockerd did not start: $(tail -n 1 "$d/dockerd.log")"; return 1; }
  tar -C "$work/true/rootfs" -c . | $dk import - jrunc-bench-busybox >/dev/null ||
    { docker_reason="docker import failed"; return 1; }
  $dk run --rm --network none --runtime jrunc jrunc-bench-busybox true ||
    { docker_reason="docker run --runtime jrunc failed: $(tail -n 1 "$d/dockerd.log")"; return 1; }
  $dk run --rm --network none --runtime runc jrunc-bench-busybox true >/dev/null
  for i in $(seq 1 "$docker_runs"); do
    timed j.docker $dk run --rm --network none --runtime jrunc jrunc-bench-busybox true
    timed r.docker $dk run --rm --network none --runtime runc jrunc-bench-busybox true
  done
}
if [ "${DOCKER:-1}" = 0 ]; then
  docker_reason="skipped (DOCKER=0)"
else
  note "docker run --rm busybox true x$docker_runs"
  bench_docker || note "docker: $docker_reason"
  stop_dockerd
fi

# --- the table ----------------------------------------------------------------------------------------
floor=$(median "$work/floor.ms")
out=$work/table.md
{
  echo "| scenario | jrunc ms | runc ms | ratio | target | met | jrunc above JVM floor, ms | ≤ runc? |"
  echo "|---|---:|---:|---:|---:|:-:|---:|:-:|"
} > "$out"
# row JFILE RFILE LABEL TARGET_RATIO JVM_STARTS: one line of the table; JVM_STARTS is how many
# jrunc processes the scenario starts, for jrunc's own time above the floor.
row() {
  local jf=$1 rf=$2 label=$3 target=$4 starts=$5 jm rm rt met="" above="" ok=""
  jm=$(median "$jf"); rm=$(median "$rf")
  if [ -z "$jm" ]; then echo "| $label | n/a | ${rm:-n/a} | | | | | |" >> "$out"; return; fi
  rt=$(ratio "$jm" "$rm")
  [ -n "$target" ] && met=$(awk -v r="$rt" -v t="$target" 'BEGIN{print (r <= t) ? "yes" : "no"}')
  if [ -n "$starts" ]; then
    above=$(awk -v a="$jm" -v f="$floor" -v n="$starts" 'BEGIN{printf "%.1f", a - n*f}')
    ok=$(awk -v a="$above" -v b="$rm" 'BEGIN{print (a <= b) ? "yes" : "no"}')
  fi
  local fails=""
  [ -s "$jf.fail" ] && fails=" ($(wc -l < "$jf.fail") of the jrunc runs failed)"
  [ -s "$rf.fail" ] && fails="$fails ($(wc -l < "$rf.fail") of the runc runs failed)"
  echo "| $label$fails | $jm | $rm | ${rt}× | ${target:+≤ ${target}×} | $met | $above | $ok |" >> "$out"
}
w=$work
row "$w/j.run.ms" "$w/r.run.ms" "run /bin/true" 2.0 1
row "$w/j.csd.ms" "$w/r.csd.ms" "create → start → delete" 2.0 3
row "$w/j.create.ms" "$w/r.create.ms" "create" "" 1
row "$w/j.start.ms" "$w/r.start.ms" "start" "" 1
row "$w/j.delete.ms" "$w/r.delete.ms" "delete --force" "" 1
row "$w/j.state.ms" "$w/r.state.ms" "state (created container)" 3.0 1
row "$w/j.kill.ms" "$w/r.kill.ms" "kill KILL (running container)" "" 1
if [ $exec_available = 1 ]; then
  row "$w/j.exec.ms" "$w/r.exec.ms" "exec true (running container)" "" 1
else
  echo "| exec true (running container) | n/a (exec not available) | | | | | | |" >> "$out"
fi
row "$w/j.seq.ms" "$w/r.seq.ms" "$seq_n sequential runs (total)" "" "$seq_n"
row "$w/j.par.ms" "$w/r.par.ms" "$par_n parallel runs (wall, median of 3)" "" ""
if [ -s "$w/j.docker.ms" ]; then
  row "$w/j.docker.ms" "$w/r.docker.ms" "docker run --rm busybox true" 1.3 ""
else
  echo "| docker run --rm busybox true | n/a ($docker_reason) | | | | | | |" >> "$out"
fi
echo "| JVM floor (empty main, launcher's flags, own AOT cache) | $floor | | | | | | |" >> "$out"
{
  echo
  echo "| peak RSS, MiB | jrunc | runc | target |"
  echo "|---|---:|---:|---|"
  for c in run create start state kill delete exec; do
    [ -s "$w/j.$c.rss" ] || continue
    awk -v c="$c" -v j="$(peak "$w/j.$c.rss")" -v r="$(peak "$w/r.$c.rss")" \
      'BEGIN{printf "| %s | %.1f | %.1f | ≤ 64 MiB: %s |\n", c, j/1024, r/1024, (j <= 65536) ? "yes" : "no"}'
  done
  awk -v j="$j_init_rss" -v r="$r_init_rss" \
    'BEGIN{printf "| created container init (VmRSS) | %.2f | %.2f | ≤ 1 MiB: %s |\n", j/1024, r/1024, (j <= 1024) ? "yes" : "no"}'
} >> "$out"

machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
header="Measured $(date -u '+%Y-%m-%d %H:%M UTC') on: $machine. jrunc $("$jrunc" --version | head -n 1 | sed 's/jrunc version //'), $("$runc" --version | head -n 1). Medians of $runs alternating runs (docker: $docker_runs); times are wall-clock ms."
echo
echo "$header"
echo
cat "$out"

if [ -n "$doc" ]; then
  mkdir -p "$(dirname "$doc")"
  [ -f "$doc" ] || printf '# Performance\n\n<!-- bench:start -->\n<!-- bench:end -->\n' > "$doc"
  grep -q '<!-- bench:start -->' "$doc" || printf '\n<!-- bench:start -->\n<!-- bench:end -->\n' >> "$doc"
  { echo "$header"; echo; cat "$out"; } > "$work/block.md"
  awk -v block="$work/block.md" '
    /<!-- bench:start -->/ { print; while ((getline l < block) > 0) print l; skip=1; next }
    /<!-- bench:end -->/ { skip=0 }
    !skip { print }' "$doc" > "$work/doc.md"
  cat "$work/doc.md" > "$doc"
  note "wrote the table into $doc"
fi
