package io.jrunc.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A copy of the installed front end in a scratch PREFIX whose {@code lib/jrunc/jrunc-java} records each
 * launch (its arguments, one line each) before it execs the real launcher. That makes the front end's choice
 * visible: a call on the cold path adds a line, a planner start adds a {@code --planner} line, a warm call adds
 * nothing. The copy is another install to the front end (another LIBDIR, so another socket) with the real
 * install's build id, so the planner it starts runs the real jars and accepts its calls.
 */
final class FrontEndInstall {
    private static final Pattern SERVES = Pattern.compile("planner (\\d+) serves ");

    final Path prefix;
    final Path binary;
    final Path libdir;
    final Path launches;

    private FrontEndInstall(Path prefix) {
        this.prefix = prefix;
        this.binary = prefix.resolve("bin/jrunc");
        this.libdir = prefix.resolve("lib/jrunc");
        this.launches = prefix.resolve("launches");
    }

    /** Copies the front end at {@code installed} into {@code prefix}; skips unless it is a front end install. */
    static FrontEndInstall copyOf(Path installed, Path prefix) {
        assumeTrue(PlannerFrontEnd.isElf(installed), installed + " is not the native front end (an install from before issue 14)");
        Path realLib = PlannerFrontEnd.libdirOf(installed);
        assumeTrue(Files.isExecutable(realLib.resolve("jrunc-java")), "no JVM launcher " + realLib.resolve("jrunc-java"));
        FrontEndInstall in = new FrontEndInstall(prefix);
        try {
            Files.createDirectories(in.libdir);
            Files.createDirectories(in.binary.getParent());
            Files.copy(installed, in.binary, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(realLib.resolve("build-id"), in.libdir.resolve("build-id"));
            Files.copy(realLib.resolve("jrunc-init"), in.libdir.resolve("jrunc-init"));
            Files.writeString(in.launches, "");
            Path launcher = in.libdir.resolve("jrunc-java");
            Files.writeString(launcher, "#!/bin/sh\necho \"$*\" >> '" + in.launches + "'\nexec '" + realLib.resolve("jrunc-java") + "' \"$@\"\n");
            // Readable by anyone: one test runs the copy as another uid.
            for (Path p : List.of(prefix, prefix.resolve("bin"), prefix.resolve("lib"), in.libdir)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(in.binary, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(in.launches, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return in;
    }

    /** The launches so far: one line per exec of jrunc-java. */
    List<String> launches() {
        try {
            return Files.readAllLines(launches, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long plannerStarts() {
        return launches().stream().filter(l -> l.startsWith("--planner ")).count();
    }

    long coldCalls() {
        return launches().stream().filter(l -> !l.startsWith("--planner ")).count();
    }

    /** The planner's socket for this copy, in {@code socketDir} (docs/planner-protocol.md): FNV-1a of LIBDIR. */
    Path socket(Path socketDir) {
        long h = 0xcbf29ce484222325L;
        for (byte b : libdir.toString().getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return socketDir.resolve(String.format("planner-%016x.sock", h));
    }

    /** Waits until a planner listens on the socket in {@code socketDir}. */
    void awaitPlanner(Path socketDir, Duration timeout) {
        Path sock = socket(socketDir);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(sock)) {
            if (System.nanoTime() > deadline) throw new AssertionError("no planner listens on " + sock + " after " + timeout);
            sleep(50);
        }
    }

    /** Stops the planner of this copy in {@code socketDir} (SIGTERM: it removes its socket) and removes its log and lock. */
    void stopPlanner(Path socketDir) {
        Path sock = socket(socketDir);
        String base = sock.getFileName().toString().replace(".sock", "");
        Path log = socketDir.resolve(base + ".log");
        plannerPid(log).flatMap(ProcessHandle::of).ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(log);
            Files.deleteIfExists(socketDir.resolve(base + ".lock"));
        } catch (IOException ignored) {
            // the planner's own files; a later planner of this path would reuse them
        }
    }

    private static Optional<Long> plannerPid(Path log) {
        try {
            Long pid = null;
            for (String line : Files.readAllLines(log)) {
                Matcher m = SERVES.matcher(line);
                if (m.find()) pid = Long.parseLong(m.group(1));
            }
            return Optional.ofNullable(pid);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
