# jrunc: `make install` builds and installs; `make test` runs every test; `make bench` compares with runc.
# Everything a target needs from Debian is installed by the target itself (guarded, so reruns are quick).

PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
LIBDIR  := $(PREFIX)/lib/jrunc
JDK     := $(shell build-support/find-jdk.sh)
# Maven's own guava calls sun.misc.Unsafe, which JDK 25 warns about on every build.
MVN_RUN := JAVA_HOME=$(JDK) MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -ntp -Dstyle.color=never
MVN     := $(MVN_RUN) -q
# Tests run without -q: Surefire's "Tests run: N, Failures: 0" lines are the record of what ran.
MVN_TEST := $(MVN_RUN)
# musl gives a far smaller static helper than glibc (it sits in every created container).
CC_STATIC := $(shell command -v musl-gcc 2>/dev/null || echo gcc)
HELPER_SRC := $(wildcard runtime-native/src/main/c/*.c runtime-native/src/main/c/*.h)
HELPER  := runtime-native/target/jrunc-init
# The op table (codes, names, argument kinds) is written once, as a Java enum; the helper's side is generated.
OPS_SRC := runtime-core/src/main/java/io/jrunc/core/plan/OpCode.java
OPS_H   := runtime-native/target/gen/ops.h
CLI_JAR := runtime-cli/target/runtime-cli-0.1.0.jar

.PHONY: all build java helper install uninstall test unit integration engine-integration bench build-deps test-deps engine-deps clean

all: build

build: build-deps helper java

build-deps:
	@build-support/apt-ensure.sh musl-gcc:musl-tools busybox:busybox-static

java:
	$(MVN) install -DskipTests

helper: $(HELPER)

$(OPS_H): $(OPS_SRC) build-support/gen-ops.sh
	@mkdir -p $(dir $@)
	build-support/gen-ops.sh $(OPS_SRC) > $@.tmp && mv $@.tmp $@

$(HELPER): $(HELPER_SRC) $(OPS_H)
	@mkdir -p $(dir $@)
	$(CC_STATIC) -static -Os -Wall -Wextra -Werror -I$(dir $(OPS_H)) -o $@ $(filter %.c,$^)
	strip $@

install: build
	install -d $(BINDIR) $(LIBDIR)
	rm -f $(LIBDIR)/*.jar
	install -m 0644 $(CLI_JAR) runtime-cli/target/lib/*.jar $(LIBDIR)/
	install -m 0755 $(HELPER) $(LIBDIR)/jrunc-init
	build-support/write-launcher.sh $(JDK) $(LIBDIR) > $(BINDIR)/jrunc.tmp
	chmod 0755 $(BINDIR)/jrunc.tmp && mv $(BINDIR)/jrunc.tmp $(BINDIR)/jrunc
	build-support/train-aot.sh $(JDK) $(LIBDIR)
	@echo "installed $(BINDIR)/jrunc"

uninstall:
	rm -rf $(LIBDIR) $(BINDIR)/jrunc

test-deps:
	@build-support/apt-ensure.sh busybox:busybox-static runc:runc jq:jq newuidmap:uidmap

# Debian's Docker 20.10 and containerd 1.6 for the engine suite (docker-init is tini; script(1) drives `docker run -it`).
# Recommends (apparmor, git, needrestart...) are left out: the suite needs none of them.
engine-deps:
	@APT_ENSURE_OPTS=--no-install-recommends build-support/apt-ensure.sh \
		dockerd:docker.io containerd:containerd ctr:containerd containerd-shim-runc-v2:containerd docker-init:tini script:bsdutils

# Unit tests of every module; then the black-box suite against the installed binary, as root; then Docker and
# containerd end to end (their own dockerd and containerd, `--runtime jrunc`).
test: test-deps engine-deps install unit integration engine-integration

unit:
	$(MVN_TEST) test

integration:
	$(MVN_TEST) -pl integration-tests test -Djrunc.it.skip=false -Djrunc.binary=$(BINDIR)/jrunc -DexcludedGroups=engine

engine-integration:
	$(MVN_TEST) -pl integration-tests test -Djrunc.it.skip=false -Djrunc.binary=$(BINDIR)/jrunc -Dgroups=engine

# About 3 to 6 minutes; writes the table into docs/performance.md. docker.io is installed by the
# bench itself when missing (the docker scenario says n/a when dockerd cannot start).
bench: test-deps install
	@build-support/apt-ensure.sh time:time
	build-support/bench.sh $(BINDIR)/jrunc docs/performance.md

clean:
	$(MVN) clean
