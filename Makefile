# jrunc: `make install` builds and installs; `make test` runs every test; `make bench` compares with runc.
# Everything a target needs from Debian is installed by the target itself (guarded, so reruns are quick).

PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
LIBDIR  := $(PREFIX)/lib/jrunc
# The one $(shell ...) run while make parses this file: find-jdk.sh only looks at what is there and
# installs nothing, so it sees the same answer on the first run as on any later one. (Nothing that a
# target installs may be looked up here: see the helper below.) The recipes that need a JDK check it.
JDK     := $(shell build-support/find-jdk.sh)
NEED_JDK = @test -n "$(JDK)" || { echo "make: no JDK 25 found (build-support/find-jdk.sh): install temurin-25-jdk or set JAVA_HOME" >&2; exit 1; }
# Maven's own guava calls sun.misc.Unsafe, which JDK 25 warns about on every build.
MVN_RUN := JAVA_HOME=$(JDK) MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -ntp -Dstyle.color=never
MVN     := $(MVN_RUN) -q
# Tests run without -q: Surefire's "Tests run: N, Failures: 0" lines are the record of what ran.
MVN_TEST := $(MVN_RUN)
# Framing (docs/plan-protocol.md, docs/planner-protocol.md) is shared by the helper and the front end.
COMMON_SRC := $(wildcard runtime-native/src/main/c-common/*.c runtime-native/src/main/c-common/*.h)
HELPER_SRC := $(wildcard runtime-native/src/main/c/*.c runtime-native/src/main/c/*.h) $(COMMON_SRC)
HELPER  := runtime-native/target/jrunc-init
# The `jrunc` command: the static front end that hands calls to the resident planner (issue 14).
FRONT_SRC := $(wildcard runtime-native/src/main/c-front/*.c runtime-native/src/main/c-front/*.h) $(COMMON_SRC)
FRONT   := runtime-native/target/jrunc-front
# The op table (codes, names, argument kinds) is written once, as a Java enum; the helper's side is generated.
OPS_SRC := runtime-core/src/main/java/io/jrunc/core/plan/OpCode.java
OPS_H   := runtime-native/target/gen/ops.h
# What the helper was built with (musl-gcc's path, gcc's version, a checksum of musl's libc.a): the
# helper depends on it, so a new or changed toolchain rebuilds the helper.
HELPER_CC := runtime-native/target/jrunc-init.toolchain
CLI_JAR := runtime-cli/target/runtime-cli-0.1.0.jar
CLI_CP  := $(CLI_JAR):runtime-cli/target/lib/*
# Man pages and the bash completion script, written from the picocli model after the Java build.
GEN_DIR := runtime-cli/target/generated-docs
MANDIR  := $(PREFIX)/share/man
COMPDIR := $(PREFIX)/share/bash-completion/completions

.PHONY: all build java docs helper front install uninstall test run-tests unit integration engine-integration install-test bench build-deps install-deps test-deps engine-deps clean FORCE

all: build

build: build-deps helper front java docs

# readelf and strip come with binutils (gcc's dependency); listed so check-helper.sh never lacks them.
build-deps:
	@build-support/apt-ensure.sh musl-gcc:musl-tools busybox:busybox-static readelf:binutils strip:binutils

# The commit goes into `jrunc --version` (git-commit.sh: the sha, -dirty, or unknown without .git).
java:
	$(NEED_JDK)
	$(MVN) install -DskipTests -Djrunc.commit=$$(build-support/git-commit.sh)

docs: java
	@rm -rf $(GEN_DIR)
	JAVA_HOME=$(JDK) $(JDK)/bin/java -cp '$(CLI_CP)' io.jrunc.cli.docs.GenerateDocs $(GEN_DIR)

helper: $(HELPER)

$(OPS_H): $(OPS_SRC) build-support/gen-ops.sh
	@mkdir -p $(dir $@)
	build-support/gen-ops.sh $(OPS_SRC) > $@.tmp && mv $@.tmp $@

# musl-gcc is looked up when the recipe runs, after build-deps (an order-only prerequisite, so it runs
# first even under -j) has installed musl-tools. Looking it up while make parses this file, as this
# Makefile once did, saw no musl-gcc on a fresh machine's first run and linked the helper with glibc;
# later runs did not rebuild it. There is no fallback to gcc: a glibc helper is a wrong build, not a
# slower one. check-helper.sh refuses anything but a static musl executable.
$(HELPER_CC): FORCE | build-deps
	@mkdir -p $(dir $@)
	@cc=$$(command -v musl-gcc) || { echo "make: musl-gcc not found: 'make build-deps' installs musl-tools" >&2; exit 1; }; \
	 { echo "$$cc"; $$cc -dumpfullversion; cksum < "$$($$cc -print-file-name=libc.a)"; } > $@.new || exit 1; \
	 if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

$(HELPER): $(HELPER_SRC) $(OPS_H) $(HELPER_CC) | build-deps
	@mkdir -p $(dir $@)
	musl-gcc -static -Os -Wall -Wextra -Werror -I$(dir $(OPS_H)) -Iruntime-native/src/main/c-common -o $@ $(filter %.c,$^)
	strip $@
	build-support/check-helper.sh $@

front: $(FRONT)

# Built like the helper, for the same reasons: static musl, so each call costs ~100 kB of RSS and
# no dynamic loading (docs/performance.md).
$(FRONT): $(FRONT_SRC) $(HELPER_CC) | build-deps
	@mkdir -p $(dir $@)
	musl-gcc -static -Os -Wall -Wextra -Werror -Iruntime-native/src/main/c-common -o $@ $(filter %.c,$^)
	strip $@
	build-support/check-helper.sh $@

# man-db and bash-completion make the installed pages and completion work (`man jrunc-create`, tab).
install-deps:
	@build-support/apt-ensure.sh man:man-db /usr/share/bash-completion/bash_completion:bash-completion

# Everything install puts down is listed in uninstall below; `make install-test` checks the two agree.
# $(BINDIR)/jrunc is the front end; the JVM launcher is $(LIBDIR)/jrunc-java (the cold path, and
# `--planner SOCKET`). Each file goes in under a temporary name and is renamed over the old one, so
# a call running during an install sees the old file or the new one; build-id comes last, and a
# planner of the old files sees the new id in the next HELLO and retires (docs/planner-protocol.md).
install: build install-deps
	install -d $(BINDIR) $(LIBDIR) $(MANDIR)/man8 $(COMPDIR)
	rm -f $(LIBDIR)/*.jar
	install -m 0644 $(CLI_JAR) runtime-cli/target/lib/*.jar $(LIBDIR)/
	install -m 0755 $(HELPER) $(LIBDIR)/jrunc-init
	build-support/check-helper.sh $(LIBDIR)/jrunc-init
	build-support/write-launcher.sh $(JDK) $(LIBDIR) > $(LIBDIR)/jrunc-java.tmp
	chmod 0755 $(LIBDIR)/jrunc-java.tmp && mv $(LIBDIR)/jrunc-java.tmp $(LIBDIR)/jrunc-java
	install -m 0755 $(FRONT) $(BINDIR)/jrunc.tmp && mv $(BINDIR)/jrunc.tmp $(BINDIR)/jrunc
	build-support/check-helper.sh $(BINDIR)/jrunc
	build-support/write-build-id.sh $(LIBDIR) $(BINDIR) > $(LIBDIR)/build-id.tmp && mv $(LIBDIR)/build-id.tmp $(LIBDIR)/build-id
	rm -f $(MANDIR)/man8/jrunc.8 $(MANDIR)/man8/jrunc-*.8
	install -m 0644 $(GEN_DIR)/man8/*.8 $(MANDIR)/man8/
	install -m 0644 $(GEN_DIR)/jrunc.bash $(COMPDIR)/jrunc
	build-support/train-aot.sh $(JDK) $(LIBDIR)
	@echo "installed $(BINDIR)/jrunc"

uninstall:
	rm -rf $(LIBDIR)
	rm -f $(BINDIR)/jrunc $(BINDIR)/jrunc.tmp $(MANDIR)/man8/jrunc.8 $(MANDIR)/man8/jrunc-*.8 $(COMPDIR)/jrunc

test-deps:
	@build-support/apt-ensure.sh busybox:busybox-static runc:runc jq:jq newuidmap:uidmap

# Debian's Docker 20.10 and containerd 1.6 for the engine suite (docker-init is tini; script(1) drives `docker run -it`).
# Recommends (apparmor, git, needrestart...) are left out: the suite needs none of them.
engine-deps:
	@APT_ENSURE_OPTS=--no-install-recommends build-support/apt-ensure.sh \
		dockerd:docker.io containerd:containerd ctr:containerd containerd-shim-runc-v2:containerd docker-init:tini script:bsdutils

# Unit tests of every module; then the black-box suite against the installed binary, as root, and Docker and
# containerd end to end (their own dockerd and containerd, `--runtime jrunc`), each twice: once with the resident
# planner (JRUNC_PLANNER=on) and once on the cold path (off), the same tests in both (issue 14); then
# install/uninstall into a scratch prefix. Old Surefire reports go first; the skip summary (per planner mode, one
# line per reason) prints whether the tests passed or not, and make still fails when they did not. -k: a failing
# pass does not hide what the passes after it would say.
test: test-deps engine-deps install
	@rm -rf */target/surefire-reports */target/surefire-reports-planner-*
	@rc=0; $(MAKE) --no-print-directory -k run-tests || rc=$$?; build-support/skip-summary.sh .; exit $$rc

run-tests: unit integration engine-integration install-test

# make install into a scratch PREFIX, then make uninstall: nothing but empty folders may be left.
# (Not $(MAKE) on this line: make runs such lines even under -n, and this one installs for real.)
install-test:
	build-support/install-test.sh

unit:
	$(MVN_TEST) test

# One pass of the integration tests in one planner mode. JRUNC_PLANNER reaches the binary through the test JVM's
# environment, and dockerd's (dockerd, its containerd and the shim hand it down); each mode keeps its own reports
# in integration-tests/target/surefire-reports-planner-MODE. PlannerModeTest and EnginePlannerModeTest fail when
# a pass does not run in its mode.
IT_PASS = JRUNC_PLANNER=$(1) $(MVN_TEST) -pl integration-tests test -Djrunc.it.skip=false -Djrunc.binary=$(BINDIR)/jrunc \
	-Djrunc.it.reports=surefire-reports-planner-$(1)

.PHONY: integration-planner-on integration-planner-off engine-integration-planner-on engine-integration-planner-off

integration: integration-planner-on integration-planner-off

engine-integration: engine-integration-planner-on engine-integration-planner-off

integration-planner-on:
	$(call IT_PASS,on) -DexcludedGroups=engine

integration-planner-off:
	$(call IT_PASS,off) -DexcludedGroups=engine

engine-integration-planner-on:
	$(call IT_PASS,on) -Dgroups=engine

engine-integration-planner-off:
	$(call IT_PASS,off) -Dgroups=engine

# Warm jrunc (its planner), cold jrunc (JRUNC_PLANNER=off) and runc, 5 to 10 minutes when idle (RSS_CALLS=0 and
# DOCKER=0 shorten it); writes the tables into docs/performance.md. docker.io is installed by the bench itself
# when missing (the docker scenario says n/a when dockerd cannot start).
bench: test-deps install
	@build-support/apt-ensure.sh time:time
	build-support/bench.sh $(BINDIR)/jrunc docs/performance.md

clean:
	$(MVN) clean
