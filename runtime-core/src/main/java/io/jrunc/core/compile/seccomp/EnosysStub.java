package io.jrunc.core.compile.seccomp;

import io.jrunc.core.plan.BpfInstruction;
import java.util.ArrayList;
import java.util.List;

/**
 * The -ENOSYS prefix runc's patchbpf puts in front of libseccomp's filter. A profile lists the
 * syscalls its author knew; a newer one (clone3 once, say) would get the default action, usually
 * EPERM, and a C library that falls back to an older syscall only on ENOSYS breaks. So, per
 * architecture, any syscall number above the largest the profile names returns ENOSYS, as if the
 * kernel were older; everything else goes on into the real filter.
 *
 * <p>Unlike runc this prefix is laid out so that every conditional jump is short (0-2): it never
 * needs runc's long-jump variants, whatever the number of architectures.
 */
final class EnosysStub {
    static final int AUDIT_ARCH_X86_64 = 0xC000003E, AUDIT_ARCH_S390 = 0x00000016, AUDIT_ARCH_S390X = 0x80000016;
    /** x32 syscalls are x86_64 ones with this bit set in the number. */
    static final int X32_SYSCALL_BIT = 0x40000000;

    // Classic BPF opcodes and the two fields of struct seccomp_data read here.
    static final int LD_W_ABS = 0x20, JEQ_K = 0x15, JGT_K = 0x25, JSET_K = 0x45, JA = 0x05, RET_K = 0x06;
    static final int OFFSET_NR = 0, OFFSET_ARCH = 4;
    static final int RET_ENOSYS = 0x00050000 | SeccompNames.ENOSYS; // SECCOMP_RET_ERRNO | ENOSYS

    /**
     * One architecture of the filter (by its AUDIT_ARCH value) and the largest syscall number the
     * profile names there; on x86_64 also the largest x32 one. -1 for "none".
     */
    record Arch(int auditArch, long max, long maxX32) {}

    private EnosysStub() {}

    /** The prefix; jumping past its end lands on the first instruction of libseccomp's filter. */
    public static List<BpfInstruction> build(List<Arch> archs) {
        List<List<BpfInstruction>> sections = new ArrayList<>();
        for (Arch a : archs) sections.add(section(a));
        int header = 1 + 2 * archs.size() + 1;
        int end = header;
        for (List<BpfInstruction> s : sections) end += s.size();

        List<BpfInstruction> out = new ArrayList<>(end);
        out.add(new BpfInstruction(LD_W_ABS, 0, 0, OFFSET_ARCH));
        int start = header;
        for (int i = 0; i < archs.size(); i++) {
            out.add(new BpfInstruction(JEQ_K, 0, 1, archs.get(i).auditArch()));
            out.add(ja(out.size(), start));
            start += sections.get(i).size();
        }
        out.add(ja(out.size(), end)); // an architecture not listed: libseccomp's filter decides (bad arch)
        for (List<BpfInstruction> s : sections) {
            out.addAll(s.subList(0, s.size() - 1));
            out.add(ja(out.size(), end));
        }
        return out;
    }

    /** The checks for one architecture; its last instruction is a placeholder for "go on into the filter". */
    private static List<BpfInstruction> section(Arch a) {
        List<BpfInstruction> s = new ArrayList<>();
        s.add(new BpfInstruction(LD_W_ABS, 0, 0, OFFSET_NR));
        if (a.auditArch() == AUDIT_ARCH_X86_64) {
            if (a.max() >= 0 && a.maxX32() >= 0) {
                s.add(new BpfInstruction(JSET_K, 0, 1, X32_SYSCALL_BIT));
                s.add(new BpfInstruction(JGT_K, 1, 2, (int) a.maxX32()));
                s.add(new BpfInstruction(JGT_K, 0, 1, (int) a.max()));
            } else if (a.max() >= 0) {
                s.add(new BpfInstruction(JSET_K, 2, 0, X32_SYSCALL_BIT)); // x32 call: not ours to judge
                s.add(new BpfInstruction(JGT_K, 0, 1, (int) a.max()));
            } else {
                s.add(new BpfInstruction(JSET_K, 0, 2, X32_SYSCALL_BIT)); // x86_64 call: not ours to judge
                s.add(new BpfInstruction(JGT_K, 0, 1, (int) a.maxX32()));
            }
        } else {
            if (a.auditArch() == AUDIT_ARCH_S390 || a.auditArch() == AUDIT_ARCH_S390X) {
                // s390 multiplexes syscalls the kernel does not know onto number 0 (setup(2), long
                // gone): that one must be ENOSYS too.
                s.add(new BpfInstruction(JEQ_K, 1, 0, 0));
            }
            s.add(new BpfInstruction(JGT_K, 0, 1, (int) a.max()));
        }
        s.add(new BpfInstruction(RET_K, 0, 0, RET_ENOSYS));
        s.add(new BpfInstruction(JA, 0, 0, 0));
        return s;
    }

    /** An unconditional jump at index {@code at} to index {@code target}. */
    private static BpfInstruction ja(int at, int target) {
        return new BpfInstruction(JA, 0, 0, target - (at + 1));
    }
}
