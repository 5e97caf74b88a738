package io.jrunc.sys;

import static io.jrunc.sys.Libc.EINTR;
import static io.jrunc.sys.Libc.call;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
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

    private static final Libc.Fn WAITPID = new Libc.Fn("pid_t waitpid(pid_t, int *, int)");
    private static final Libc.Fn KILL = new Libc.Fn("int kill(pid_t, int)");
    private static final Libc.Fn SYSCALL = new Libc.Fn("long syscall(long, ..., long, long, void *, long)");
    private static final Libc.Fn PRCTL =
            new Libc.Fn("int prctl(int, ..., unsigned long, unsigned long, unsigned long, unsigned long)");
    private static final Libc.Fn SIGACTION =
            new Libc.Fn("int sigaction(int, const struct sigaction *, struct sigaction *)");
    private static final Libc.Fn GETPID = new Libc.Fn("pid_t getpid(void)");
    private static final Libc.Fn GETEUID = new Libc.Fn("uid_t geteuid(void)");

    private ProcessCalls() {}

    /** waitpid(2), retrying on EINTR; null when WNOHANG found no change. */
    static Syscalls.WaitStatus waitpid(int pid, int options) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment status = arena.allocate(JAVA_INT);
            while (true) {
                int r = (int) call(WAITPID, errno, pid, status.address(), options);
                if (r > 0) return new Syscalls.WaitStatus(r, status.get(JAVA_INT, 0));
                if (r == 0) return null;
                if (Libc.errno(errno) != EINTR) throw Libc.error("waitpid " + pid, errno);
            }
        }
    }

    static void kill(int pid, int signal) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            if ((int) call(KILL, errno, pid, signal) != 0) throw Libc.error("kill " + pid + " signal " + signal, errno);
        }
    }

    /** pidfd_open(pid, 0). The fd is close-on-exec, as the kernel always makes it. */
    static int pidfdOpen(int pid) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            long r = call(SYSCALL, errno, SYS_PIDFD_OPEN, pid, 0);
            if (r < 0) throw Libc.error("pidfd_open " + pid, errno);
            return (int) r;
        }
    }

    /** pidfd_send_signal(pidfd, sig, NULL, 0). */
    static void pidfdSendSignal(int pidfd, int signal) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            if (call(SYSCALL, errno, SYS_PIDFD_SEND_SIGNAL, pidfd, signal, 0, 0) != 0) {
                throw Libc.error("pidfd_send_signal fd " + pidfd + " signal " + signal, errno);
            }
        }
    }

    static void becomeSubreaper() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            if ((int) call(PRCTL, errno, PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
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
            if ((int) call(SIGACTION, errno, signal, 0, old.address()) != 0) throw Libc.error("sigaction " + signal, errno);
            if (old.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0) != SIG_IGN) return false;
            MemorySegment dfl = arena.allocate(SIGACTION_SIZE, 8);
            if ((int) call(SIGACTION, errno, signal, dfl.address(), 0) != 0) throw Libc.error("sigaction " + signal, errno);
            return true;
        }
    }

    static int getpid() {
        try (Arena arena = Arena.ofConfined()) {
            return (int) call(GETPID, Libc.errnoSegment(arena));
        }
    }

    static int geteuid() {
        try (Arena arena = Arena.ofConfined()) {
            return (int) call(GETEUID, Libc.errnoSegment(arena));
        }
    }
}
