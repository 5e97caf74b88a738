package io.jrunc.sys;

import static io.jrunc.sys.Libc.EINTR;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jrunc.sys.Libc.Fn;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** File-descriptor and filesystem calls: open, read/write/close, mkfifo, poll, mount/umount2. */
final class FileCalls {

    /** int open(const char *, int, ... mode_t): the mode is always passed (ignored without O_CREAT). */
    private static final Fn OPEN = Fn.variadicSettingErrno("open", 2,
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    /** ssize_t read(int, void *, size_t), and write with the same shape. */
    private static final FunctionDescriptor READ_WRITE = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final Fn READ = Fn.settingErrno("read", READ_WRITE);
    private static final Fn WRITE = Fn.settingErrno("write", READ_WRITE);
    private static final Fn CLOSE = Fn.settingErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** int f(const char *, mode_t / int): mkfifo and umount2. */
    private static final FunctionDescriptor PATH_INT = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    private static final Fn MKFIFO = Fn.settingErrno("mkfifo", PATH_INT);
    private static final Fn UMOUNT2 = Fn.settingErrno("umount2", PATH_INT);
    /** int poll(struct pollfd *, nfds_t, int) */
    private static final Fn POLL = Fn.settingErrno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    /** int mount(const char *, const char *, const char *, unsigned long, const void *) */
    private static final Fn MOUNT = Fn.settingErrno("mount",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));

    private FileCalls() {}

    static int open(String path, int flags, int mode) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment cPath = Libc.cString(arena, path);
            while (true) {
                int fd;
                try {
                    fd = (int) OPEN.handle().invokeExact(errno, cPath, flags, mode);
                } catch (Throwable t) {
                    throw Libc.invocationFailure(t);
                }
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
                long n = readWrite(READ, errno, fd, buf, length);
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
            long n = readWrite(WRITE, errno, fd, data.asSlice(done), size - done);
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
            if (close(errno, fd) != 0 && Libc.errno(errno) != EINTR) {
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
            if (pathInt(MKFIFO, errno, Libc.cString(arena, path), mode) != 0) {
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
                int r;
                try {
                    r = (int) POLL.handle().invokeExact(errno, pollfd, 1L, timeout);
                } catch (Throwable t) {
                    throw Libc.invocationFailure(t);
                }
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
            int r;
            try {
                r = (int) MOUNT.handle().invokeExact(errno, Libc.cString(arena, source), Libc.cString(arena, target),
                        Libc.cString(arena, fstype), flags, Libc.cString(arena, data));
            } catch (Throwable t) {
                throw Libc.invocationFailure(t);
            }
            if (r != 0) {
                throw Libc.error("mount " + source + " on " + target
                        + (fstype == null ? "" : " type " + fstype) + " flags 0x" + Long.toHexString(flags), errno);
            }
        }
    }

    static void umount2(String target, int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            if (pathInt(UMOUNT2, errno, Libc.cString(arena, target), flags) != 0) {
                throw Libc.error("umount2 " + target, errno);
            }
        }
    }

    private static long readWrite(Fn fn, MemorySegment errno, int fd, MemorySegment buf, long count) {
        try {
            return (long) fn.handle().invokeExact(errno, fd, buf, count);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    /** close(2) with its errno left in {@code errno}; 0 or -1. */
    static int close(MemorySegment errno, int fd) {
        try {
            return (int) CLOSE.handle().invokeExact(errno, fd);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    private static int pathInt(Fn fn, MemorySegment errno, MemorySegment path, int arg) {
        try {
            return (int) fn.handle().invokeExact(errno, path, arg);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }
}
