package io.jrunc.cli.planner;

import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes to an fd the caller sent (its stdout or stderr) with write(2). No fd (-1, the caller's was
 * closed): output is dropped, as it would be by the caller.
 */
final class FdOutputStream extends OutputStream {
    private final Syscalls sys;
    private final int fd;

    FdOutputStream(Syscalls sys, int fd) {
        this.sys = sys;
        this.fd = fd;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fd < 0 || len == 0) return;
        try {
            sys.writeFully(fd, off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len));
        } catch (ErrnoException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
