package io.jrunc.sys;

import java.util.List;

/**
 * The parent-side system calls jrunc makes from the JVM. Everything that happens inside the
 * container is done by the C helper; this facade covers what the runtime itself needs around it.
 *
 * <p>Core depends on this interface only, so lifecycle code can be unit-tested with a double.
 * Every method throws {@link ErrnoException} (carrying errno and the call's name) on failure.
 */
public interface Syscalls {

    /** The real implementation, bound through the JDK's FFM API on first use. */
    static Syscalls linux() {
        return LinuxSyscalls.INSTANCE;
    }

    /**
     * A hint from a command that will make native calls: start the JDK's one-time link work now,
     * on another thread, so it overlaps the command's own work (reading and compiling config.json,
     * the state file...) instead of delaying its first call by the whole link (docs/performance.md,
     * "Figures behind the code"). Calls made before the
     * link is done wait for it. Test doubles need not do anything.
     */
    default void linkAhead() {}

    /** {@code socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC)}; returns both ends. */
    int[] socketPair() throws ErrnoException;

    /**
     * {@code posix_spawn} of {@code path}. Each entry of {@code dup2} maps a parent fd to a child fd
     * (through file actions); fds 0-2 are inherited. The child's signal mask is emptied and all
     * signals are reset to default. Returns the child's pid.
     *
     * <p>The child gets fds 0-2 and the mapped fds, nothing else: every other fd is closed, since
     * the JVM keeps fds that are not close-on-exec. Each child fd refers to what its parent fd
     * refers to in the parent, whatever the other mappings do: they may overlap (a parent fd that
     * is another mapping's target, swaps) and may map a fd to itself. Mapped fds are not
     * close-on-exec in the child even when they are in the parent. A missing or non-executable
     * {@code path} fails here (ENOENT, EACCES).
     */
    int spawn(String path, List<String> argv, List<String> envp, List<FdMapping> dup2) throws ErrnoException;

    record FdMapping(int parentFd, int childFd) {}

    /** Writes all of {@code data}, retrying on short writes and EINTR. */
    void writeFully(int fd, byte[] data) throws ErrnoException;

    /** One {@code read}: returns the byte count, 0 at EOF. Retries on EINTR. */
    int read(int fd, byte[] buffer, int offset, int length) throws ErrnoException;

    /**
     * {@code recvmsg} that also accepts one SCM_RIGHTS fd; returns the bytes read and the fd (or -1).
     * The received fd is close-on-exec; extra fds in the same message are closed.
     */
    Received receiveWithFd(int fd, byte[] buffer, int offset, int length) throws ErrnoException;

    record Received(int bytes, int fd) {}

    /** Connects to the unix socket at {@code socketPath} and sends {@code fdToSend} with SCM_RIGHTS and {@code payload}. */
    void sendFdToUnixSocket(String socketPath, int fdToSend, byte[] payload) throws ErrnoException;

    /**
     * One {@code sendmsg} on a connected unix socket carrying {@code payload} and {@code fdToSend}
     * (SCM_RIGHTS); the rest of a short send is written plainly. An empty payload is sent as one NUL
     * byte, since a stream socket passes no fd without data.
     */
    void sendWithFd(int socketFd, int fdToSend, byte[] payload) throws ErrnoException;

    /** A unix stream socket (close-on-exec) bound to {@code socketPath} and listening. The caller removes the path. */
    int listenUnix(String socketPath) throws ErrnoException;

    /** {@code accept4(listenFd, NULL, NULL, SOCK_CLOEXEC)}, retrying on EINTR. */
    int accept(int listenFd) throws ErrnoException;

    /** SO_PEERCRED of a connected unix socket: {@code {pid, uid, gid}} of the process that connected. */
    int[] peerCredentials(int socketFd) throws ErrnoException;

    void close(int fd) throws ErrnoException;

    /** {@code open(path, flags, mode)}; flags are Linux O_* values, see {@link OpenFlags}. */
    int open(String path, int flags, int mode) throws ErrnoException;

    /** {@code mkfifo(path, mode)}. */
    void mkfifo(String path, int mode) throws ErrnoException;

    /** {@code memfd_create(name, flags)}; flags are {@link MemfdFlags}. */
    int memfdCreate(String name, int flags) throws ErrnoException;

    /** {@code fcntl(fd, F_ADD_SEALS, seals)}; seals are {@link Seals}. */
    void addSeals(int fd, int seals) throws ErrnoException;

    /** {@code fcntl(fd, F_GET_SEALS)}. */
    int seals(int fd) throws ErrnoException;

    /** {@code poll} on one fd for the given events; returns revents, 0 on time-out. */
    int poll(int fd, int events, int timeoutMillis) throws ErrnoException;

    /** {@code waitpid(pid, &status, options)}; returns null when WNOHANG found nothing. */
    WaitStatus waitpid(int pid, int options) throws ErrnoException;

    /** {@code kill(pid, sig)}. */
    void kill(int pid, int signal) throws ErrnoException;

    /** {@code pidfd_open(pid, 0)}: a handle that cannot be fooled by pid reuse. */
    int pidfdOpen(int pid) throws ErrnoException;

    /** {@code pidfd_send_signal(pidfd, sig, NULL, 0)}. */
    void pidfdSendSignal(int pidfd, int signal) throws ErrnoException;

