#!/bin/sh
# Usage: write-launcher.sh JDK_HOME LIBDIR  -> prints the `jrunc` launcher script.
# The JVM flags (build-support/jvm-flags) are for a short-lived command: one GC thread, no JIT
# beyond C1, no perf data file. They are also the flags of the AOT training run: a JDK AOT cache is
# only used with the flags and class path it was made with. Jars are listed one by one (not a
# wildcard) for the same reason.
jdk=$1; lib=$2
flags=$(cat "$(dirname "$0")/jvm-flags")
cp=""
for j in "$lib"/*.jar; do cp="${cp:+$cp:}$j"; done
cat <<EOS
#!/bin/sh
# jrunc launcher, written by 'make install'.
aot=
[ -r "$lib/jrunc.aot" ] && aot="-XX:AOTCache=$lib/jrunc.aot"
exec "$jdk/bin/java" $flags \$aot -Djrunc.init="$lib/jrunc-init" \\
  -cp "$cp" io.jrunc.cli.Main "\$@"
EOS
