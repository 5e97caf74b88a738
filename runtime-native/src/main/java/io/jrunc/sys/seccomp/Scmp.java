package io.jrunc.sys.seccomp;

/**
 * libseccomp's constants from seccomp.h (2.5): action values, comparison operators and the filter
 * attribute jrunc sets. Architectures and syscalls are resolved by name through the library instead, so
 * that what this libseccomp knows is what counts.
 */
public final class Scmp {
    private Scmp() {}

    // Actions (uint32_t). ERRNO and TRACE carry a 16-bit value in their low half.
    public static final int ACT_KILL_PROCESS = 0x80000000;
    public static final int ACT_KILL_THREAD = 0x00000000;
    public static final int ACT_TRAP = 0x00030000;
    public static final int ACT_NOTIFY = 0x7fc00000;
    public static final int ACT_LOG = 0x7ffc0000;
    public static final int ACT_ALLOW = 0x7fff0000;
    private static final int ACT_ERRNO = 0x00050000;
    private static final int ACT_TRACE = 0x7ff00000;

    public static int actErrno(int errno) {
        return ACT_ERRNO | (errno & 0xffff);
    }

    public static int actTrace(int value) {
        return ACT_TRACE | (value & 0xffff);
    }

    // enum scmp_compare
    public static final int CMP_NE = 1, CMP_LT = 2, CMP_LE = 3, CMP_EQ = 4, CMP_GE = 5, CMP_GT = 6, CMP_MASKED_EQ = 7;

    // enum scmp_filter_attr. The bad-architecture action stays libseccomp's default (KILL), as in
    // runc; NNP, TSYNC, LOG and SSB only act in seccomp_load, which jrunc does not use.
    /** 2.5.0+: 1 orders rules by priority, 2 builds a binary tree of syscall numbers. */
    public static final int ATTR_CTL_OPTIMIZE = 8;

    /** What seccomp_syscall_resolve_name returns for a name it does not know (__NR_SCMP_ERROR). */
    public static final int NR_UNKNOWN = -1;
}
