package io.jrunc.core.init;

import static io.jrunc.sys.Syscalls.MemfdFlags.MFD_ALLOW_SEALING;
import static io.jrunc.sys.Syscalls.MemfdFlags.MFD_CLOEXEC;
import static io.jrunc.sys.Syscalls.MemfdFlags.MFD_EXEC;
import static io.jrunc.sys.Syscalls.Seals.F_SEAL_GROW;
import static io.jrunc.sys.Syscalls.Seals.F_SEAL_SEAL;
import static io.jrunc.sys.Syscalls.Seals.F_SEAL_SHRINK;
import static io.jrunc.sys.Syscalls.Seals.F_SEAL_WRITE;

import io.jrunc.core.JruncException;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The init helper as a sealed in-memory copy, which is what gets executed (the CVE-2019-5736 class).
 *
 * <p>A created container's init is the helper until `start`, and a container sharing its pid
 * namespace (or a future `exec`) can see it. Had it been spawned from the installed file,
 * {@code /proc/PID/exe} would lead straight back to that file on the host, and once no helper
 * runs it any more it could be reopened for writing: the next container would run the attacker's
 * code as host root. Spawned from a memfd, {@code /proc/PID/exe} is the memfd: a private copy, sealed
 * against writes, truncation and growth, with the seals themselves sealed.
 *
 * <p>Costs one read of the binary (tens of KB) and a memfd per spawn, well under a millisecond.
 */
final class SealedHelper implements AutoCloseable {
    static final String NAME = "jrunc-init";
    static final int SEALS = F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE;
    private static final int EINVAL = 22;

    private final Syscalls sys;
    private final int fd;

    private SealedHelper(Syscalls sys, int fd) {
        this.sys = sys;
        this.fd = fd;
    }

    static SealedHelper copyOf(Syscalls sys, Path installed) throws JruncException {
        byte[] binary;
        try {
            binary = Files.readAllBytes(installed);
        } catch (IOException e) {
            throw new JruncException("cannot read jrunc-init " + installed + ": " + e.getMessage(), e);
        }
        int fd = -1;
        try {
            fd = create(sys);
            sys.writeFully(fd, binary);
            sys.addSeals(fd, SEALS);
            return new SealedHelper(sys, fd);
        } catch (ErrnoException e) {
            if (fd >= 0) closeQuietly(sys, fd);
            throw new JruncException("cannot make a sealed copy of jrunc-init: " + e.getMessage(), e);
        }
    }

    /** MFD_EXEC where the kernel knows it (6.3+: without it, vm.memfd_noexec may refuse exec or log a warning). */
    private static int create(Syscalls sys) throws ErrnoException {
        try {
            return sys.memfdCreate(NAME, MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
        } catch (ErrnoException e) {
            if (e.errno() != EINVAL) throw e;
            return sys.memfdCreate(NAME, MFD_CLOEXEC | MFD_ALLOW_SEALING);
        }
    }

    /**
     * The path to execute: the memfd through this process's /proc entry. posix_spawn's child closes
     * every fd it was not given before it execs, so its own /proc/self/fd could not name the memfd;
     * this JVM keeps the fd open until the spawn has returned.
     */
    String execPath() {
        return "/proc/" + sys.getpid() + "/fd/" + fd;
    }

    @Override
    public void close() {
        closeQuietly(sys, fd);
    }

    private static void closeQuietly(Syscalls sys, int fd) {
        try {
            sys.close(fd);
        } catch (ErrnoException ignored) {
            // nothing holds it but us
        }
    }
}
