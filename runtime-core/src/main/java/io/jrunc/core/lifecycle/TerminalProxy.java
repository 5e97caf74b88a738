package io.jrunc.core.lifecycle;

import io.jrunc.core.CallLog;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Tty;

/**
 * Copies between jrunc's own stdio and a container's pty master, for `run` of a config with
 * {@code terminal: true} and no console socket: the container's output to our stdout, our stdin
 * to the container. When our stdin is a terminal it is put in raw mode for the session (the
 * container's pty does echo and line editing) and its window size is copied to the pty, at start
 * and on every SIGWINCH; the settings are restored at the end. Output is drained to EOF before
 * `run` returns, so nothing the process printed is lost.
 */
final class TerminalProxy {
    private static final int STDIN = 0, STDOUT = 1;
    private final Syscalls sys;
    private final Tty tty;
    private final int master;
    private final byte[] savedAttributes;
    private final Thread output;

    private TerminalProxy(Syscalls sys, Tty tty, int master) {
        this.sys = sys;
        this.tty = tty;
        this.master = master;
        this.savedAttributes = tty.isTerminal(STDIN) ? rawMode() : null;
        resize();
        this.output = Thread.ofPlatform().daemon().name("tty-out").start(CallLog.carried(() -> copy(master, STDOUT)));
        Thread.ofPlatform().daemon().name("tty-in").start(CallLog.carried(() -> copy(STDIN, master)));
    }

    static TerminalProxy start(Syscalls sys, int master) {
        return new TerminalProxy(sys, Tty.linux(), master);
    }

    /**
     * Our terminal's size as {rows, cols}, or null when stdin is not a terminal. `exec -t` gives it
     * to the pty before the process starts: the process runs at once, before a proxy could resize.
     */
    static int[] callerWindowSize() {
        Tty tty = Tty.linux();
        if (!tty.isTerminal(STDIN)) return null;
        try {
            return tty.windowSize(STDIN);
        } catch (ErrnoException e) {
            return null;
        }
    }

    private byte[] rawMode() {
        try {
            byte[] saved = tty.saveAttributes(STDIN);
            tty.makeRaw(STDIN);
            return saved;
        } catch (ErrnoException e) {
            return null; // not a terminal we can change: proxy the bytes as they come
        }
    }

    /** Gives the container's pty our terminal's size; the kernel then signals its foreground group. */
    boolean resize() {
        if (savedAttributes == null) return false;
        try {
            int[] size = tty.windowSize(STDIN);
            tty.setWindowSize(master, size[0], size[1]);
            return true;
        } catch (ErrnoException e) {
            return false;
        }
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

    /** Waits (briefly) for the container's last output, restores our terminal, closes the master. */
    void finish() {
        try {
            output.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (savedAttributes != null) {
            try {
                tty.restore(STDIN, savedAttributes);
            } catch (ErrnoException ignored) {
                // the terminal went away with the session
            }
        }
        try {
            sys.close(master);
        } catch (ErrnoException ignored) {
            // closing our copy of the master cannot fail in a way that matters
        }
    }
}
