package io.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.jrunc.sys.Libc.Fn;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * memfd_create and file seals: how the init helper is run from a copy that nothing can change
 * (the CVE-2019-5736 class, see docs/security.md).
 */
final class MemfdCalls {

    /** fcntl commands (linux/fcntl.h: F_LINUX_SPECIFIC_BASE 1024 + 9 / + 10). */
    static final int F_ADD_SEALS = 1033, F_GET_SEALS = 1034;

    /** int memfd_create(const char *, unsigned int) */
    private static final Fn MEMFD_CREATE = Fn.settingErrno("memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    /** int fcntl(int, int, ... int): F_GET_SEALS ignores the third argument, so both pass one. */
    private static final Fn FCNTL = Fn.variadicSettingErrno("fcntl", 2,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));

    private MemfdCalls() {}

    static int memfdCreate(String name, int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            int fd;
            try {
                fd = (int) MEMFD_CREATE.handle().invokeExact(errno, Libc.cString(arena, name), flags);
            } catch (Throwable t) {
                throw Libc.invocationFailure(t);
            }
            if (fd < 0) throw Libc.error("memfd_create " + name + " flags 0x" + Integer.toHexString(flags), errno);
            return fd;
        }
    }

    static void addSeals(int fd, int seals) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            if (fcntl(errno, fd, F_ADD_SEALS, seals) != 0) {
                throw Libc.error("fcntl F_ADD_SEALS 0x" + Integer.toHexString(seals) + " fd " + fd, errno);
            }
        }
    }

    static int seals(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            int r = fcntl(errno, fd, F_GET_SEALS, 0);
            if (r < 0) throw Libc.error("fcntl F_GET_SEALS fd " + fd, errno);
            return r;
        }
    }

    private static int fcntl(MemorySegment errno, int fd, int cmd, int arg) {
        try {
            return (int) FCNTL.handle().invokeExact(errno, fd, cmd, arg);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }
}
