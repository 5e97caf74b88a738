package io.jrunc.core.lifecycle;

import io.jrunc.core.init.HelperLauncher;
import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One call of jrunc as its caller made it: working directory, environment, stdio, and how helpers
 * are started and the foreground is kept. On the cold path that is this process's own
 * ({@link #ofThisProcess()}); in a resident planner each call brings the front end's, and several
 * run at once, so nothing of a call may be read from the JVM's globals (System.getenv, user.dir,
 * System.out, /proc/self): it is read from here (issue 14).
 *
 * @param cwd        the caller's working directory, against which every relative path is resolved
 * @param env        the caller's environment
 * @param out        the caller's stdout
 * @param err        the caller's stderr
 * @param stdinFd    the caller's stdin as an fd of this process: 0 for our own, -1 for none
 * @param launcher   how helpers are started (null: spawned by this JVM)
 * @param foreground how a foreground `run` or `exec` waits (null: this process waits, {@link LocalForeground})
 * @param callerPid  the caller's pid, for its /proc entries (0: this process)
 */
public record Call(Path cwd, Map<String, String> env, PrintStream out, PrintStream err, int stdinFd,
                   HelperLauncher launcher, Foreground foreground, int callerPid) {
    public Call {
        Objects.requireNonNull(cwd, "cwd");
        if (!cwd.isAbsolute()) throw new IllegalArgumentException("the caller's cwd must be absolute: " + cwd);
        env = Map.copyOf(env);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** A call that runs its foreground in this process. */
    public Call(Path cwd, Map<String, String> env, PrintStream out, PrintStream err, int stdinFd, HelperLauncher launcher) {
        this(cwd, env, out, err, stdinFd, launcher, null, 0);
    }

    /** The caller's /proc entry: its cgroup, for one, is where a container's relative cgroupsPath is resolved. */
    public Path proc() {
        return Path.of(callerPid > 0 ? "/proc/" + callerPid : "/proc/self");
    }

    /** The call's foreground: the given one, or this process as subreaper forwarding its signals. */
    public Foreground foreground(Syscalls sys) {
        return foreground != null ? foreground : new LocalForeground(sys, new SignalForwarding(sys));
    }

    /** The call that this JVM's own command line is (the cold path). */
    public static Call ofThisProcess() {
        return new Call(Path.of(System.getProperty("user.dir")), System.getenv(), System.out, System.err, 0, null);
    }

    public Path resolve(String path) {
        return cwd.resolve(path);
    }

    public Path resolve(Path path) {
        return path == null ? null : cwd.resolve(path);
    }

    /** All of the caller's stdin (`update -r -`). */
    public byte[] readStdin() throws IOException {
        if (stdinFd < 0) return new byte[0];
        if (stdinFd == 0) return System.in.readAllBytes();
        // Through /proc so that the stream's close does not close the caller's fd, which the call owns.
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/fd/" + stdinFd))) {
            return in.readAllBytes();
        }
    }

    public String getenv(String name) {
        return env.get(name);
    }
}
