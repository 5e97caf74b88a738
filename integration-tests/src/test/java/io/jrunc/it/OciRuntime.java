package io.jrunc.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OCI runtime under test, driven as a black box through its runc-compatible command line.
 *
 * <p>Every call gets the global flags {@code --root <work>/root --log <work>/runtime-log.json --log-format json}
 * (unless {@link Opts#noGlobals()}), stdin from /dev/null, and its stdout/stderr captured into files under
 * {@code <work>/calls}. Files, not pipes: a created container inherits the runtime's stdio and would keep a pipe
 * open forever; with files, whatever the container writes later can still be read with {@link Result#stdoutNow()}.
 */
public final class OciRuntime {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(Long.getLong("jrunc.it.timeout", 30));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;
    private final Path work;
    private final Path root;
    private final Path log;
    private final AtomicInteger seq = new AtomicInteger();
    private final Set<String> ids = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<Process> spawned = new CopyOnWriteArrayList<>();

    public OciRuntime(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
        this.root = work.resolve("root");
        this.log = work.resolve("runtime-log.json");
    }

    public Path binary() { return binary; }
    public Path root() { return root; }
    public Path log() { return log; }
    public Path work() { return work; }

    /** Remembers a container id so that {@link #cleanup()} deletes it even if the test fails early. */
    public String track(String id) {
        ids.add(id);
        return id;
    }

    /** Options of one call. */
    public record Opts(Duration timeout, Path stdin, Path fd3, Path cwd, boolean withoutGlobals, List<String> globals) {
        public static Opts defaults() { return new Opts(DEFAULT_TIMEOUT, null, null, null, false, List.of()); }
        public Opts timeout(Duration t) { return new Opts(t, stdin, fd3, cwd, withoutGlobals, globals); }
        public Opts stdin(Path p) { return new Opts(timeout, p, fd3, cwd, withoutGlobals, globals); }
        /** Opens this file for appending as fd 3 of the runtime process (for --preserve-fds). */
        public Opts fd3(Path p) { return new Opts(timeout, stdin, p, cwd, withoutGlobals, globals); }
        public Opts cwd(Path p) { return new Opts(timeout, stdin, fd3, p, withoutGlobals, globals); }
        /** No --root/--log/--log-format: the caller gives global flags itself with {@link #globals(String...)}. */
        public Opts noGlobals() { return new Opts(timeout, stdin, fd3, cwd, true, globals); }
        public Opts globals(String... g) { return new Opts(timeout, stdin, fd3, cwd, withoutGlobals, List.of(g)); }
    }

    /** What one finished call gave. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, Path stdoutFile, Path stderrFile,
                         boolean timedOut, Duration took) {
        /** Everything written to the call's stdout file so far, including what a container wrote after the call. */
        public String stdoutNow() { return read(stdoutFile); }
        public String stderrNow() { return read(stderrFile); }
        public boolean ok() { return exitCode == 0 && !timedOut; }
        public String describe() {
            return String.join(" ", command) + "\n  exit=" + exitCode + (timedOut ? " (TIMED OUT)" : "") + " took=" + took.toMillis()
                    + "ms\n  stdout: " + stdout.strip().replace("\n", "\n          ") + "\n  stderr: " + stderr.strip().replace("\n", "\n          ");
        }
        @Override public String toString() { return describe(); }
    }

    /** A call still running in the background (e.g. a foreground {@code run}). */
    public final class Spawned {
        public final Process process;
        public final List<String> command;
        public final Path stdoutFile;
        public final Path stderrFile;
        private final long started = System.nanoTime();

        Spawned(Process process, List<String> command, Path out, Path err) {
            this.process = process;
            this.command = command;
            this.stdoutFile = out;
            this.stderrFile = err;
        }

        public long pid() { return process.pid(); }
        public String stdoutNow() { return read(stdoutFile); }
        public String stderrNow() { return read(stderrFile); }

        /** Waits until the stdout file contains {@code text}; fails with what was seen otherwise. */
        public void awaitStdout(String text, Duration timeout) {
            Wait.until(timeout, () -> stdoutNow().contains(text) || !process.isAlive() && stdoutNow().contains(text),
                    () -> "stdout to contain '" + text + "' from " + String.join(" ", command) + "\n stdout: " + stdoutNow()
                            + "\n stderr: " + stderrNow() + "\n alive: " + process.isAlive());
        }

        /** Sends a signal (name without SIG, e.g. TERM) to the runtime process. */
        public void signal(String name) {
            try {
                Process k = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
                k.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public Result await(Duration timeout) {
            boolean done;
            try {
                done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                process.destroyForcibly();
                try { process.waitFor(5, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            }
            int code = process.isAlive() ? -1 : process.exitValue();
            return new Result(command, code, stdoutNow(), stderrNow(), stdoutFile, stderrFile, !done,
                    Duration.ofNanos(System.nanoTime() - started));
        }

        public Result await() { return await(OciRuntime.DEFAULT_TIMEOUT); }
    }

    public List<String> command(Opts opts, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        if (!opts.withoutGlobals()) {
            cmd.addAll(List.of("--root", root.toString(), "--log", log.toString(), "--log-format", "json"));
        }
        cmd.addAll(opts.globals());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** Runs the runtime with the default options and waits for it. */
    public Result run(String... args) {
        return run(Opts.defaults(), args);
    }

    public Result run(Opts opts, String... args) {
        return spawn(opts, args).await(opts.timeout());
    }

    /** Starts the runtime in the background; {@link #cleanup()} kills it if the test forgets. */
    public Spawned spawn(Opts opts, String... args) {
        List<String> cmd = command(opts, args);
        int n = seq.incrementAndGet();
        Path calls = work.resolve("calls");
        try {
            Files.createDirectories(calls);
            String tag = String.format("%03d-%s", n, args.length > 0 ? args[0].replaceAll("[^a-z-]", "") : "none");
            Path out = calls.resolve(tag + ".stdout");
            Path err = calls.resolve(tag + ".stderr");
            List<String> real = cmd;
            if (opts.fd3() != null) {
                // The JDK cannot hand extra fds to a child: let a shell open fd 3 and exec the runtime.
                real = new ArrayList<>(List.of("/bin/sh", "-c", "exec 3>>\"$0\"; exec \"$@\"", opts.fd3().toString()));
                real.addAll(cmd);
            }
            ProcessBuilder pb = new ProcessBuilder(real)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(opts.stdin() != null ? opts.stdin().toFile() : new java.io.File("/dev/null"));
            if (opts.cwd() != null) pb.directory(opts.cwd().toFile());
            Process p = pb.start();
            spawned.add(p);
            return new Spawned(p, cmd, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    // ---- conveniences -------------------------------------------------------------------------------------------

    /** {@code state ID} parsed; fails the test when the call fails. */
    public JsonNode state(String id) {
        Result r = run("state", id);
        if (!r.ok()) throw new AssertionError("state " + id + " failed:\n" + r.describe());
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("state " + id + " printed no JSON:\n" + r.describe(), e);
        }
    }

    public String status(String id) {
        return state(id).path("status").asText();
    }

    /** Waits until {@code state ID} reports {@code status}. */
    public void awaitStatus(String id, String status, Duration timeout) {
        String[] last = {""};
        Wait.until(timeout, () -> {
            Result r = run("state", id);
            last[0] = r.describe();
            if (!r.ok()) return false;
            try {
                return status.equals(JSON.readTree(r.stdout()).path("status").asText());
            } catch (IOException e) {
                return false;
            }
        }, () -> "container " + id + " to be " + status + "; last: " + last[0]);
    }

    /** Lines of the --log file parsed as JSON (lines that are not JSON are returned as text nodes). */
    public List<JsonNode> logLines() {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(log)) return out;
        for (String line : read(log).split("\n")) {
            if (line.isBlank()) continue;
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                out.add(JSON.getNodeFactory().textNode(line));
            }
        }
        return out;
    }

    // ---- cleanup -------------------------------------------------------------------------------------------------

    /**
     * Deletes (--force) every container this test used or that {@code list -q} shows, kills the runtime processes it
     * spawned and any process whose root is under the work dir, removes leftover cgroups named after the ids, and
     * lazily unmounts anything still mounted under the work dir. Never throws.
     */
    public void cleanup() {
        // Only what is still there: a container has a directory under --root (runc's layout and jrunc's). Tracked
        // ids without one were deleted by the test (or never created); stray processes are found by the rootfs scan.
        Set<String> all = new LinkedHashSet<>();
        try {
            List<String> dirs = new ArrayList<>();
            if (Files.isDirectory(root)) {
                try (var st = Files.list(root)) {
                    st.filter(Files::isDirectory).forEach(d -> dirs.add(d.getFileName().toString()));
                }
            }
            if (!dirs.isEmpty()) {
                all.addAll(dirs);
                Result l = run(Opts.defaults().timeout(Duration.ofSeconds(20)), "list", "-q");
                for (String s : l.stdout().split("\\s+")) if (!s.isBlank()) all.add(s.strip());
            }
        } catch (Throwable t) {
            System.err.println("cleanup: list failed: " + t);
            all.addAll(ids);
        }
        for (String id : all) {
            try {
                run(Opts.defaults().timeout(Duration.ofSeconds(20)), "delete", "--force", id);
            } catch (Throwable t) {
                System.err.println("cleanup: delete " + id + " failed: " + t);
            }
        }
        all.addAll(ids);
        for (Process p : spawned) {
            if (p.isAlive()) {
                p.destroyForcibly();
                try { p.waitFor(5, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            }
        }
        HostFs.killProcessesRootedUnder(work);
        for (String id : all) HostFs.removeCgroups("/" + id);
        HostFs.unmountAllUnder(work);
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
