package io.jrunc.core.init;

import io.jrunc.core.plan.BpfInstruction;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether an op's failure may be the container's own seccomp profile at work: the op ran after the
 * plan's SECCOMP op, and its errno is one the loaded program can answer with (a RET of
 * SECCOMP_RET_ERRNO, or ENOSYS for SECCOMP_RET_TRACE without a tracer). The helper keeps what runs
 * after the filter small (docs/seccomp.md), but a profile can still deny one of those syscalls; the
 * error then says so instead of leaving a bare "Operation not permitted".
 */
final class SeccompDenial {
    static final String HINT = " (denied by linux.seccomp?)";

    private static final int BPF_RET_K = 0x06;
    private static final int RET_ACTION = 0xffff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_TRACE = 0x7ff00000;
    private static final int ENOSYS = 38;

    private SeccompDenial() {}

    static boolean suspected(Plan plan, int index, int errno) {
        for (int i = 0; i < index && i < plan.ops().size(); i++) {
            if (plan.ops().get(i) instanceof Op.Seccomp seccomp && answers(seccomp, errno)) return true;
        }
        return false;
    }

    /** The errnos the program returns. */
    static Set<Integer> errnos(Op.Seccomp seccomp) {
        Set<Integer> out = new HashSet<>();
        for (BpfInstruction insn : seccomp.program()) {
            if (insn.code() != BPF_RET_K) continue;
            int action = insn.k() & RET_ACTION;
            if (action == RET_ERRNO) out.add(insn.k() & 0xffff);
            else if (action == RET_TRACE) out.add(ENOSYS);
        }
        return out;
    }

    private static boolean answers(Op.Seccomp seccomp, int errno) {
        return errno > 0 && errnos(seccomp).contains(errno);
    }
}
