package io.jrunc.sys.seccomp;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.sys.ErrnoException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One libseccomp filter context (scmp_filter_ctx). libseccomp returns {@code -errno} from its
 * functions; a failure becomes an {@link ErrnoException} naming the function.
 */
public final class SeccompFilter implements AutoCloseable {
    static final int EINVAL = 22;
    private static final int EIO = 5, EEXIST = 17;
    private static final int MFD_CLOEXEC = 1;

    private final Libseccomp lib;
    private long ctx;

    SeccompFilter(Libseccomp lib, long ctx) {
        this.lib = lib;
        this.ctx = ctx;
    }

    /** Adds an architecture; one already present (the native one always is) is not an error. */
    public void addArch(int arch) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) NativeCall.call(lib.archAdd, NativeCall.capture(arena), live(), Integer.toUnsignedLong(arch), 0, 0, 0);
            if (rc != 0 && rc != -EEXIST) throw failure("seccomp_arch_add", rc);
        }
    }

    /** seccomp_rule_add_array: every condition must hold for the rule to match (AND). */
    public void addRule(int action, int syscall, List<ArgCmp> conditions) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocate(ArgCmp.SIZE * Math.max(1, conditions.size()), 8);
            for (int i = 0; i < conditions.size(); i++) {
                ArgCmp c = conditions.get(i);
                long base = i * ArgCmp.SIZE;
                array.set(JAVA_INT, base + ArgCmp.ARG, c.arg());
                array.set(JAVA_INT, base + ArgCmp.OP, c.op());
                array.set(JAVA_LONG, base + ArgCmp.DATUM_A, c.datumA());
                array.set(JAVA_LONG, base + ArgCmp.DATUM_B, c.datumB());
            }
            int rc = (int) NativeCall.call(lib.ruleAddArray, NativeCall.capture(arena), live(),
                    Integer.toUnsignedLong(action), syscall, conditions.size(), array.address());
            if (rc != 0) throw failure("seccomp_rule_add_array", rc);
        }
    }

    /** seccomp_attr_set with one of the {@code Scmp.ATTR_*} attributes. */
    public void setAttribute(int attribute, int value) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) NativeCall.call(lib.attrSet, NativeCall.capture(arena), live(), attribute,
                    Integer.toUnsignedLong(value), 0, 0);
            if (rc != 0) throw failure("seccomp_attr_set", rc);
        }
    }

    /**
     * The filter as a classic BPF program: struct sock_filter[] in host byte order, ready for
     * seccomp(2). libseccomp 2.5 can only write it to an fd, so it goes through a memfd that is
     * then read back through /proc/self/fd (a fresh open starts at offset 0).
     */
    public byte[] exportBpf() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = NativeCall.capture(arena);
            int fd = (int) NativeCall.call(NativeCall.Libc.MEMFD_CREATE, capture,
                    arena.allocateFrom("jrunc-seccomp").address(), MFD_CLOEXEC, 0, 0, 0);
            if (fd < 0) {
                int errno = NativeCall.errno(capture);
                throw new ErrnoException("memfd_create", errno, NativeCall.Libc.strerror(errno));
            }
            try {
                int rc = (int) NativeCall.call(lib.exportBpf, capture, live(), fd, 0, 0, 0);
                if (rc != 0) throw failure("seccomp_export_bpf", rc);
                return Files.readAllBytes(Path.of("/proc/self/fd/" + fd));
            } catch (IOException e) {
                throw new ErrnoException("read the exported BPF", EIO, e.getMessage());
            } finally {
                NativeCall.call(NativeCall.Libc.CLOSE, capture, fd, 0, 0, 0, 0);
            }
        }
    }

    /** seccomp_release; the context is unusable afterwards. */
    @Override
    public void close() {
        if (ctx == 0) return;
        try (Arena arena = Arena.ofConfined()) {
            NativeCall.call(lib.release, NativeCall.capture(arena), ctx, 0, 0, 0, 0);
        }
        ctx = 0;
    }

    private long live() {
        if (ctx == 0) throw new IllegalStateException("seccomp filter already released");
        return ctx;
    }

    private static ErrnoException failure(String function, int rc) {
        int errno = -rc;
        return new ErrnoException(function, errno, NativeCall.Libc.strerror(errno));
    }
}
