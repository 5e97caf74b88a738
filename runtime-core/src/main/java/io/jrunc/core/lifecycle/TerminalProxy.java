package io.jrunc.core.lifecycle;

import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;

/**
 * Copies between jrunc's own stdio and a container's pty master, for `run` of a config with
 * {@code terminal: true} and no console socket: the container's output to our stdout, our stdin
 * to the container. Output is drained to EOF before `run` returns, so nothing the process printed
 * is lost.
 */
final class TerminalProxy {
    private final Syscalls sys;
    private final int master;
    private final Thread output;

    private TerminalProxy(Syscalls sys, int master) {
        this.sys = sys;
        this.master = master;
        this.output = Thread.ofPlatform().daemon().name("tty-out").start(() -> copy(master, 1));
        Thread.ofPlatform().daemon().name("tty-in").start(() -> copy(0, master));
    }

    static TerminalProxy start(Syscalls sys, int master) {
        return new TerminalProxy(sys, master);
    }

    private void copy(int from, int to) {
        byte[] buf = new byte[8192];
        try {
            while (true) {
                int n = sys.read(from, buf, 0, buf.length);
                if (n <= 0) return;
                byte[] chunk = n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
                sys.writeFully(to, chunk);
            }
        } catch (ErrnoException e) {
            // EIO on the master once the last slave holder is gone: the normal end of a tty session
        }
    }

    /** Waits (briefly) for the container's last output, then closes the master. */
    void finish() {
        try {
            output.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sys.close(master);
        } catch (ErrnoException ignored) {
            // closing our copy of the master cannot fail in a way that matters
        }
    }
}
