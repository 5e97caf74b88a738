package io.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.sys.Libc.Fn;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * What the running kernel's seccomp(2) accepts, asked without installing anything: a
 * SECCOMP_SET_MODE_FILTER call with a NULL program fails with EFAULT once the flags have passed
 * the kernel's checks, and with EINVAL when it does not know them (runc 1.2's FlagSupported asks
 * the same way). Used by `features`.
 */
public final class SeccompKernel {
    private static final int SECCOMP_SET_MODE_FILTER = 1, EFAULT = 14;
    /** long syscall(long, ...) as seccomp(op, flags, args) calls it (variadic arguments are read as longs). */
    private static final Fn SYSCALL_SECCOMP = Fn.variadicSettingErrno("syscall", 1,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS));

    private SeccompKernel() {}

    /** Whether seccomp(SECCOMP_SET_MODE_FILTER, flags, ...) takes these flags. */
    public static boolean filterFlagsSupported(long flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            long r;
            try {
                r = (long) SYSCALL_SECCOMP.handle().invokeExact(errno, sysSeccomp(), (long) SECCOMP_SET_MODE_FILTER, flags,
                        MemorySegment.NULL);
            } catch (Throwable t) {
                throw Libc.invocationFailure(t);
            }
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
