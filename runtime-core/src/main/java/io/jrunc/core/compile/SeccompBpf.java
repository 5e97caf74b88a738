package io.jrunc.core.compile;

import io.jrunc.core.ConfigException;
import io.jrunc.core.Debug;
import io.jrunc.core.plan.BpfInstruction;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.seccomp.Libseccomp;
import io.jrunc.sys.seccomp.Scmp;
import io.jrunc.sys.seccomp.SeccompFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked profile -> the BPF program the init loads: libseccomp builds the filter (as runc's
 * InitSeccomp does), then the -ENOSYS stub goes in front of it (as runc's patchbpf does).
 */
final class SeccompBpf {
    /** The kernel's limit on one filter (BPF_MAXINSNS). */
    static final int MAX_INSTRUCTIONS = 4096;
    /**
     * Above this many rules libseccomp is asked for a binary tree of syscall numbers instead of a
     * linear list (runc's threshold; libseccomp <= 2.5.4 misbehaves with the tree and no rules).
     */
    private static final int BINARY_TREE_ABOVE = 32;

    private SeccompBpf() {}

    static List<BpfInstruction> compile(Libseccomp lib, SeccompProfile p) throws ConfigException {
        Set<Integer> archs = new LinkedHashSet<>();
        archs.add(lib.nativeArch()); // libseccomp's filter always has the native architecture
        List<BpfInstruction> filter;
        try (SeccompFilter f = newFilter(lib, p)) {
            for (int i = 0; i < p.architectures().size(); i++) {
                int arch = arch(lib, p.architectures().get(i), i);
                f.addArch(arch);
                archs.add(arch);
            }
            if (p.rules().size() > BINARY_TREE_ABOVE) {
                try {
                    f.setAttribute(Scmp.ATTR_CTL_OPTIMIZE, 2);
                } catch (ErrnoException e) {
                    Debug.log(() -> "seccomp: no binary tree optimization in this libseccomp: " + e.getMessage());
                }
            }
            for (SeccompProfile.Rule rule : p.rules()) add(lib, f, rule);
            filter = BpfInstruction.parse(f.exportBpf());
        } catch (ErrnoException e) {
            throw new ConfigException(SeccompProfile.BASE, "libseccomp: " + e.getMessage());
        }

        List<BpfInstruction> program = new ArrayList<>(enosysStub(lib, p, archs));
        program.addAll(filter);
        if (program.size() > MAX_INSTRUCTIONS) {
            throw new ConfigException(SeccompProfile.BASE, "the filter compiles to " + program.size()
                    + " BPF instructions, more than the kernel's limit of " + MAX_INSTRUCTIONS);
        }
        int stub = program.size() - filter.size();
        Debug.log(() -> "seccomp: " + p.rules().size() + " rules, " + filter.size() + " BPF instructions from libseccomp"
                + (stub > 0 ? " after a " + stub + "-instruction -ENOSYS stub" : ""));
        return program;
    }

    private static SeccompFilter newFilter(Libseccomp lib, SeccompProfile p) throws ConfigException {
        try {
            return lib.newFilter(p.defaultValue());
        } catch (ErrnoException e) {
            throw new ConfigException(SeccompProfile.BASE + ".defaultAction",
                    p.defaultAction() + " is not supported by this kernel or libseccomp (" + e.getMessage() + ")");
        }
    }

    private static int arch(Libseccomp lib, String name, int index) throws ConfigException {
        int arch = lib.resolveArch(SeccompNames.libseccompArchName(name));
        if (arch == 0) {
            throw new ConfigException(SeccompProfile.BASE + ".architectures[" + index + "]",
                    name + " is not supported by " + Libseccomp.LIBRARY + " on this machine");
        }
        return arch;
    }

    /** One rule; a syscall libseccomp does not know is left out, as runc does (it may be newer than the library). */
    private static void add(Libseccomp lib, SeccompFilter f, SeccompProfile.Rule rule) throws ConfigException {
        int nr = lib.resolveSyscall(rule.syscall());
        if (nr == Scmp.NR_UNKNOWN) {
            Debug.log(() -> rule.path() + ": unknown seccomp syscall \"" + rule.syscall() + "\" ignored");
            return;
        }
        try {
            f.addRule(rule.value(), nr, rule.conditions());
        } catch (ErrnoException e) {
            throw new ConfigException(rule.path(), "cannot add a rule for \"" + rule.syscall() + "\": " + e.getMessage());
        }
    }

    /** The -ENOSYS stub, or nothing when the default action already lets syscalls through (or is ENOSYS). */
    private static List<BpfInstruction> enosysStub(Libseccomp lib, SeccompProfile p, Set<Integer> archs) {
        if (p.defaultAction().permissive() || p.defaultValue() == Scmp.actErrno(SeccompNames.ENOSYS)) return List.of();
        // x32 shares x86_64's AUDIT_ARCH value; its numbers carry X32_SYSCALL_BIT.
        int x32Arch = lib.resolveArch("x32");
        Map<Integer, long[]> maxima = new LinkedHashMap<>();
        for (int arch : archs) {
            boolean x32 = arch == x32Arch;
            int audit = x32 ? EnosysStub.AUDIT_ARCH_X86_64 : arch;
            long[] max = maxima.computeIfAbsent(audit, a -> new long[] {-1, -1});
            for (String name : p.names()) {
                int nr = lib.resolveSyscall(arch, name);
                if (nr >= 0) max[x32 ? 1 : 0] = Math.max(max[x32 ? 1 : 0], nr);
            }
        }
        List<EnosysStub.Arch> list = new ArrayList<>();
        maxima.forEach((audit, max) -> {
            if (max[0] >= 0 || max[1] >= 0) list.add(new EnosysStub.Arch(audit, max[0], max[1]));
            else Debug.log(() -> "seccomp: no syscall of the profile exists on architecture 0x" + Integer.toHexString(audit));
        });
        return list.isEmpty() ? List.of() : EnosysStub.build(list);
    }
}
