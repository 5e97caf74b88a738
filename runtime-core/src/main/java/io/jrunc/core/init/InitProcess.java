package io.jrunc.core.init;

import io.jrunc.core.JruncException;
import io.jrunc.core.plan.SyncPoint;

/**
 * One jrunc-init running one plan, as the lifecycle operations drive it: started, placed by the
 * caller (cgroups) before it reads the plan, followed to READY (create) or to the execve (exec),
 * then let go ({@link #commit}). Got from a {@link HelperLauncher}; {@link InitRun} is the real
 * one, a test double stands in for it in the lifecycle tests.
 *
 * <p>Whatever fails, nothing of the helper survives the failure: the helper and its init have
 * exited or been killed by the time the exception is thrown.
 */
public interface InitProcess extends AutoCloseable {

    /** What the caller does at each point of the run. */
    interface Listener {
        /** The helper exists but has not read the plan yet: join it to the container's cgroups here. */
        void spawned(int helperPid) throws JruncException;

        /** The helper forked the container's init. */
        default void initForked(int initPid) throws JruncException {}

        /** The helper sent an fd (the console's pty master); the callee owns and closes it. */
        default void receivedFd(int tag, int fd) throws JruncException {}

        /**
         * Process {@code pid} reached a SYNC op and waits: do the parent's part of {@code point}.
         * Returning lets it continue; throwing aborts it.
         */
        default void sync(SyncPoint point, int pid) throws JruncException {
            throw unhandled(point);
        }

        /** The failure for a sync point this run's plan does not expect. */
        static JruncException unhandled(SyncPoint point) {
            return new JruncException("init: jrunc-init waits at sync point " + point + ", which nothing here handles");
        }
    }

    /** Runs the plan up to READY and returns the init's pid. The caller's fds 3..3+preserveFds-1 keep their numbers. */
    int runUntilReady(int preserveFds, Listener listener) throws JruncException;

    /**
     * Runs a plan that ends in EXECVE without READY (exec's) and returns the forked process's pid
     * once it exec'd. Every failure before it, the execve's own included, is an exception.
     */
    int runUntilExec(int preserveFds, Listener listener) throws JruncException;

    /**
     * Lets an init that reached READY go on to wait for `start`: answers the SYNC the plan puts
     * right after READY ({@code point}). Until then the init exits when jrunc lets go of it, so a
     * create killed before it recorded the container leaves no init behind.
     */
    void commit(SyncPoint point) throws JruncException;

    /** The init's pid once the helper forked it, else -1. */
    int initPid();

    /** Lets go of the helper (our end of its socket); a committed init keeps running. */
    @Override
    void close();
}
