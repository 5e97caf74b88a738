package io.jrunc.cli.planner;

import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;

/**
 * Interrupts a call's thread when its caller hangs up (POLLRDHUP on the call's socket). Only for
 * `events`, which streams until the container is gone: without it a caller killed with ^C would
 * leave the planner streaming to nobody. Other calls end on their own.
 */
final class HangupWatch implements AutoCloseable {
    private static final int POLLRDHUP = 0x2000;
    /** How often it looks at {@link #done}; a hang-up wakes it at once. */
    private static final int POLL_MILLIS = 1000;

    private final Thread watcher;
    private volatile boolean done;

    HangupWatch(Syscalls sys, int socket, Thread call) {
        this.watcher = Thread.ofPlatform().daemon().name("hangup-watch").start(() -> {
            while (!done) {
                try {
                    if (sys.poll(socket, POLLRDHUP, POLL_MILLIS) != 0 && !done) {
                        call.interrupt();
                        return;
                    }
                } catch (ErrnoException e) {
                    return;
                }
            }
        });
    }

    @Override
    public void close() {
        done = true;
        watcher.interrupt();
    }
}
