package io.jrunc.sys;

import static io.jrunc.sys.Libc.EINTR;
import static io.jrunc.sys.Libc.call;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** File-descriptor and filesystem calls: open, read/write/close, mkfifo, poll, mount/umount2. */
final class FileCalls {

    private static final Libc.Fn OPEN = new Libc.Fn("int open(const char *, int, ..., mode_t)");
    private static final Libc.Fn READ = new Libc.Fn("ssize_t read(int, void *, size_t)");
    private static final Libc.Fn WRITE = new Libc.Fn("ssize_t write(int, const void *, size_t)");
    private static final Libc.Fn CLOSE = new Libc.Fn("int close(int)");
    private static final Libc.Fn MKFIFO = new Libc.Fn("int mkfifo(const char *, mode_t)");
    private static final Libc.Fn POLL = new Libc.Fn("int poll(struct pollfd *, nfds_t, int)");
    private static final Libc.Fn MOUNT =
            new Libc.Fn("int mount(const char *, const char *, const char *, unsigned long, const void *)");
    private static final Libc.Fn UMOUNT2 = new Libc.Fn("int umount2(const char *, int)");

    private FileCalls() {}

    static int open(String path, int flags, int mode) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            long cPath = Libc.cString(arena, path);
            while (true) {
                int fd = (int) call(OPEN, errno, cPath, flags, mode);
                if (fd >= 0) return fd;
                if (Libc.errno(errno) != EINTR) throw Libc.error("open " + path, errno);
            }
        }
    }

    /** One read(2) into {@code buffer}; 0 at end of file. Retries on EINTR. */
    static int read(int fd, byte[] buffer, int offset, int length) throws ErrnoException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) return 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment buf = arena.allocate(length);
            while (true) {
                long n = call(READ, errno, fd, buf.address(), length);
                if (n >= 0) {
                    MemorySegment.copy(buf, JAVA_BYTE, 0, buffer, offset, (int) n);
                    return (int) n;
                }
                if (Libc.errno(errno) != EINTR) throw Libc.error("read fd " + fd, errno);
            }
        }
    }

    static void writeFully(int fd, byte[] data) throws ErrnoException {
        if (data.length == 0) return;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(data.length);
            MemorySegment.copy(data, 0, buf, JAVA_BYTE, 0, data.length);
            writeFully(fd, Libc.errnoSegment(arena), buf);
        }
    }

    /** Writes all of {@code data}, retrying on short writes and EINTR. */
    static void writeFully(int fd, MemorySegment errno, MemorySegment data) throws ErrnoException {
        long done = 0, size = data.byteSize();
        while (done < size) {
            long n = call(WRITE, errno, fd, data.address() + done, size - done);
            if (n >= 0) {
                done += n;
            } else if (Libc.errno(errno) != EINTR) {
                throw Libc.error("write fd " + fd, errno);
            }
        }
    }

    /** close(2). EINTR is not retried: on Linux the fd is released even then. */
    static void close(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            if ((int) call(CLOSE, errno, fd) != 0 && Libc.errno(errno) != EINTR) {
                throw Libc.error("close fd " + fd, errno);
            }
        }
    }

    /** Close for clean-up paths, where a failure must not hide the original error. */
    static void closeQuietly(int fd) {
        if (fd < 0) return;
        try {
            close(fd);
        } catch (ErrnoException ignored) {
            // best effort
        }
    }

    static void mkfifo(String path, int mode) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            if ((int) call(MKFIFO, errno, Libc.cString(arena, path), mode) != 0) {
                throw Libc.error("mkfifo " + path, errno);
            }
        }
    }

    /** poll(2) on one fd; EINTR is retried with the time that is left. Returns revents, 0 on time-out. */
    static int poll(int fd, int events, int timeoutMillis) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            // struct pollfd { int fd; short events; short revents; }
            MemorySegment pollfd = arena.allocate(8, 4);
            long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
            int timeout = timeoutMillis;
            while (true) {
                pollfd.set(JAVA_INT, 0, fd);
                pollfd.set(JAVA_SHORT, 4, (short) events);
                pollfd.set(JAVA_SHORT, 6, (short) 0);
                int r = (int) call(POLL, errno, pollfd.address(), 1, timeout);
                if (r > 0) return Short.toUnsignedInt(pollfd.get(JAVA_SHORT, 6));
                if (r == 0) return 0;
                if (Libc.errno(errno) != EINTR) throw Libc.error("poll fd " + fd, errno);
                if (timeoutMillis > 0) timeout = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            }
        }
    }

    static void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            int r = (int) call(MOUNT, errno, Libc.cString(arena, source), Libc.cString(arena, target),
                    Libc.cString(arena, fstype), flags, Libc.cString(arena, data));
            if (r != 0) {
                throw Libc.error("mount " + source + " on " + target
                        + (fstype == null ? "" : " type " + fstype) + " flags 0x" + Long.toHexString(flags), errno);
            }
        }
    }

    static void umount2(String target, int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            if ((int) call(UMOUNT2, errno, Libc.cString(arena, target), flags) != 0) {
                throw Libc.error("umount2 " + target, errno);
            }
        }
    }
}
