#!/bin/bash
# make bench: warm jrunc (its planner running), cold jrunc (JRUNC_PLANNER=off: one JVM per call) and runc side by
# side, alternating runs in one go, medians and ratios (issues 6 and 14).
# Usage: bench.sh JRUNC_BINARY [DOC]   (DOC: the markdown file to update, default docs/performance.md)
# Environment: RUNS (iterations per timed scenario, default 11), SEQ (the sequential batch, default 100), PAR (the
# parallel batch, default 10), DOCKER_RUNS (default 5), DOCKER=0 to skip Docker, WARM (calls that warm the planner
# before the timed scenarios, default 60), RSS_CALLS (calls after which the planner's RSS is read, sampled along
# the way, default 10000; 0 leaves it out).
# Prints the tables and writes them into DOC between the bench markers, with the machine and the date.
# A JRUNC_BINARY that is no planner front end (today's launcher script) is measured as "cold" alone.
set -euo pipefail
jrunc=$(readlink -f "$1")
doc=${2:-docs/performance.md}
runs=${RUNS:-11}; seq_n=${SEQ:-100}; par_n=${PAR:-10}; docker_runs=${DOCKER_RUNS:-5}
warm_calls=${WARM:-60}; rss_calls=${RSS_CALLS:-10000}
runc=$(PATH="$PATH:/usr/sbin:/sbin" command -v runc)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/jrunc-bench.XXXXXX)
dockerd_pid=
docker_tag=jrunc-bench-$$
note() { echo "bench: $*" >&2; }

# --- the runtimes ---------------------------------------------------------------------------------
# A front end is an ELF executable with ../lib/jrunc/jrunc-java (the cold path's launcher) beside it
# (docs/planner-protocol.md). The bench runs its own copy of the front end (with the launcher, the helper and the
# build id; the launcher names the installed jars): the planner socket's name comes from LIBDIR's path, so the
# copy's planner is the bench's alone, started by the first call measured and stopped at the end, never one that
# another user of the install is talking to.
lib=$(dirname "$jrunc")/../lib/jrunc
front_end=0
if [ "$(head -c 4 "$jrunc" | od -An -c | tr -d ' ')" = '177ELF' ] && [ -x "$lib/jrunc-java" ]; then front_end=1; fi
declare -A BIN MODE LABEL
if [ $front_end = 1 ]; then
  lib=$(readlink -f "$lib")
  fe=$work/front-end
  mkdir -p "$fe/bin" "$fe/lib/jrunc"
  cp "$jrunc" "$fe/bin/jrunc"
  cp "$lib/jrunc-java" "$lib/jrunc-init" "$lib/build-id" "$fe/lib/jrunc/"
  RTS=(w c r)
  BIN[w]="$fe/bin/jrunc --root $work/wroot"; MODE[w]=on
  BIN[c]="$fe/bin/jrunc --root $work/croot"; MODE[c]=off
  launcher=$lib/jrunc-java
else
  note "$jrunc is no planner front end: measuring it as the cold path only"
  RTS=(c r)
  BIN[c]="$jrunc --root $work/croot"; MODE[c]=off
  launcher=$jrunc
fi
BIN[r]="$runc --root $work/rroot"; MODE[r]=off
LABEL=([w]="warm jrunc" [c]="cold jrunc" [r]=runc)
# The front end reads JRUNC_PLANNER; each call below sets it for its runtime. on is what dockerd hands down.
export JRUNC_PLANNER=on
# rt RT ARGS...: one call of a runtime in its mode.
rt() { local r=$1; shift; JRUNC_PLANNER=${MODE[$r]} ${BIN[$r]} "$@"; }
# quiet RT ARGS...: a call whose output is of no interest (the warm-up, the RSS run); a failure is counted in
# $work/quiet.fail and its message kept, for the table, instead of ending the bench.
quiet() {
  rt "$@" >/dev/null 2>"$work/quiet.err" && return 0
  echo "$* :: $(grep -v 'level=warning' "$work/quiet.err" | head -n 1)" >> "$work/quiet.fail"
}
# Container ids: the same id in two runtimes would mean the same default cgroup, and other benches or tests may
# run on the machine: ids carry the runtime and this shell's pid.
id() { echo "b$$-$1-$2"; }

