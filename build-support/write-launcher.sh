#!/bin/sh
# Usage: write-launcher.sh JDK_HOME LIBDIR  -> prints LIBDIR/jrunc-java, the JVM launcher.
# `jrunc` itself is the front end (runtime-native/src/main/c-front); it execs this script for the
# cold path (one JVM for the call, with the same argv) and, as `jrunc-java --planner SOCKET`, to
# start the resident planner (docs/planner-protocol.md).
# The planner's flags (build-support/planner-jvm-flags) are for a JVM that stays up: a small
# heap that grows on demand and gives memory back, bounded metaspace, code cache and thread
# stacks, a C2 compiler (the planner runs long enough to use it) and native heap trimming, so its
# RSS stays flat over thousands of calls. No AOT cache: it is made with the cold path's flags.
# The JVM flags (build-support/jvm-flags) are for a short-lived command: one GC thread, no JIT
# beyond C1, no perf data file. They are also the flags of the AOT training runs: a JDK AOT cache is
# only used with the flags and class path it was made with. Jars are listed one by one (not a
# wildcard) for the same reason.
# The launcher picks the light AOT cache for the commands on an existing container and the create
# cache for create, run and exec (see train-aot.sh): it skips the global options and their values and
# looks at the command word. A wrong guess costs only time: all caches hold the same class path
# and flags.
# The light commands also run with -Xint: they are too short for compiled code to pay off, and
# C1 compiling what runs hot in them (the JDK spinning the FFM downcall stub in kill, reading
# state.json) costs CPU the interpreter does not: kill ~140 -> ~85 ms of CPU, state, start and
# delete 10-30 ms less, wall time the same or lower (docs/performance.md). create, run and exec
# too, since their cold paths lost Jackson, the annotation proxies and most native calls of the
# seccomp compile: -Xint measured 193 -> 170 ms for `run`, 234 -> 228 ms with Docker's config,
# 182 -> 147 ms for `exec` (docs/performance.md, change 18). The other commands keep C1.
jdk=$1; lib=$2
flags=$(cat "$(dirname "$0")/jvm-flags")
planner_flags=$(cat "$(dirname "$0")/planner-jvm-flags")
cp=""
for j in "$lib"/*.jar; do cp="${cp:+$cp:}$j"; done
cat <<EOS
#!/bin/sh
# jrunc's JVM launcher, written by 'make install'.
if [ "\$1" = --planner ]; then
  exec "$jdk/bin/java" $planner_flags -Djrunc.init="$lib/jrunc-init" \\
    -cp "$cp" io.jrunc.cli.planner.PlannerMain "\$2" "$lib"
fi
cache=jrunc.aot
jit=
skip=
for a in "\$@"; do
  if [ -n "\$skip" ]; then skip=; continue; fi
  case \$a in
    --root|--log|--log-format) skip=1 ;;
    -*) ;;
    state|start|kill|delete) cache=jrunc-light.aot; jit=-Xint; break ;;
    create|run|exec) cache=jrunc-create.aot; jit=-Xint; break ;;
    *) break ;;
  esac
done
[ -r "$lib/\$cache" ] || cache=jrunc.aot
aot=
[ -r "$lib/\$cache" ] && aot="-XX:AOTCache=$lib/\$cache"
exec "$jdk/bin/java" $flags \$jit \$aot -Djrunc.init="$lib/jrunc-init" \\
  -cp "$cp" io.jrunc.cli.Main "\$@"
EOS
