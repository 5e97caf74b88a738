package io.jrunc.cli.planner;

import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The planner's accept loop: listens on the socket, serves each connection on a thread of its own
 * ({@link CallHandler}), and ends when it has been idle for the configured time with no call in
 * flight, or when it retires (a front end of another build called). Calls in flight are let finish.
 */
final class PlannerServer {
    private static final int EINTR = 4;
    private static final int POLLIN = 1;
    /** The loop wakes at least this often to look at the idle time and the retiring flag. */
    private static final long MAX_POLL_MILLIS = 1000;

    private final Syscalls sys;
    private final Path socket;
    private final int uid;
    private final String buildId;
    private final Duration idle;
    private final PlannerLog log;
    private final AtomicInteger inFlight = new AtomicInteger();
    // No queue: every call gets a thread at once (a call may wait for a long time: run, events),
    // and threads left idle go after a minute.
    private final ExecutorService calls = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Thread.ofPlatform().name("call-", 1).factory());
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean retiring;
    private int listenFd = -1;
    /** The socket file we bound: only that one is ours to remove (a newer planner may have replaced it). */
    private Object socketInode;

    PlannerServer(Syscalls sys, Path socket, int uid, String buildId, Duration idle, PlannerLog log) {
        this.sys = sys;
        this.socket = socket;
        this.uid = uid;
        this.buildId = buildId;
        this.idle = idle;
        this.log = log;
    }

    /** Serves until idle or retired; returns once the calls in flight have ended. */
    void serve() throws IOException {
        // A stale file of a planner that was killed: we hold the lock, so no live planner owns it.
        Files.deleteIfExists(socket);
        try {
            listenFd = sys.listenUnix(socket.toString());
        } catch (ErrnoException e) {
            throw new IOException(e.getMessage(), e);
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        socketInode = Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        // SIGTERM: the socket goes first, so no new call connects to a planner that is exiting.
        Runtime.getRuntime().addShutdownHook(new Thread(this::unlinkSocket));
        log.info("planner " + ProcessHandle.current().pid() + " serves " + socket + " (build " + buildId
                + ", idle exit after " + idle.toSeconds() + " s)");
        long served = 0;
        while (!retiring) {
            long waitedNanos = System.nanoTime() - lastActivity;
            if (inFlight.get() == 0 && waitedNanos >= idle.toNanos()) {
                log.info("idle for " + idle.toSeconds() + " s after " + served + " calls: exiting");
                break;
            }
            int timeout = (int) Math.min(MAX_POLL_MILLIS, Math.max(1, (idle.toNanos() - waitedNanos) / 1_000_000));
            try {
                if (sys.poll(listenFd, POLLIN, timeout) != 0) {
                    int fd = sys.accept(listenFd);
                    served++;
                    inFlight.incrementAndGet();
                    lastActivity = System.nanoTime();
                    calls.execute(() -> handle(fd));
                }
            } catch (ErrnoException e) {
                if (e.errno() != EINTR) log.info("accept: " + e.getMessage());
            }
        }
        unlinkSocket();
        try {
            sys.close(listenFd);
        } catch (ErrnoException ignored) {
            // exiting anyway
        }
        while (inFlight.get() > 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private void handle(int fd) {
        try {
            new CallHandler(sys, fd, uid, buildId, this).run();
        } finally {
            lastActivity = System.nanoTime();
            inFlight.decrementAndGet();
        }
    }

    /**
     * Stops taking calls: the socket goes now, so the next front end starts a new planner (which
     * waits for our lock), and serve() returns once the calls in flight end.
     */
    void retire(String why) {
        if (!retiring) log.info(why + ": retiring");
        retiring = true;
        unlinkSocket();
    }

    PlannerLog log() {
        return log;
    }

    private synchronized void unlinkSocket() {
        try {
            Object inode = Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            if (inode.equals(socketInode)) Files.deleteIfExists(socket);
        } catch (IOException goneAlready) {
            // nothing to remove
        }
    }
}
