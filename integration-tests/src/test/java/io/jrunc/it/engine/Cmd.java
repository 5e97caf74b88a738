package io.jrunc.it.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host command (docker, ctr, script) to completion with a deadline. Output goes to temp files, not pipes:
 * a client such as {@code docker run -d} may leave a child that holds inherited pipes open.
 */
public final class Cmd {
    private Cmd() {}

    /** What a finished command did, with its wall time (used to check {@code docker stop}'s timeout). */
    public record Result(List<String> argv, int exit, String out, String err, Duration took) {
        public String describe() {
            return "$ " + String.join(" ", argv) + "\nexit=" + exit + " took=" + took.toMillis() + "ms\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }

        /** stdout without the trailing newline, and without the CRs a pty adds. */
        public String outTrimmed() {
            return out.replace("\r", "").strip();
        }
    }

    public static Result run(List<String> argv, String stdin, Duration timeout) {
        return run(argv, stdin, timeout, Map.of());
    }

    public static Result run(List<String> argv, String stdin, Duration timeout, Map<String, String> env) {
        Path out = null, err = null, in = null;
        try {
            out = Files.createTempFile("jrit-cmd-", ".out");
            err = Files.createTempFile("jrit-cmd-", ".err");
            ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            } else {
                in = Files.createTempFile("jrit-cmd-", ".in");
                Files.writeString(in, stdin);
                pb.redirectInput(in.toFile());
            }
            long start = System.nanoTime();
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String o = Files.readString(out, StandardCharsets.UTF_8);
            String e = Files.readString(err, StandardCharsets.UTF_8);
            if (!done) e += "\n[timed out after " + timeout.toSeconds() + " s and was killed]";
            return new Result(List.copyOf(argv), done ? p.exitValue() : -1, o, e, took);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + argv, e);
        } finally {
            for (Path p : new Path[] {out, err, in}) {
                try {
                    if (p != null) Files.deleteIfExists(p);
                } catch (IOException ignored) {
                }
            }
        }
    }
}