    /** {@code prctl(PR_SET_CHILD_SUBREAPER, 1)}: orphans of our children are re-parented to us. */
    void becomeSubreaper() throws ErrnoException;

    /**
     * If {@code signal}'s disposition is SIG_IGN (inherited: a shell starts background jobs with
     * SIGINT ignored, nohup ignores SIGHUP), sets it to SIG_DFL with {@code sigaction}; returns
     * whether it was ignored. The JVM will not install a Java handler over an ignored SIGHUP,
     * SIGINT or SIGTERM (it says nothing and installs nothing), so a command that must catch them
     * calls this first.
     */
    boolean restoreDefaultIfIgnored(int signal) throws ErrnoException;

    int getpid();

    int geteuid();

    /** {@code mount(2)}; null for unused arguments. */
    void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException;

    /** {@code umount2(target, flags)}. */
    void umount2(String target, int flags) throws ErrnoException;

    /**
     * {@code eventfd(0, flags)}: the counter the cgroup v1 memory controller signals on OOM. Read it
     * with {@link #read} (8 bytes), wait with {@link #poll}. Flags are {@link EventFdFlags}.
     */
    int eventFd(int flags) throws ErrnoException;

    /**
     * bpf(BPF_PROG_LOAD) of a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program: cgroup v2's device allow
     * list. {@code insns} are encoded {@code struct bpf_insn}s (8 bytes each). Returns the program fd
     * (close-on-exec); when the verifier refuses the program its log is in the exception message.
     */
    int bpfLoadCgroupDeviceProgram(byte[] insns, String license) throws ErrnoException;

    /** bpf(BPF_PROG_ATTACH) of {@code progFd} to the cgroup directory open as {@code cgroupFd}; see {@link BpfConstants}. */
    void bpfAttach(int cgroupFd, int progFd, int attachType, int flags) throws ErrnoException;

    /** bpf(BPF_PROG_DETACH) of one program (attached with {@link BpfConstants#F_ALLOW_MULTI}) from the cgroup. */
    void bpfDetach(int cgroupFd, int progFd, int attachType) throws ErrnoException;

    /** bpf(BPF_PROG_QUERY): the ids of the programs of this attach type attached directly to the cgroup. */
    int[] bpfAttachedIds(int cgroupFd, int attachType) throws ErrnoException;

    /** bpf(BPF_PROG_GET_FD_BY_ID): a fd for an attached program, so it can be detached. */
    int bpfProgramFd(int id) throws ErrnoException;

    /**
     * Whether seccomp(SECCOMP_SET_MODE_FILTER, flags, NULL) gets past the kernel's flag checks:
     * what `features` reports, asked without installing a filter.
     */
    boolean seccompFilterFlagsSupported(long flags);

    /** {@code strerror(errno)}. */
    String strerror(int errno);

    /** The outcome of waitpid. */
    record WaitStatus(int pid, int raw) {
        public boolean exited() { return (raw & 0x7f) == 0; }
        public int exitCode() { return (raw >> 8) & 0xff; }
        /** WIFSIGNALED: low 7 bits neither 0 (exited) nor 0x7f (stopped 0x..7f, continued 0xffff). */
        public boolean signaled() { int sig = raw & 0x7f; return sig != 0 && sig != 0x7f; }
        public int termSignal() { return raw & 0x7f; }
        /** The shell convention runc follows: the exit code, or 128 + the signal that killed it. */
        public int shellStatus() { return exited() ? exitCode() : 128 + termSignal(); }
    }

    /** Linux x86_64/aarch64 open(2) flag values. */
    final class OpenFlags {
        public static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200,
                O_NOCTTY = 0400, O_TRUNC = 01000, O_APPEND = 02000, O_NONBLOCK = 04000,
                O_DIRECTORY = 0200000, O_NOFOLLOW = 0400000, O_CLOEXEC = 02000000, O_PATH = 010000000;
        private OpenFlags() {}
    }

    /** memfd_create(2) flags. MFD_EXEC (Linux 6.3+) says the memfd will be executed, which vm.memfd_noexec asks for. */
    final class MemfdFlags {
        public static final int MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2, MFD_EXEC = 0x10;
        private MemfdFlags() {}
    }

    /** File seals (fcntl F_ADD_SEALS). */
    final class Seals {
        public static final int F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8;
        private Seals() {}
    }

    /** poll(2) event bits. */
    final class PollEvents {
        public static final int POLLIN = 1, POLLOUT = 4, POLLERR = 8, POLLHUP = 16, POLLNVAL = 32;
        private PollEvents() {}
    }

    /** eventfd(2) flags (the same values as O_CLOEXEC / O_NONBLOCK). */
    final class EventFdFlags {
        public static final int EFD_CLOEXEC = 02000000, EFD_NONBLOCK = 04000;
        private EventFdFlags() {}
    }

    /** enum bpf_attach_type's cgroup device value, and the attach flag that lets programs stack. */
    final class BpfConstants {
        public static final int ATTACH_CGROUP_DEVICE = 6, F_ALLOW_MULTI = 2;
        private BpfConstants() {}
    }

    /** waitpid option bits. */
    final class WaitOptions {
        public static final int WNOHANG = 1;
        private WaitOptions() {}
    }
}
