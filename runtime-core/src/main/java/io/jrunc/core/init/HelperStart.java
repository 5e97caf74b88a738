package io.jrunc.core.init;

import io.jrunc.core.JruncException;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;

/**
 * Who starts jrunc-init for an {@link InitRun}. On the cold path this JVM spawns it
 * ({@link SealedSpawn}); a resident planner asks the caller's front end to spawn it instead, so
 * that the helper, and the container init it forks, is the caller's child and never the planner's
 * (issue 14: runc's process tree). Either way InitRun then drives the helper over its socket.
 */
public interface HelperStart {
    /** A helper that has our end of its socket and the pid of the helper's first process. */
    record Started(int socket, int pid) {}

    /**
     * Starts a helper whose socket is at fd {@code 3 + preserveFds}, the caller's fds 3.. below it
     * kept as they are (--preserve-fds).
     */
    Started start(int preserveFds) throws ErrnoException, JruncException;

    /** Waits for the helper's first process; null when it is not ours to reap or already reaped. */
    Syscalls.WaitStatus reap(int helperPid);
}
