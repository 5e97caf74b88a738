package io.jrunc.sys;

import static io.jrunc.sys.Libc.EINTR;
import static io.jrunc.sys.Libc.call;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * AF_UNIX stream sockets: socketpair, connecting to / listening on a path, and passing one fd
 * with SCM_RIGHTS through sendmsg/recvmsg. Structure layouts are those of LP64 Linux (x86_64,
 * aarch64).
 */
final class UnixSockets {

    static final int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1, SCM_RIGHTS = 1;
    static final int MSG_NOSIGNAL = 0x4000, MSG_CMSG_CLOEXEC = 0x40000000;

    // struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }
    static final int SOCKADDR_UN_SIZE = 110, SUN_PATH_OFFSET = 2, SUN_PATH_MAX = 108;

    // struct iovec { void *iov_base; size_t iov_len; }
    static final long IOVEC_SIZE = 16, IOV_BASE = 0, IOV_LEN = 8;

    // struct msghdr { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov; size_t msg_iovlen;
    //                 void *msg_control; size_t msg_controllen; int msg_flags; }
    static final long MSGHDR_SIZE = 56, MSG_IOV = 16, MSG_IOVLEN = 24, MSG_CONTROL = 32, MSG_CONTROLLEN = 40,
            MSG_FLAGS = 48;

    // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; unsigned char data[]; }
    static final long CMSG_HDR = 16, CMSG_LEN = 0, CMSG_LEVEL = 8, CMSG_TYPE = 12;

    /** Control space received: room for several fds so that extra ones can be closed, not leaked. */
    static final int RECV_MAX_FDS = 8;

    private static final Libc.Fn SOCKETPAIR = new Libc.Fn("int socketpair(int, int, int, int [2])");
    private static final Libc.Fn SOCKET = new Libc.Fn("int socket(int, int, int)");
    private static final Libc.Fn CONNECT = new Libc.Fn("int connect(int, const struct sockaddr *, socklen_t)");
    private static final Libc.Fn BIND = new Libc.Fn("int bind(int, const struct sockaddr *, socklen_t)");
    private static final Libc.Fn LISTEN = new Libc.Fn("int listen(int, int)");
    private static final Libc.Fn ACCEPT4 = new Libc.Fn("int accept4(int, struct sockaddr *, socklen_t *, int)");
    private static final Libc.Fn SENDMSG = new Libc.Fn("ssize_t sendmsg(int, const struct msghdr *, int)");
    private static final Libc.Fn RECVMSG = new Libc.Fn("ssize_t recvmsg(int, struct msghdr *, int)");
    private static final Libc.Fn GETSOCKOPT = new Libc.Fn("int getsockopt(int, int, int, void *, socklen_t *)");

    // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
    static final int SO_PEERCRED = 17, UCRED_SIZE = 12;

    private UnixSockets() {}

