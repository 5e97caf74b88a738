package io.jrunc.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * src/test/c/seccomp-agent.c, running: a seccomp agent listening on a unix socket for the runtime
 * to hand it a notify fd, answering every notification with one errno. Built like the probe
 * (gcc -static -O2 into target/it-bin, again only when the source is newer).
 */
final class SeccompAgent implements AutoCloseable {
    final Path socket;
    private final Path out;
    private final Process process;

    private SeccompAgent(Path socket, Path out, Process process) {
        this.socket = socket;
        this.out = out;
        this.process = process;
    }

    /** Starts the agent on {@code socket}, answering -{@code errno}; returns once it accepts connections. */
    static SeccompAgent start(Path socket, Path out, int errno) {
        try {
            Process p = new ProcessBuilder(binary().toString(), socket.toString(), out.toString(), Integer.toString(errno))
                    .redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readNBytes("listening\n".length()));
            if (!first.equals("listening\n")) throw new AssertionError("seccomp-agent did not start: " + first);
            return new SeccompAgent(socket, out, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the agent wrote so far: fds=, state=, notif=, done= lines. */
    Probe output() {
        try {
            return Probe.parse(Files.exists(out) ? Files.readString(out) : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the agent wrote a {@code key=} line. */
    Probe await(String key, Duration timeout) {
        Wait.until(timeout, () -> output().has(key), () -> "seccomp-agent to write " + key + "=; it wrote:\n" + output().raw);
        return output();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized Path binary() {
        Path src = Env.moduleDir().resolve("src/test/c/seccomp-agent.c");
        Path bin = Env.targetDir().resolve("it-bin/seccomp-agent");
        try {
            if (Files.isExecutable(bin) && Files.getLastModifiedTime(bin).compareTo(Files.getLastModifiedTime(src)) >= 0) return bin;
            Files.createDirectories(bin.getParent());
            Path tmp = bin.resolveSibling("seccomp-agent.tmp" + ProcessHandle.current().pid());
            List<String> cmd = List.of(System.getProperty("jrunc.it.cc", "gcc"), "-static", "-O2", "-Wall", "-o", tmp.toString(),
                    src.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("building seccomp-agent failed: " + output);
            Files.move(tmp, bin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
