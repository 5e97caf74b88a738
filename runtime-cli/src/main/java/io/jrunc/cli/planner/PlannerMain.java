package io.jrunc.cli.planner;

import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The resident planner of one uid (issue 14): started by the front end in the background as
 * {@code jrunc-java --planner SOCKET_PATH}, it serves the front end's calls until idle
 * (docs/planner-protocol.md). One planner per socket: the lock file next to it says which.
 */
public final class PlannerMain {
    /** How long a new planner waits for one that retires (a reinstall) to let go of the lock. */
    private static final Duration RETIRING_WAIT = Duration.ofSeconds(10);

    private PlannerMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PlannerMain SOCKET_PATH LIBDIR");
            System.exit(2);
        }
        Path socket = Path.of(args[0]).toAbsolutePath();
        Path libdir = Path.of(args[1]);
        String name = socket.getFileName().toString();
        String base = name.endsWith(".sock") ? name.substring(0, name.length() - ".sock".length()) : name;
        Syscalls sys = Syscalls.linux();
        int uid = sys.geteuid();
        SocketDirectory.ensure(socket.getParent(), uid);
        FileLock lock = SocketDirectory.awaitLock(socket.resolveSibling(base + ".lock"), socket, RETIRING_WAIT);
        if (lock == null) return; // another planner serves this socket
        PlannerLog log = new PlannerLog(socket.resolveSibling(base + ".log"));
        String buildId = Files.readString(libdir.resolve("build-id")).trim();
        PlannerConfig config = PlannerConfig.load(System.getenv());
        // Out of the caller's cgroup (a shim's, a systemd unit's): a planner left there would be
        // killed with it, or counted against it.
        for (String problem : PlannerCgroup.escape(sys.getpid())) log.info("cgroup: stays put in " + problem);
        PlannerServer server = new PlannerServer(sys, socket, uid, buildId, config.idle(), log);
        server.serve();
        lock.release();
        // Not a return: threads of the call pool may still be parked.
        System.exit(0);
    }
}
