package io.jrunc.sys;

import static io.jrunc.sys.Libc.EINTR;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.sys.Libc.Fn;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/** Process calls: waitpid, kill, pidfd_open / pidfd_send_signal, prctl, sigaction, getpid, geteuid. */
final class ProcessCalls {

    /**
     * Syscall numbers of pidfd_send_signal and pidfd_open. They are called through syscall(2) so
     * that a glibc older than 2.36 (no wrappers) works too. Both come from the unified table added
     * in Linux 5.1 and are the same on x86_64 and aarch64.
     */
    static final long SYS_PIDFD_SEND_SIGNAL = 424, SYS_PIDFD_OPEN = 434;

    static final int PR_SET_CHILD_SUBREAPER = 36;

    /** pid_t waitpid(pid_t, int *, int) */
    private static final Fn WAITPID = Fn.settingErrno("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** int kill(pid_t, int) */
    private static final Fn KILL = Fn.settingErrno("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /**
     * long syscall(long, ...) as pidfd_open(pid, flags) and pidfd_send_signal(pidfd, sig, info, flags)
     * call it. The C library reads every variadic argument as a long, so ints travel as longs.
     */
    private static final Fn SYSCALL_PIDFD_OPEN = Fn.variadicSettingErrno("syscall", 1,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    private static final Fn SYSCALL_PIDFD_SEND_SIGNAL = Fn.variadicSettingErrno("syscall", 1,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG));
    /** int prctl(int, ...): glibc reads four unsigned longs after the option, so all four are passed. */
    private static final Fn PRCTL = Fn.variadicSettingErrno("prctl", 1,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    /** int sigaction(int, const struct sigaction *, struct sigaction *) */
    private static final Fn SIGACTION = Fn.settingErrno("sigaction", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** pid_t getpid(void) and uid_t geteuid(void): they cannot fail. */
    private static final FunctionDescriptor ID = FunctionDescriptor.of(JAVA_INT);
    private static final Fn GETPID = Fn.of("getpid", ID);
    private static final Fn GETEUID = Fn.of("geteuid", ID);

    private ProcessCalls() {}

    /** waitpid(2), retrying on EINTR; null when WNOHANG found no change. */
    static Syscalls.WaitStatus waitpid(int pid, int options) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment status = arena.allocate(JAVA_INT);
            while (true) {
                int r;
                try {
                    r = (int) WAITPID.handle().invokeExact(errno, pid, status, options);
                } catch (Throwable t) {
                    throw Libc.invocationFailure(t);
                }
                if (r > 0) return new Syscalls.WaitStatus(r, status.get(JAVA_INT, 0));
                if (r == 0) return null;
                if (Libc.errno(errno) != EINTR) throw Libc.error("waitpid " + pid, errno);
            }
        }
    }

    static void kill(int pid, int signal) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            int r;
            try {
                r = (int) KILL.handle().invokeExact(errno, pid, signal);
            } catch (Throwable t) {
                throw Libc.invocationFailure(t);
            }
            if (r != 0) throw Libc.error("kill " + pid + " signal " + signal, errno);
        }
    }

    /** pidfd_open(pid, 0). The fd is close-on-exec, as the kernel always makes it. */
    static int pidfdOpen(int pid) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            long r;
            try {
                r = (long) SYSCALL_PIDFD_OPEN.handle().invokeExact(errno, SYS_PIDFD_OPEN, (long) pid, 0L);
            } catch (Throwable t) {
                throw Libc.invocationFailure(t);
            }
            if (r < 0) throw Libc.error("pidfd_open " + pid, errno);
            return (int) r;
        }
    }

    /** pidfd_send_signal(pidfd, sig, NULL, 0). */
    static void pidfdSendSignal(int pidfd, int signal) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            long r;
            try {
                r = (long) SYSCALL_PIDFD_SEND_SIGNAL.handle().invokeExact(errno, SYS_PIDFD_SEND_SIGNAL, (long) pidfd,
                        (long) signal, MemorySegment.NULL, 0L);
            } catch (Throwable t) {
                throw Libc.invocationFailure(t);
            }
            if (r != 0) {
                throw Libc.error("pidfd_send_signal fd " + pidfd + " signal " + signal, errno);
            }
        }
    }

    static void becomeSubreaper() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            int r;
            try {
                r = (int) PRCTL.handle().invokeExact(errno, PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L);
            } catch (Throwable t) {
                throw Libc.invocationFailure(t);
            }
            if (r != 0) {
                throw Libc.error("prctl PR_SET_CHILD_SUBREAPER", errno);
            }
        }
    }

    /**
     * C library struct sigaction: sa_handler first (glibc and musl, x86_64 and aarch64), 152 bytes
     * in glibc; all zero is {handler SIG_DFL, empty mask, no flags}. Allocated larger to be safe.
     */
    private static final long SIGACTION_SIZE = 256;
    private static final long SIG_IGN = 1;

    static boolean restoreDefaultIfIgnored(int signal) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment old = arena.allocate(SIGACTION_SIZE, 8); // zeroed by the arena
            if (sigaction(errno, signal, MemorySegment.NULL, old) != 0) throw Libc.error("sigaction " + signal, errno);
            if (old.get(JAVA_LONG, 0) != SIG_IGN) return false;
            MemorySegment dfl = arena.allocate(SIGACTION_SIZE, 8);
            if (sigaction(errno, signal, dfl, MemorySegment.NULL) != 0) throw Libc.error("sigaction " + signal, errno);
            return true;
        }
    }

    private static int sigaction(MemorySegment errno, int signal, MemorySegment act, MemorySegment oldact) {
        try {
            return (int) SIGACTION.handle().invokeExact(errno, signal, act, oldact);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    static int getpid() {
        return id(GETPID);
    }

    static int geteuid() {
        return id(GETEUID);
    }

    private static int id(Fn fn) {
        try {
            return (int) fn.handle().invokeExact();
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }
}