# --- the bench's planner ------------------------------------------------------------------------------
# The socket is planner-HASH.sock, HASH the 64-bit FNV-1a of LIBDIR's path (bash's arithmetic wraps like uint64).
fnv1a() {
  local s=$1 h=-3750763034362895579 i c
  for ((i = 0; i < ${#s}; i++)); do printf -v c '%d' "'${s:i:1}"; h=$(( (h ^ c) * 1099511628211 )); done
  printf '%016x' "$h"
}
planner_sock_name=
[ $front_end = 0 ] || planner_sock_name=planner-$(fnv1a "$fe/lib/jrunc").sock
# The pid of the planner serving the bench's copy, empty when none runs. (The bracket keeps grep's own command
# line from matching; the launcher's sh, before it execs java, names the socket but not PlannerMain.)
planner_pid() {
  local f
  for f in $(grep -l -a -e "/${planner_sock_name%.sock}[.]sock" /proc/[0-9]*/cmdline 2>/dev/null || true); do
    grep -q -a PlannerMain "$f" 2>/dev/null || continue
    f=${f#/proc/}; echo "${f%/cmdline}"; return 0
  done
}
planner_socket() { tr '\0' '\n' < "/proc/$1/cmdline" | grep -A1 -x 'io.jrunc.cli.planner.PlannerMain' | tail -n 1; }
# Waits until the planner listens (its socket is there): 0, or 1 after 30 s.
await_planner() {
  local p
  for _ in $(seq 1 300); do
    p=$(planner_pid)
    if [ -n "$p" ] && [ -S "$(planner_socket "$p")" ]; then return 0; fi
    sleep 0.1
  done
  return 1
}
# Stops the bench's planner (TERM: it removes its socket), KILL after 15 s.
stop_planner() {
  local p; p=$(planner_pid)
  [ -n "$p" ] || return 0
  kill "$p" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
}
planner_dir=

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
  for r in "${RTS[@]}"; do
    for d in "$work/${r}root"/*; do [ -d "$d" ] && rt "$r" delete --force "$(basename "$d")" >/dev/null 2>&1; done
  done
  stop_dockerd
  if [ $front_end = 1 ]; then
    stop_planner
    # its lock and log files: the name is the bench's own
    [ -n "$planner_dir" ] && rm -f "$planner_dir/${planner_sock_name%.sock}".*
  fi
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
# Times come from bash's own clock ($EPOCHREALTIME, microseconds): forking `date` and wrapping each call in
# /usr/bin/time added a few milliseconds to every sample, which is a large share of a warm call.
now_us() { t0=${EPOCHREALTIME/./}; }                                  # sets t0
ms_since() { local d=$(( ${EPOCHREALTIME/./} - $1 )); printf '%d.%03d\n' $(( d / 1000 )) $(( d % 1000 )); }
# timed NAME COMMAND...: the first call of a NAME runs under /usr/bin/time and gives only its peak RSS (kB,
# $work/NAME.rss); every later call is timed, bare, into $work/NAME.ms. So each loop below makes one call more than
# it times (its round 0). A failure is counted in $work/NAME.fail (shown in the table) and its message printed;
# the bench goes on.
timed() {
  local name=$1; shift
  local t0 rc=0
  if [ ! -e "$work/$name.rss" ]; then
    /usr/bin/time -f %M -o "$work/rss.tmp" "$@" >/dev/null 2>"$work/err.tmp" || rc=$?
    tail -n 1 "$work/rss.tmp" >> "$work/$name.rss"
  else
    now_us
    "$@" >/dev/null 2>"$work/err.tmp" || rc=$?
    ms_since "$t0" >> "$work/$name.ms"
  fi
  if [ $rc != 0 ]; then
    echo x >> "$work/$name.fail"
    note "$name failed ($rc): $(grep -v '^Command exited' "$work/err.tmp" | head -n 1)"
  fi
  return 0
}
# timed_rt RT SCENARIO ARGS...: one timed call of a runtime in its mode, into $work/RT.SCENARIO.*.
timed_rt() { local r=$1 s=$2; shift 2; JRUNC_PLANNER=${MODE[$r]} timed "$r.$s" ${BIN[$r]} "$@"; }
median() { [ -s "$1" ] && sort -n "$1" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}' || echo ""; }
peak() { [ -s "$1" ] && sort -n "$1" | tail -n 1 || echo ""; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b }' || echo ""; }
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null; } # PID FIELD
await_running() { # RT ID
  for _ in $(seq 1 200); do
    rt "$1" state "$2" 2>/dev/null | grep -q '"status": *"running"' && return 0
    sleep 0.05
  done
  return 1
}

# --- the JVM floor: a do-nothing main started as the launcher starts java --------------------------
# The launcher's exec line gives the java binary and the flags; the floor gets its own AOT cache.
launch=$(sed -n 's/^exec "\([^"]*\)" \(.*\) \$aot .*/\1|\2/p' "$launcher")
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
for i in $(seq 0 "$runs"); do timed floor "$work/floor/floor"; done

# --- the first call: the one that finds no planner, takes the cold path and starts one -------------------
if [ $front_end = 1 ]; then
  note "first call x$runs (each after stopping the planner)"
  for i in $(seq 0 "$runs"); do
    stop_planner
    timed_rt w first run --bundle "$work/true" "$(id w first$i)"
    await_planner || note "no planner answered 30 s after the first call"
  done
  p=$(planner_pid); [ -n "$p" ] && planner_dir=$(dirname "$(planner_socket "$p")")
  note "warming the planner: $warm_calls calls"
  rt w run -d --bundle "$work/sleep" "$(id w warm)" >/dev/null
  for i in $(seq 1 $(( warm_calls / 6 ))); do
    quiet w run --bundle "$work/true" "$(id w wr$i)"
    quiet w create --bundle "$work/true" "$(id w wc$i)"
    quiet w start "$(id w wc$i)"
    quiet w delete --force "$(id w wc$i)"
    quiet w state "$(id w warm)"
    quiet w exec "$(id w warm)" /bin/true
  done
  rt w delete --force "$(id w warm)"
fi

# --- the process that runs a container in the foreground: its peak RSS (VmHWM) ------------------------
# For warm jrunc that is the front end, waiting as the subreaper while the planner serves the call: a front end
# that is still the front end's executable once the container runs proves the warm path was taken.
note "foreground run: the caller's VmHWM"
warm_path_taken=
for r in "${RTS[@]}"; do
  JRUNC_PLANNER=${MODE[$r]} ${BIN[$r]} run --bundle "$work/sleep" "$(id "$r" fg)" </dev/null >/dev/null 2>&1 &
  fg_pid=$!
  if await_running "$r" "$(id "$r" fg)"; then
    sleep 0.2
    status_kb "$fg_pid" VmHWM > "$work/$r.fg.hwm"
    [ "$r" = w ] && { [ "$(readlink "/proc/$fg_pid/exe")" = "$fe/bin/jrunc" ] && warm_path_taken=yes || warm_path_taken=no; }
  else
    note "${LABEL[$r]}: the foreground run's container did not run"
  fi
  rt "$r" kill "$(id "$r" fg)" KILL >/dev/null 2>&1 || true
  wait "$fg_pid" || true
  rt "$r" delete --force "$(id "$r" fg)" >/dev/null 2>&1 || true
done
[ "$warm_path_taken" = no ] && note "WARNING: warm jrunc's foreground run took the cold path (is the planner refusing calls?)"

# --- run /bin/true -----------------------------------------------------------------------------------
note "run /bin/true x$runs"
for i in $(seq 0 "$runs"); do
  for r in "${RTS[@]}"; do timed_rt "$r" run run --bundle "$work/true" "$(id "$r" run$i)"; done
done

# --- create -> start -> delete, each command timed ----------------------------------------------
note "create, start, delete x$runs"
for i in $(seq 0 "$runs"); do
  for r in "${RTS[@]}"; do
    now_us
    timed_rt "$r" create create --bundle "$work/true" "$(id "$r" csd$i)"
    timed_rt "$r" start start "$(id "$r" csd$i)"
    timed_rt "$r" delete delete --force "$(id "$r" csd$i)"
    [ "$i" = 0 ] || ms_since "$t0" >> "$work/$r.csd.ms"
  done
done

# --- state of a created container; the created init's RSS ---------------------------------------
note "state x$runs, created init RSS"
for r in "${RTS[@]}"; do rt "$r" create --bundle "$work/true" "$(id "$r" st)"; done
for i in $(seq 0 "$runs"); do
  for r in "${RTS[@]}"; do timed_rt "$r" state state "$(id "$r" st)"; done
done
for r in "${RTS[@]}"; do
  status_kb "$(rt "$r" state "$(id "$r" st)" | jq .pid)" VmRSS > "$work/$r.init.rss"
  rt "$r" delete --force "$(id "$r" st)"
done

# --- exec of `true` and kill, in a running container --------------------------------------------
note "exec x$runs, kill x$runs"
exec_available=1
JRUNC_PLANNER=off "$jrunc" exec --help 2>&1 | grep -q 'jrunc exec' || exec_available=0
if [ $exec_available = 1 ]; then
  for r in "${RTS[@]}"; do rt "$r" run -d --bundle "$work/sleep" "$(id "$r" ex)" >/dev/null; done
  for i in $(seq 0 "$runs"); do
    for r in "${RTS[@]}"; do timed_rt "$r" exec exec "$(id "$r" ex)" /bin/true; done
  done
  for r in "${RTS[@]}"; do rt "$r" delete --force "$(id "$r" ex)"; done
fi
for i in $(seq 0 "$runs"); do
  for r in "${RTS[@]}"; do
    rt "$r" run -d --bundle "$work/sleep" "$(id "$r" k$i)" >/dev/null
    timed_rt "$r" kill kill "$(id "$r" k$i)" KILL
    rt "$r" delete --force "$(id "$r" k$i)"
  done
done

# --- 100 sequential runs; 10 in parallel ----------------------------------------------------------
note "$seq_n sequential runs each"
batch_seq() { # RT
  local t0; now_us
  for i in $(seq 1 "$seq_n"); do rt "$1" run --bundle "$work/true" "$(id "$1" seq$i)" >/dev/null; done
  ms_since "$t0" >> "$work/$1.seq.ms"
}
for r in "${RTS[@]}"; do batch_seq "$r"; done
note "$par_n parallel runs, 3 rounds each"
batch_par() { # RT ROUND
  local t0 pids=() rc=0; now_us
  for i in $(seq 1 "$par_n"); do rt "$1" run --bundle "$work/true" "$(id "$1" par$2-$i)" >/dev/null & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  ms_since "$t0" >> "$work/$1.par.ms"
  [ $rc = 0 ] || echo x >> "$work/$1.par.ms.fail"
}
for round in 1 2 3; do for r in "${RTS[@]}"; do batch_par "$r" $round; done; done

# --- docker run --rm busybox true, through a dockerd of our own ----------------------------------
# Warm jrunc is the front end as dockerd calls it (dockerd hands JRUNC_PLANNER=on down to the shim); cold jrunc is
# a wrapper script that switches the planner off (its sh adds about a millisecond).
docker_reason=
declare -A DOCKER_RUNTIME=([r]=runc)
bench_docker() {
  "$here/apt-ensure.sh" dockerd:docker.io >/dev/null 2>&1 || { docker_reason="docker.io could not be installed"; return 1; }
  local dockerd; dockerd=$(PATH="$PATH:/usr/sbin:/sbin" command -v dockerd) || { docker_reason="no dockerd"; return 1; }
  local d=$work/docker
  mkdir -p "$d/data" "$d/exec" "$d/client"
  echo '{}' > "$d/daemon.json"
  local runtimes=()
  if [ $front_end = 1 ]; then
    printf '#!/bin/sh\nJRUNC_PLANNER=off exec %s "$@"\n' "$fe/bin/jrunc" > "$work/jrunc-cold"
    chmod +x "$work/jrunc-cold"
    runtimes=(--add-runtime "jrunc=$fe/bin/jrunc" --add-runtime "jrunc-cold=$work/jrunc-cold")
    DOCKER_RUNTIME[w]=jrunc; DOCKER_RUNTIME[c]=jrunc-cold
  else
    runtimes=(--add-runtime "jrunc=$jrunc")
    DOCKER_RUNTIME[c]=jrunc
  fi
  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "$dockerd" --config-file "$d/daemon.json" \
    --iptables=false --bridge=none --ip-forward=false --ip-masq=false \
    --data-root "$d/data" --exec-root "$d/exec" -H "unix://$d/docker.sock" --pidfile "$d/docker.pid" \
    --exec-opt native.cgroupdriver=cgroupfs --cgroup-parent "/$docker_tag" \
    "${runtimes[@]}" > "$d/dockerd.log" 2>&1 < /dev/null &
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
  for r in "${RTS[@]}"; do
    $dk run --rm --network none --runtime "${DOCKER_RUNTIME[$r]}" jrunc-bench-busybox true ||
      { docker_reason="docker run --runtime ${DOCKER_RUNTIME[$r]} failed: $(tail -n 1 "$d/dockerd.log")"; return 1; }
  done
  for i in $(seq 0 "$docker_runs"); do
    for r in "${RTS[@]}"; do
      timed "$r.docker" $dk run --rm --network none --runtime "${DOCKER_RUNTIME[$r]}" jrunc-bench-busybox true
    done
  done
}
if [ "${DOCKER:-1}" = 0 ]; then
  docker_reason="skipped (DOCKER=0)"
else
  note "docker run --rm busybox true x$docker_runs"
  bench_docker || note "docker: $docker_reason"
  stop_dockerd
fi

# --- the planner's RSS over many calls --------------------------------------------------------------
# create, state, start and delete of a /bin/true container, again and again; VmRSS read every tenth of the way.
rss_reason=
if [ $front_end = 0 ]; then
  rss_reason="no planner (not a front end)"
elif [ "$rss_calls" -le 0 ]; then
  rss_reason="skipped (RSS_CALLS=0)"
else
  planner=$(planner_pid)
  note "planner RSS over $rss_calls calls (planner $planner)"
  step=$(( (rss_calls + 9) / 10 ))
  jcmd_bin=$(dirname "$java_bin")/jcmd
  # A sample: calls so far, VmRSS (kB), and the live heap (kB): what the planner's heap holds after a full GC. RSS
  # moves with the heap's own sizing (it grows and shrinks between GCs); a leak of Java objects shows in the live
  # heap, which only grows with what the planner keeps. The samples' own time is not counted in the calls' time.
  sample_us=0
  sample() {
    local s0=${EPOCHREALTIME/./} live
    "$jcmd_bin" "$planner" GC.run >/dev/null 2>&1
    live=$("$jcmd_bin" "$planner" GC.heap_info 2>/dev/null | awk '/^ *(DefNew|Tenured|def new generation|tenured generation) .*used/ {
        for (i=1; i<=NF; i++) if ($i == "used") { v=$(i+1); sub(/K,?$/, "", v); t+=v } } END {print t+0}')
    echo "$calls $(status_kb "$planner" VmRSS) $live" >> "$work/planner.trend"
    sample_us=$(( sample_us + ${EPOCHREALTIME/./} - s0 ))
  }
  calls=0
  : > "$work/planner.trend"
  sample
  now_us
  while [ $calls -lt "$rss_calls" ]; do
    c=$(id w rss$calls)
    quiet w create --bundle "$work/true" "$c"
    quiet w state "$c"
    quiet w start "$c"
    quiet w delete --force "$c"
    calls=$(( calls + 4 ))
    if [ $(( calls % step )) -lt 4 ] || [ $calls -ge "$rss_calls" ]; then
      [ "$(planner_pid)" = "$planner" ] || { rss_reason="the planner changed (was $planner) after $calls calls"; break; }
      sample
    fi
  done
  t0=$(( t0 + sample_us ))
  rss_ms_per_call=$(awk -v t="$(ms_since "$t0")" -v n="$calls" 'BEGIN{printf "%.1f", t/n}')
  planner_hwm=$(status_kb "$planner" VmHWM)
fi

# --- the tables -----------------------------------------------------------------------------------------
floor=$(median "$work/floor.ms")
out=$work/table.md
{
  echo "| scenario | warm jrunc ms | cold jrunc ms | runc ms | warm / runc | cold / runc | target (warm / runc) | met |"
  echo "|---|---:|---:|---:|---:|---:|---:|:-:|"
} > "$out"
fails_of() { # SCENARIO: "(n of the RT runs failed)" for each runtime that had failures
  local s=$1 r f=""
  for r in w c r; do [ -s "$work/$r.$s.ms.fail" ] || [ -s "$work/$r.$s.fail" ] || continue
    f="$f ($(cat "$work/$r.$s.fail" "$work/$r.$s.ms.fail" 2>/dev/null | wc -l) of the ${LABEL[$r]} runs failed)"; done
  echo "$f"
}
# row SCENARIO LABEL TARGET [WARM_SCENARIO]: one line of the table from $work/{w,c,r}.SCENARIO.ms (the warm
# column from WARM_SCENARIO when given, for the first call).
row() {
  local s=$1 label=$2 target=$3 ws=${4:-$1} wm cm rm wr cr met=""
  wm=$(median "$work/w.$ws.ms"); cm=$(median "$work/c.$s.ms"); rm=$(median "$work/r.$s.ms")
  wr=$(ratio "$wm" "$rm"); cr=$(ratio "$cm" "$rm")
  [ -n "$target" ] && [ -n "$wr" ] && met=$(awk -v r="$wr" -v t="$target" 'BEGIN{print (r <= t) ? "yes" : "no"}')
  echo "| $label$(fails_of "$ws")$( [ "$ws" = "$s" ] || fails_of "$s") | ${wm:-n/a} | ${cm:-n/a} | ${rm:-n/a} | ${wr:+${wr}×} | ${cr:+${cr}×} | ${target:+≤ ${target}×} | $met |" >> "$out"
}
[ $front_end = 1 ] && row run "first call: \`run\` of \`true\` that starts the planner (cold, runc: their \`run\`)" "" first
row run "\`run\` of \`true\`" 0.6
row csd "create → start → delete" 0.5
row create "create" ""
row start "start" ""
row delete "delete --force" ""
row state "\`state\` (created container)" 0.2
row kill "\`kill KILL\` (running container)" 0.3
if [ $exec_available = 1 ]; then
  row exec "\`exec\` of \`true\` (running container)" 0.6
else
  echo "| \`exec\` of \`true\` (running container) | n/a (exec not available) | | | | | | |" >> "$out"
fi
row seq "$seq_n sequential runs (total)" 0.6
row par "$par_n parallel runs (wall, median of 3)" 0.8
if [ -s "$work/c.docker.ms" ]; then
  row docker "\`docker run --rm busybox true\`" 1.0
else
  echo "| \`docker run --rm busybox true\` | n/a ($docker_reason) | | | | | | |" >> "$out"
fi
echo "| JVM floor (empty main, the cold launcher's flags, own AOT cache) | | $floor | | | | | |" >> "$out"

mib() { [ -n "$1" ] && awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}' || echo "n/a"; }
{
  echo
  echo "| RSS, MiB | warm jrunc | cold jrunc | runc | target |"
  echo "|---|---:|---:|---:|---|"
  for c in run create start state kill delete exec; do
    [ -s "$work/c.$c.rss" ] || continue
    echo "| peak of \`$c\` (/usr/bin/time: the largest process of the call's tree) | $(mib "$(peak "$work/w.$c.rss")") | $(mib "$(peak "$work/c.$c.rss")") | $(mib "$(peak "$work/r.$c.rss")") | |"
  done
  fg_w=$(cat "$work/w.fg.hwm" 2>/dev/null || true)
  fg_met=""
  [ -n "$fg_w" ] && fg_met="front end ≤ 1 MiB: $(awk -v k="$fg_w" 'BEGIN{print (k <= 1024) ? "yes" : "no"}')"
  [ "$warm_path_taken" = no ] && fg_met="$fg_met (the warm run took the cold path!)"
  echo "| VmHWM of the calling process alone, during a foreground \`run\` of a sleeping container | $(mib "$fg_w") | $(mib "$(cat "$work/c.fg.hwm" 2>/dev/null)") | $(mib "$(cat "$work/r.fg.hwm" 2>/dev/null)") | $fg_met |"
  awk -v w="$(cat "$work/w.init.rss" 2>/dev/null)" -v c="$(cat "$work/c.init.rss" 2>/dev/null)" -v r="$(cat "$work/r.init.rss" 2>/dev/null)" \
    'function m(k) { return k == "" ? "n/a" : sprintf("%.2f", k/1024) }
     BEGIN{printf "| created container init (VmRSS) | %s | %s | %s | ≤ 1 MiB |\n", m(w), m(c), m(r)}'
  echo
  if [ -s "$work/planner.trend" ] && [ -z "$rss_reason" ]; then
    # The trend: the least-squares slope over the second half of the samples (the first half still grows with the
    # JIT's code and the heap settling), in MiB per 1000 calls, of the live heap (the leak test: 0.1 MiB per 1000
    # calls is 100 bytes a call) and, for information, of VmRSS.
    read -r last_calls last_kb last_live < <(tail -n 1 "$work/planner.trend")
    slope_of() { awk -v col="$1" '{x[NR]=$1; y[NR]=$col} END {
        h=int(NR/2)+1; n=0; sx=sy=sxx=sxy=0
        for (i=h; i<=NR; i++) {n++; sx+=x[i]; sy+=y[i]; sxx+=x[i]*x[i]; sxy+=x[i]*y[i]}
        d=n*sxx-sx*sx; printf "%+.2f", (d > 0) ? (n*sxy-sx*sy)/d*1000/1024 : 0 }' "$work/planner.trend"; }
    samples_of() { awk -v col="$1" '{printf "%s%.1f", (NR>1 ? ", " : ""), $col/1024}' "$work/planner.trend"; }
    live_slope=$(slope_of 3)
    echo "| the planner | value | target |"
    echo "|---|---:|---|"
    echo "| VmRSS after $last_calls calls (create, state, start, delete; ${rss_ms_per_call} ms a call) | $(mib "$last_kb") MiB | ≤ 96 MiB: $(awk -v k="$last_kb" 'BEGIN{print (k <= 96*1024) ? "yes" : "no"}') |"
    echo "| VmHWM | $(mib "$planner_hwm") MiB | |"
    echo "| VmRSS every $step calls, MiB | $(samples_of 2) | |"
    echo "| live heap after a full GC, every $step calls, MiB | $(samples_of 3) | |"
    echo "| trend of the live heap over the second half | $live_slope MiB per 1000 calls | no upward trend: $(awk -v s="$live_slope" 'BEGIN{print (s <= 0.1) ? "yes" : "no"}') |"
    echo "| trend of VmRSS over the second half | $(slope_of 2) MiB per 1000 calls | |"
    if [ -s "$work/quiet.fail" ]; then echo "| calls that failed (warm-up and these; the first: $(head -n 1 "$work/quiet.fail" | sed 's/|/\\|/g')) | $(wc -l < "$work/quiet.fail") | none |"; fi
  else
    echo "| the planner | value |"
    echo "|---|---|"
    echo "| RSS after $rss_calls calls | n/a (${rss_reason:-no samples}) |"
  fi
} >> "$out"

if [ $front_end = 1 ]; then
  warm_note="Warm: the bench's own planner, warmed with $warm_calls calls first; cold: JRUNC_PLANNER=off."
else
  warm_note="Warm: n/a, $jrunc is no planner front end."
fi
machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
header="Measured $(date -u '+%Y-%m-%d %H:%M UTC') on: $machine. jrunc $(JRUNC_PLANNER=off "$jrunc" --version | head -n 1 | sed 's/jrunc version //'), $("$runc" --version | head -n 1). Medians of $runs alternating runs (docker: $docker_runs); times are wall-clock ms of the bare call (bash's clock); peak RSS from one more call under /usr/bin/time. $warm_note"
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
