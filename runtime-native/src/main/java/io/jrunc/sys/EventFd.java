package io.jrunc.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.jrunc.sys.Libc.Fn;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * eventfd(2): the counter the cgroup v1 memory controller signals when the cgroup hits OOM (it is
 * registered through cgroup.event_control). Read it with {@link Syscalls#read} (8 bytes) and wait
 * with {@link Syscalls#poll}.
 */
public final class EventFd {
    /** eventfd flags (same values as O_CLOEXEC / O_NONBLOCK). */
    public static final int EFD_CLOEXEC = 02000000, EFD_NONBLOCK = 04000;

    /** int eventfd(unsigned int, int) */
    private static final Fn EVENTFD = Fn.settingErrno("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private EventFd() {}

    public static int create(int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            int fd;
            try {
                fd = (int) EVENTFD.handle().invokeExact(errno, 0, flags);
            } catch (Throwable t) {
                throw Libc.invocationFailure(t);
            }
            if (fd < 0) throw Libc.error("eventfd", errno);
            return fd;
        }
    }
}
