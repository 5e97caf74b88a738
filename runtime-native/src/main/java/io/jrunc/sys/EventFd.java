package io.jrunc.sys;

import static io.jrunc.sys.Libc.call;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * eventfd(2): the counter the cgroup v1 memory controller signals when the cgroup hits OOM (it is
 * registered through cgroup.event_control). Read it with {@link Syscalls#read} (8 bytes) and wait
 * with {@link Syscalls#poll}.
 */
final class EventFd {
    private static final Libc.Fn EVENTFD = new Libc.Fn("int eventfd(unsigned int, int)");

    private EventFd() {}

    static int create(int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            int fd = (int) call(EVENTFD, errno, 0, flags);
            if (fd < 0) throw Libc.error("eventfd", errno);
            return fd;
        }
    }
}