    static int[] socketPair() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            if ((int) call(SOCKETPAIR, errno, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds.address()) != 0) {
                throw Libc.error("socketpair", errno);
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        }
    }

    /** A new AF_UNIX stream socket, close-on-exec. */
    private static int socket(MemorySegment errno, String path) throws ErrnoException {
        int fd = (int) call(SOCKET, errno, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw Libc.error("socket for " + path, errno);
        return fd;
    }

    /** A {@code struct sockaddr_un} for {@code path}; its length covers the path and its NUL. */
    private static MemorySegment sockaddr(Arena arena, String call, String path) throws ErrnoException {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length >= SUN_PATH_MAX) throw Libc.error(call, Libc.ENAMETOOLONG);
        MemorySegment addr = arena.allocate(SOCKADDR_UN_SIZE, 2); // zero-filled
        addr.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(bytes, 0, addr, JAVA_BYTE, SUN_PATH_OFFSET, bytes.length);
        return addr.asSlice(0, SUN_PATH_OFFSET + bytes.length + 1L);
    }

    /** Connects a new socket to {@code path}; the caller closes the returned fd. */
    static int connect(String path) throws ErrnoException {
        String call = "connect " + path;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment addr = sockaddr(arena, call, path);
            int fd = socket(errno, path);
            boolean connected = false;
            try {
                while (true) {
                    if ((int) call(CONNECT, errno, fd, addr.address(), addr.byteSize()) == 0) break;
                    // An AF_UNIX connect interrupted while waiting for backlog room has not
                    // connected (unlike TCP), so calling it again is right.
                    if (Libc.errno(errno) != EINTR) throw Libc.error(call, errno);
                }
                connected = true;
                return fd;
            } finally {
                if (!connected) FileCalls.closeQuietly(fd);
            }
        }
    }

    /** A socket bound to {@code path} and listening; the caller closes it and removes the path. */
    static int listen(String path, int backlog) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment addr = sockaddr(arena, "bind " + path, path);
            int fd = socket(errno, path);
            boolean listening = false;
            try {
                if ((int) call(BIND, errno, fd, addr.address(), addr.byteSize()) != 0) {
                    throw Libc.error("bind " + path, errno);
                }
                if ((int) call(LISTEN, errno, fd, backlog) != 0) throw Libc.error("listen " + path, errno);
                listening = true;
                return fd;
            } finally {
                if (!listening) FileCalls.closeQuietly(fd);
            }
        }
    }

    /** getsockopt(fd, SOL_SOCKET, SO_PEERCRED): the peer's {pid, uid, gid} as the kernel saw them at connect. */
    static int[] peerCredentials(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment cred = arena.allocate(UCRED_SIZE, 4);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, UCRED_SIZE);
            if ((int) call(GETSOCKOPT, errno, fd, SOL_SOCKET, SO_PEERCRED, cred.address(), len.address()) != 0) {
                throw Libc.error("getsockopt SO_PEERCRED fd " + fd, errno);
            }
            return new int[] {cred.get(JAVA_INT, 0), cred.get(JAVA_INT, 4), cred.get(JAVA_INT, 8)};
        }
    }

    /** accept4(fd, NULL, NULL, SOCK_CLOEXEC), retrying on EINTR. */
    static int accept(int listenFd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            while (true) {
                int fd = (int) call(ACCEPT4, errno, listenFd, 0, 0, SOCK_CLOEXEC);
                if (fd >= 0) return fd;
                if (Libc.errno(errno) != EINTR) throw Libc.error("accept fd " + listenFd, errno);
            }
        }
    }

    static void sendFdToUnixSocket(String socketPath, int fdToSend, byte[] payload) throws ErrnoException {
        int fd = connect(socketPath);
        try {
            sendWithFd(fd, fdToSend, payload, "sendmsg to " + socketPath);
        } finally {
            FileCalls.closeQuietly(fd);
        }
    }

    /**
     * One sendmsg carrying {@code payload} and {@code fdToSend} as SCM_RIGHTS; any part of the
     * payload the kernel did not take is then written plainly. An empty payload is sent as one
     * NUL byte: a stream socket passes no ancillary data without at least one data byte.
     */
    static void sendWithFd(int socketFd, int fdToSend, byte[] payload, String call) throws ErrnoException {
        byte[] data = payload.length == 0 ? new byte[1] : payload;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment buf = arena.allocate(data.length);
            MemorySegment.copy(data, 0, buf, JAVA_BYTE, 0, data.length);

            MemorySegment iov = arena.allocate(IOVEC_SIZE, 8);
            iov.set(ADDRESS, IOV_BASE, buf);
            iov.set(JAVA_LONG, IOV_LEN, data.length);

            long space = CMSG_HDR + 8; // CMSG_SPACE(sizeof(int))
            MemorySegment control = arena.allocate(space, 8);
            control.set(JAVA_LONG, CMSG_LEN, CMSG_HDR + 4); // CMSG_LEN(sizeof(int))
            control.set(JAVA_INT, CMSG_LEVEL, SOL_SOCKET);
            control.set(JAVA_INT, CMSG_TYPE, SCM_RIGHTS);
            control.set(JAVA_INT, CMSG_HDR, fdToSend);

            MemorySegment msg = arena.allocate(MSGHDR_SIZE, 8);
            msg.set(ADDRESS, MSG_IOV, iov);
            msg.set(JAVA_LONG, MSG_IOVLEN, 1);
            msg.set(ADDRESS, MSG_CONTROL, control);
            msg.set(JAVA_LONG, MSG_CONTROLLEN, space);

            long sent;
            while ((sent = call(SENDMSG, errno, socketFd, msg.address(), MSG_NOSIGNAL)) < 0) {
                if (Libc.errno(errno) != EINTR) throw Libc.error(call, errno);
            }
            if (sent < data.length) FileCalls.writeFully(socketFd, errno, buf.asSlice(sent));
        }
    }

    /**
     * recvmsg into {@code buffer} accepting SCM_RIGHTS fds (received close-on-exec). The first fd
     * is returned; any further ones are closed so they do not leak.
     */
    static Syscalls.Received receiveWithFd(int fd, byte[] buffer, int offset, int length) throws ErrnoException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment buf = arena.allocate(Math.max(1, length));

            MemorySegment iov = arena.allocate(IOVEC_SIZE, 8);
            iov.set(ADDRESS, IOV_BASE, buf);
            iov.set(JAVA_LONG, IOV_LEN, length);

            long space = CMSG_HDR + 4L * RECV_MAX_FDS; // CMSG_SPACE(RECV_MAX_FDS * sizeof(int)), 8-aligned
            MemorySegment control = arena.allocate(space, 8);
            MemorySegment msg = arena.allocate(MSGHDR_SIZE, 8);
            long n;
            do {
                msg.set(ADDRESS, MSG_IOV, iov);
                msg.set(JAVA_LONG, MSG_IOVLEN, 1);
                msg.set(ADDRESS, MSG_CONTROL, control);
                msg.set(JAVA_LONG, MSG_CONTROLLEN, space);
                msg.set(JAVA_INT, MSG_FLAGS, 0);
                n = call(RECVMSG, errno, fd, msg.address(), MSG_CMSG_CLOEXEC);
                if (n < 0 && Libc.errno(errno) != EINTR) throw Libc.error("recvmsg fd " + fd, errno);
            } while (n < 0);
            int received = receivedFds(control, msg.get(JAVA_LONG, MSG_CONTROLLEN));
            MemorySegment.copy(buf, JAVA_BYTE, 0, buffer, offset, (int) n);
            return new Syscalls.Received((int) n, received);
        }
    }

    /** Walks the control messages (CMSG_FIRSTHDR/CMSG_NXTHDR): keeps the first fd, closes the rest. */
    private static int receivedFds(MemorySegment control, long controlLen) {
        int first = -1;
        long at = 0;
        while (at + CMSG_HDR <= controlLen) {
            long len = control.get(JAVA_LONG, at + CMSG_LEN);
            if (len < CMSG_HDR || at + len > controlLen) break;
            if (control.get(JAVA_INT, at + CMSG_LEVEL) == SOL_SOCKET
                    && control.get(JAVA_INT, at + CMSG_TYPE) == SCM_RIGHTS) {
                for (long p = at + CMSG_HDR; p + 4 <= at + len; p += 4) {
                    int received = control.get(JAVA_INT, p);
                    if (first < 0) first = received;
                    else FileCalls.closeQuietly(received);
                }
            }
            at += (len + 7) & ~7L;
        }
        return first;
    }
}
