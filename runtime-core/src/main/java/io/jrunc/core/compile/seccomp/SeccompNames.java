package io.jrunc.core.compile.seccomp;

import io.jrunc.sys.seccomp.Scmp;
import java.util.List;
import java.util.Map;

/**
 * The names linux.seccomp uses (libseccomp's, as runtime-spec says) and what they mean: the tables
 * of runc's libcontainer/seccomp/config.go, plus what each action does with errnoRet.
 */
public final class SeccompNames {
    private SeccompNames() {}

    /** A rule's (or the default) action. */
    enum Action {
        KILL_THREAD, KILL_PROCESS, TRAP, ERRNO, TRACE, ALLOW, LOG, NOTIFY;

        /** Only ERRNO and TRACE carry a value; for the others runtime-spec says errnoRet is an error. */
        boolean takesErrno() {
            return this == ERRNO || this == TRACE;
        }

        /**
         * Actions under which a syscall still runs (or a tracer decides): for them the -ENOSYS stub
         * would change nothing useful, so runc leaves it out, and so do we.
         */
        boolean permissive() {
            return this == ALLOW || this == LOG || this == TRACE;
        }

        /** libseccomp's action value; {@code errnoRet} defaults to EPERM, as in runc. */
        int value(Integer errnoRet) {
            int ret = errnoRet == null ? EPERM : errnoRet;
            return switch (this) {
                case KILL_THREAD -> Scmp.ACT_KILL_THREAD;
                case KILL_PROCESS -> Scmp.ACT_KILL_PROCESS;
                case TRAP -> Scmp.ACT_TRAP;
                case ERRNO -> Scmp.actErrno(ret);
                case TRACE -> Scmp.actTrace(ret);
                case ALLOW -> Scmp.ACT_ALLOW;
                case LOG -> Scmp.ACT_LOG;
                case NOTIFY -> Scmp.ACT_NOTIFY;
            };
        }
    }

    public static final int EPERM = 1, ENOSYS = 38;

    /** SCMP_ACT_KILL is KILL_THREAD, as in libseccomp and runc. */
    public static final Map<String, Action> ACTIONS = Map.of(
            "SCMP_ACT_KILL", Action.KILL_THREAD,
            "SCMP_ACT_KILL_THREAD", Action.KILL_THREAD,
            "SCMP_ACT_KILL_PROCESS", Action.KILL_PROCESS,
            "SCMP_ACT_TRAP", Action.TRAP,
            "SCMP_ACT_ERRNO", Action.ERRNO,
            "SCMP_ACT_TRACE", Action.TRACE,
            "SCMP_ACT_ALLOW", Action.ALLOW,
            "SCMP_ACT_LOG", Action.LOG,
            "SCMP_ACT_NOTIFY", Action.NOTIFY);

    public static final Map<String, Integer> OPERATORS = Map.of(
            "SCMP_CMP_NE", Scmp.CMP_NE,
            "SCMP_CMP_LT", Scmp.CMP_LT,
            "SCMP_CMP_LE", Scmp.CMP_LE,
            "SCMP_CMP_EQ", Scmp.CMP_EQ,
            "SCMP_CMP_GE", Scmp.CMP_GE,
            "SCMP_CMP_GT", Scmp.CMP_GT,
            "SCMP_CMP_MASKED_EQ", Scmp.CMP_MASKED_EQ);

    /**
     * The architectures runtime-spec names. libseccomp calls each by the lower-case rest of its
     * constant ("SCMP_ARCH_X86_64" is "x86_64"); whether this libseccomp knows it is asked then.
     */
    public static final List<String> ARCHITECTURES = List.of(
            "SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64",
            "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64",
            "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64", "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390",
            "SCMP_ARCH_S390X", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64", "SCMP_ARCH_LOONGARCH64",
            "SCMP_ARCH_M68K", "SCMP_ARCH_SH", "SCMP_ARCH_SHEB");

    public static String libseccompArchName(String specName) {
        return specName.substring("SCMP_ARCH_".length()).toLowerCase(java.util.Locale.ROOT);
    }

    /** seccomp(2) filter flags (linux/seccomp.h). */
    public static final int FLAG_TSYNC = 1, FLAG_LOG = 2, FLAG_SPEC_ALLOW = 4, FLAG_NEW_LISTENER = 8,
            FLAG_WAIT_KILLABLE_RECV = 32;

    public static final Map<String, Integer> FLAGS = Map.of(
            "SECCOMP_FILTER_FLAG_TSYNC", FLAG_TSYNC,
            "SECCOMP_FILTER_FLAG_LOG", FLAG_LOG,
            "SECCOMP_FILTER_FLAG_SPEC_ALLOW", FLAG_SPEC_ALLOW,
            "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", FLAG_WAIT_KILLABLE_RECV);
}
