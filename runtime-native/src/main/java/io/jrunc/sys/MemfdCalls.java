package io.jrunc.sys;

import static io.jrunc.sys.Libc.call;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * memfd_create and file seals: how the init helper is run from a copy that nothing can change
 * (the CVE-2019-5736 class, see docs/security.md).
 */
final class MemfdCalls {

    /** fcntl commands (linux/fcntl.h: F_LINUX_SPECIFIC_BASE 1024 + 9 / + 10). */
    static final int F_ADD_SEALS = 1033, F_GET_SEALS = 1034;

    private static final Libc.Fn MEMFD_CREATE = new Libc.Fn("int memfd_create(const char *, unsigned int)");
    private static final Libc.Fn FCNTL = new Libc.Fn("int fcntl(int, int, ..., int)");

    private MemfdCalls() {}

    static int memfdCreate(String name, int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            int fd = (int) call(MEMFD_CREATE, errno, Libc.cString(arena, name), flags);
            if (fd < 0) throw Libc.error("memfd_create " + name + " flags 0x" + Integer.toHexString(flags), errno);
            return fd;
        }
    }

    static void addSeals(int fd, int seals) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            if ((int) call(FCNTL, errno, fd, F_ADD_SEALS, seals) != 0) {
                throw Libc.error("fcntl F_ADD_SEALS 0x" + Integer.toHexString(seals) + " fd " + fd, errno);
            }
        }
    }

    static int seals(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            int r = (int) call(FCNTL, errno, fd, F_GET_SEALS);
            if (r < 0) throw Libc.error("fcntl F_GET_SEALS fd " + fd, errno);
            return r;
        }
    }
}
