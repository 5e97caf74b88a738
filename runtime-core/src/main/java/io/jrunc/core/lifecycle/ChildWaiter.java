package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;

/**
 * For a child subreaper (foreground `run` and `exec`): reaps every child, orphans of the process included
 * (they are re-parented to us), until {@code pid} is among them, and returns its shell status (the
 * exit code, or 128 + the signal that killed it).
 */
final class ChildWaiter {
    private static final int EINTR = 4, ECHILD = 10;

    private ChildWaiter() {}

    static int await(Syscalls sys, int pid, String what) throws JruncException {
        while (true) {
            try {
                Syscalls.WaitStatus st = sys.waitpid(-1, 0);
                if (st != null && st.pid() == pid) return st.shellStatus();
            } catch (ErrnoException e) {
                if (e.errno() == EINTR) continue;
                if (e.errno() == ECHILD) throw new JruncException(what + ": lost track of process " + pid);
                throw new JruncException(what + ": " + e.getMessage(), e);
            }
        }
    }
}
