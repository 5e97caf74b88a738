package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import java.util.List;

/**
 * What a foreground `run` or `exec` needs from the process that waits for the container: be its
 * subreaper and pass signals on, proxy its terminal, and wait for it. On the cold path that is
 * this JVM ({@link LocalForeground}); for a planner's call it is the caller's front end, since no
 * container process may ever be the planner's child (issue 14: runc's process tree).
 */
public interface Foreground {
    /** Right before the helper forks the process: become its subreaper and start holding signals. */
    void attach() throws JruncException;

    /** Proxies the caller's stdio to the container's pty {@code master} (this call gives it away). */
    void proxyTerminal(int master) throws JruncException;

    /** The caller's terminal size as {rows, cols}, or null when its stdin is not a terminal. */
    int[] callerWindowSize();

    /**
     * Delivers the held signals to {@code pid}, forwards signals from now on, waits for it and
     * returns its status (exit code, or 128 + signal). {@code cleanup} is the argv that removes
     * what the call leaves behind, for a waiter that outlives the one who asked (may be empty).
     */
    int await(int pid, List<String> cleanup) throws JruncException;

    /** Stops forwarding and finishes the terminal proxy; safe to call more than once. */
    void release();
}
