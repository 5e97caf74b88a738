#!/bin/sh
# Usage: write-launcher.sh JDK_HOME LIBDIR  -> prints the `jrunc` launcher script.
# The JVM flags are for a short-lived command: one GC thread, no JIT beyond C1, no perf data file.
# Jars are listed one by one (not a wildcard) so a JDK AOT cache can be used with the same class path.
jdk=$1; lib=$2
cp=""
for j in "$lib"/*.jar; do cp="${cp:+$cp:}$j"; done
cat <<EOS
#!/bin/sh
# jrunc launcher, written by 'make install'.
exec "$jdk/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto \\
  --enable-native-access=ALL-UNNAMED -Djrunc.init="$lib/jrunc-init" \\
  -cp "$cp" io.jrunc.cli.Main "\$@"
EOS
