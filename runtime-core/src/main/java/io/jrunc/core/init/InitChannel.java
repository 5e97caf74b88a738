package io.jrunc.core.init;

import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Message framing on the socket to jrunc-init: {@code u32 type, u32 length, body} (docs/plan-protocol.md).
 * Public because the planner's socket to its front end uses the same framing
 * (docs/planner-protocol.md).
 */
public final class InitChannel {
    public static final int PLAN = 1, ACK = 2, ABORT = 3;
    public static final int PID = 101, SYNC = 102, READY = 103, ERROR = 104, FD = 105;

    /** A message from the peer; {@code fd} is -1 unless one came with it. */
    public record Message(int type, ByteBuffer body, int fd) {}

    private final Syscalls sys;
    private final int socket;

    public InitChannel(Syscalls sys, int socket) {
        this.sys = sys;
        this.socket = socket;
    }

    public void send(int type, byte[] body) throws ErrnoException {
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(body.length);
        byte[] frame = new byte[8 + body.length];
        System.arraycopy(header.array(), 0, frame, 0, 8);
        System.arraycopy(body, 0, frame, 8, body.length);
        sys.writeFully(socket, frame);
    }

    /** One message with {@code fd} passed as SCM_RIGHTS on it. */
    public void sendWithFd(int type, byte[] body, int fd) throws ErrnoException {
        ByteBuffer frame = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(type).putInt(body.length).put(body);
        sys.sendWithFd(socket, fd, frame.array());
    }

    /** The next message, or null at EOF (the peer exited, or the helper exec'ed). */
    public Message receive() throws ErrnoException {
        byte[] header = new byte[8];
        Syscalls.Received first = sys.receiveWithFd(socket, header, 0, 8);
        if (first.bytes() == 0) return null;
        int fd = first.fd();
        if (first.bytes() < 8 && !readFully(header, first.bytes(), 8 - first.bytes())) return null;
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int type = h.getInt();
        int length = h.getInt();
        byte[] body = new byte[length];
        if (length > 0 && !readFully(body, 0, length)) return null;
        return new Message(type, ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN), fd);
    }

    private boolean readFully(byte[] buffer, int offset, int length) throws ErrnoException {
        while (length > 0) {
            int n = sys.read(socket, buffer, offset, length);
            if (n == 0) return false;
            offset += n;
            length -= n;
        }
        return true;
    }
}
