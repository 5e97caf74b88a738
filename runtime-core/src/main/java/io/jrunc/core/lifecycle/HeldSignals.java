package io.jrunc.core.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * Signals that reach a foreground `run` or `exec` before the container's process runs: runc
 * queues them and delivers them once it does, and so do we. Without this a SIGTERM sent right as
 * the process starts would be the JVM's (exit 143), and one sent to a waiting init would kill the
 * init instead of the process.
 */
final class HeldSignals {
    private List<Integer> held = new ArrayList<>();

    /** Keeps {@code sig} while the process has not started; false once it has (send it now). */
    synchronized boolean hold(int sig) {
        if (held == null) return false;
        held.add(sig);
        return true;
    }

    /** The signals held so far, in order; from now on nothing is held. */
    synchronized List<Integer> release() {
        List<Integer> out = held;
        held = null;
        return out;
    }
}
