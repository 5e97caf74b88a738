#!/bin/sh
# Prints the home of a JDK whose feature version is at least 25.
# Order: $JAVA_HOME if it is new enough, then every JDK in the system's JVM folder (newest first).
# jrunc needs JDK 25 for the finished FFM API and AOT caches; Debian's default java is 17.
want=25
version_of() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
try() {
  v=$(version_of "$1")
  if [ -n "$v" ] && [ "$v" -ge "$want" ]; then echo "$1"; exit 0; fi
}
[ -n "${JAVA_HOME:-}" ] && try "$JAVA_HOME"
for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do try "${d%/}"; done
echo "find-jdk: no JDK $want or newer in \$JAVA_HOME or /usr/lib/jvm (install temurin-25-jdk)" >&2
exit 1
