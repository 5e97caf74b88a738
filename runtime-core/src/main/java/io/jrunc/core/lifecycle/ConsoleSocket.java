package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.nio.charset.StandardCharsets;

/**
 * The {@code --console-socket} protocol: the pty master goes to the unix socket as SCM_RIGHTS,
 * with "/dev/ptmx" as the message (what runc sends, and what containerd's receiver ignores);
 * our copy of the fd is closed whatever happens.
 */
final class ConsoleSocket {
    private ConsoleSocket() {}

    static void send(Syscalls sys, String socketPath, int master) throws JruncException {
        try {
            sys.sendFdToUnixSocket(socketPath, master, "/dev/ptmx".getBytes(StandardCharsets.UTF_8));
        } catch (ErrnoException e) {
            throw new JruncException("console socket " + socketPath + ": " + e.getMessage(), e);
        } finally {
            try {
                sys.close(master);
            } catch (ErrnoException ignored) {
                // the fd was ours to close; nothing else holds it
            }
        }
    }
}
