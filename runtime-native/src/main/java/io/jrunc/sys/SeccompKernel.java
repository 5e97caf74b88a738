package io.jrunc.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What the running kernel's seccomp(2) accepts, asked without installing anything: a
 * SECCOMP_SET_MODE_FILTER call with a NULL program fails with EFAULT once the flags have passed
 * the kernel's checks, and with EINVAL when it does not know them (runc 1.2's FlagSupported asks
 * the same way). Used by `features`, through {@link Syscalls#seccompFilterFlagsSupported}.
 */
final class SeccompKernel {
    private static final int SECCOMP_SET_MODE_FILTER = 1, EFAULT = 14;
    private static final Libc.Fn SYSCALL = new Libc.Fn("long syscall(long, ..., long, long, const void *)");

    private SeccompKernel() {}

    /** Whether seccomp(SECCOMP_SET_MODE_FILTER, flags, ...) takes these flags. */
    static boolean filterFlagsSupported(long flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            long r = Libc.call(SYSCALL, errno, sysSeccomp(), SECCOMP_SET_MODE_FILTER, flags, 0);
            return r < 0 && Libc.errno(errno) == EFAULT;
        }
    }

    /** __NR_seccomp, which differs per architecture. */
    private static long sysSeccomp() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 317;
            case "aarch64", "arm64" -> 277;
            default -> throw new IllegalStateException("jrunc knows the seccomp(2) syscall number only for x86_64 and aarch64, not "
                    + System.getProperty("os.arch"));
        };
    }
}
