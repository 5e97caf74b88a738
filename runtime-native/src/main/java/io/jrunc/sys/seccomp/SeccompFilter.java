package io.jrunc.sys.seccomp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.sys.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * One libseccomp filter context (scmp_filter_ctx). libseccomp returns {@code -errno} from its
 * functions; a failure becomes an {@link ErrnoException} naming the function.
 *
 * <p>All the native memory the filter's calls need (the errno capture, the conditions of a rule,
 * the exported program) comes from one confined arena that lives as long as the filter: a
 * profile such as Docker's adds ~360 rules, and an arena per call was most of what adding them
 * cost in a freshly started JVM (docs/performance.md). So a filter is used by the thread that
 * made it, and only until {@link #close()}.
 */
public final class SeccompFilter implements AutoCloseable {
    static final int EINVAL = 22;
    private static final int EIO = 5, EEXIST = 17;
    private static final int MFD_CLOEXEC = 1, SEEK_CUR = 1;
    /** libseccomp takes at most one condition per syscall argument (ARG_COUNT_MAX). */
    private static final int MAX_CONDITIONS = 6;

    private final Libseccomp lib;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment capture = NativeCall.capture(arena);
    private final MemorySegment conditions = arena.allocate(ArgCmp.SIZE * MAX_CONDITIONS, 8);
    private long ctx;

    SeccompFilter(Libseccomp lib, long ctx) {
        this.lib = lib;
        this.ctx = ctx;
    }

    /** Adds an architecture; one already present (the native one always is) is not an error. */
    public void addArch(int arch) throws ErrnoException {
        int rc = (int) NativeCall.call(lib.archAdd, capture, live(), Integer.toUnsignedLong(arch), 0, 0, 0);
        if (rc != 0 && rc != -EEXIST) throw failure("seccomp_arch_add", rc);
    }

    /** seccomp_rule_add_array: every condition must hold for the rule to match (AND). */
    public void addRule(int action, int syscall, List<ArgCmp> conditions) throws ErrnoException {
        long ctx = live();
        // More conditions than libseccomp takes still go to it, which refuses them (EINVAL), as before.
        MemorySegment array = conditions.size() <= MAX_CONDITIONS ? this.conditions
                : arena.allocate(ArgCmp.SIZE * conditions.size(), 8);
        for (int i = 0; i < conditions.size(); i++) {
            ArgCmp c = conditions.get(i);
            long base = i * ArgCmp.SIZE;
            array.set(JAVA_INT, base + ArgCmp.ARG, c.arg());
            array.set(JAVA_INT, base + ArgCmp.OP, c.op());
            array.set(JAVA_LONG, base + ArgCmp.DATUM_A, c.datumA());
            array.set(JAVA_LONG, base + ArgCmp.DATUM_B, c.datumB());
        }
        int rc = (int) NativeCall.call(lib.ruleAddArray, capture, ctx, Integer.toUnsignedLong(action), syscall,
                conditions.size(), array.address());
        if (rc != 0) throw failure("seccomp_rule_add_array", rc);
    }

    /** seccomp_attr_set with one of the {@code Scmp.ATTR_*} attributes. */
    public void setAttribute(int attribute, int value) throws ErrnoException {
        int rc = (int) NativeCall.call(lib.attrSet, capture, live(), attribute, Integer.toUnsignedLong(value), 0, 0);
        if (rc != 0) throw failure("seccomp_attr_set", rc);
    }

    /**
     * The filter as a classic BPF program: struct sock_filter[] in host byte order, ready for
     * seccomp(2). libseccomp 2.5 can only write it to an fd (seccomp_export_bpf_mem came in 2.6),
     * in one write(2): so into a memfd, whose offset afterwards is the program's length, read back
     * with pread(2) from offset 0.
     */
    public byte[] exportBpf() throws ErrnoException {
        long ctx = live();
        int fd = (int) NativeCall.call(NativeCall.Libc.MEMFD_CREATE, capture,
                arena.allocateFrom("jrunc-seccomp").address(), MFD_CLOEXEC, 0, 0, 0);
        if (fd < 0) throw errno("memfd_create");
        try {
            int rc = (int) NativeCall.call(lib.exportBpf, capture, ctx, fd, 0, 0, 0);
            if (rc != 0) throw failure("seccomp_export_bpf", rc);
            long length = NativeCall.call(NativeCall.Libc.LSEEK, capture, fd, 0, SEEK_CUR, 0, 0);
            if (length < 0) throw errno("lseek");
            MemorySegment program = arena.allocate(Math.max(1, length));
            for (long done = 0; done < length; ) {
                long n = NativeCall.call(NativeCall.Libc.PREAD, capture, fd, program.address() + done, length - done, done, 0);
                if (n < 0) throw errno("pread");
                if (n == 0) throw new ErrnoException("pread", EIO, "the exported BPF ends after " + done + " of " + length + " bytes");
                done += n;
            }
            return program.asSlice(0, length).toArray(JAVA_BYTE);
        } finally {
            NativeCall.call(NativeCall.Libc.CLOSE, capture, fd, 0, 0, 0, 0);
        }
    }

    /** seccomp_release and the filter's native memory; the filter is unusable afterwards. */
    @Override
    public void close() {
        if (ctx == 0) return;
        NativeCall.call(lib.release, capture, ctx, 0, 0, 0, 0);
        ctx = 0;
        arena.close();
    }

    private long live() {
        if (ctx == 0) throw new IllegalStateException("seccomp filter already released");
        return ctx;
    }

    /** A libc call's failure, from the errno it left. */
    private ErrnoException errno(String function) {
        int errno = NativeCall.errno(capture);
        return new ErrnoException(function, errno, NativeCall.Libc.strerror(errno));
    }

    private static ErrnoException failure(String function, int rc) {
        int errno = -rc;
        return new ErrnoException(function, errno, NativeCall.Libc.strerror(errno));
    }
}
