package io.jrunc.core.compile.seccomp;

import io.jrunc.core.ConfigException;
import io.jrunc.core.Debug;
import io.jrunc.core.plan.BpfInstruction;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.seccomp.Libseccomp;
import io.jrunc.sys.seccomp.SeccompLibrary;
import io.jrunc.sys.seccomp.Scmp;
import io.jrunc.sys.seccomp.SeccompFilter;
import io.jrunc.sys.seccomp.SyscallNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked profile -> the BPF program the init loads: libseccomp builds the filter (as runc's
 * InitSeccomp does), then the -ENOSYS stub goes in front of it (as runc's patchbpf does).
 *
 * <p>Each syscall name is resolved once per architecture, all names of an architecture in one
 * batch ({@link SyscallNames}): the native numbers serve both the rules and the stub, and the other
 * architectures are resolved only when there is a stub to build. In a JVM that has just started,
 * the per-call overhead of FFM is what compiling Docker's profile cost, not libseccomp
 * (docs/performance.md), so the number of calls and what each allocates is what is kept low here.
 * SeccompBpfParityTest checks the program is byte for byte libseccomp's own for the same rules.
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

    public static List<BpfInstruction> compile(SeccompLibrary lib, SeccompProfile p) throws ConfigException {
        int nativeArch = lib.nativeArch();
        List<Integer> archs = new ArrayList<>(); // each once, in order
        archs.add(nativeArch); // libseccomp's filter always has the native architecture
        List<String> names = new ArrayList<>(p.names());
        List<BpfInstruction> filter, stub;
        try (SyscallNames resolver = lib.syscallNames(names)) {
            // seccomp_syscall_resolve_name, which the rules need, is the native architecture's resolution.
            int[] nativeNumbers = resolver.resolve(nativeArch);
            try (SeccompFilter f = newFilter(lib, p)) {
                for (int i = 0; i < p.architectures().size(); i++) {
                    int arch = arch(lib, p.architectures().get(i), i);
                    f.addArch(arch);
                    if (!archs.contains(arch)) archs.add(arch);
                }
                if (p.rules().size() > BINARY_TREE_ABOVE) {
                    try {
                        f.setAttribute(Scmp.ATTR_CTL_OPTIMIZE, 2);
                    } catch (ErrnoException e) {
                        Debug.log(() -> "seccomp: no binary tree optimization in this libseccomp: " + e.getMessage());
                    }
                }
                Map<String, Integer> index = new HashMap<>(2 * names.size());
                for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
                for (SeccompProfile.Rule rule : p.rules()) add(f, rule, nativeNumbers[index.get(rule.syscall())]);
                filter = BpfInstruction.parse(f.exportBpf());
            } catch (ErrnoException e) {
                throw new ConfigException(SeccompProfile.BASE, "libseccomp: " + e.getMessage());
            }
            stub = enosysStub(lib, p, archs, nativeArch, nativeNumbers, resolver);
        }

        List<BpfInstruction> program = new ArrayList<>(stub.size() + filter.size());
        program.addAll(stub);
        program.addAll(filter);
        if (program.size() > MAX_INSTRUCTIONS) {
            throw new ConfigException(SeccompProfile.BASE, "the filter compiles to " + program.size()
                    + " BPF instructions, more than the kernel's limit of " + MAX_INSTRUCTIONS);
        }
        Debug.log(() -> "seccomp: " + p.rules().size() + " rules, " + filter.size() + " BPF instructions from libseccomp"
                + (stub.isEmpty() ? "" : " after a " + stub.size() + "-instruction -ENOSYS stub"));
        return program;
    }

    private static SeccompFilter newFilter(SeccompLibrary lib, SeccompProfile p) throws ConfigException {
        try {
            return lib.newFilter(p.defaultValue());
        } catch (ErrnoException e) {
            throw new ConfigException(SeccompProfile.BASE + ".defaultAction",
                    p.defaultAction() + " is not supported by this kernel or libseccomp (" + e.getMessage() + ")");
        }
    }

    private static int arch(SeccompLibrary lib, String name, int index) throws ConfigException {
        int arch = lib.resolveArch(SeccompNames.libseccompArchName(name));
        if (arch == 0) {
            throw new ConfigException(SeccompProfile.BASE + ".architectures[" + index + "]",
                    name + " is not supported by " + Libseccomp.LIBRARY + " on this machine");
        }
        return arch;
    }

    /** One rule; a syscall libseccomp does not know is left out, as runc does (it may be newer than the library). */
    private static void add(SeccompFilter f, SeccompProfile.Rule rule, int nr) throws ConfigException {
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

    /**
     * The -ENOSYS stub, or nothing when the default action already lets syscalls through (or is
     * ENOSYS). Its bound on each architecture is the largest number any name of the profile has
     * there; x32 shares x86_64's AUDIT_ARCH value, and its numbers carry X32_SYSCALL_BIT.
     */
    private static List<BpfInstruction> enosysStub(SeccompLibrary lib, SeccompProfile p, List<Integer> archs, int nativeArch,
                                                   int[] nativeNumbers, SyscallNames resolver) {
        if (p.defaultAction().permissive() || p.defaultValue() == Scmp.actErrno(SeccompNames.ENOSYS)) return List.of();
        int x32Arch = lib.resolveArch("x32");
        List<Integer> audits = new ArrayList<>();
        List<long[]> maxima = new ArrayList<>(); // per audit value: {largest number, largest x32 number}
        for (int arch : archs) {
            boolean x32 = arch == x32Arch;
            int audit = x32 ? EnosysStub.AUDIT_ARCH_X86_64 : arch;
            int at = audits.indexOf(audit);
            if (at < 0) {
                at = audits.size();
                audits.add(audit);
                maxima.add(new long[] {-1, -1});
            }
            long[] max = maxima.get(at);
            int slot = x32 ? 1 : 0;
            for (int nr : arch == nativeArch ? nativeNumbers : resolver.resolve(arch)) {
                if (nr >= 0) max[slot] = Math.max(max[slot], nr);
            }
        }
        List<EnosysStub.Arch> list = new ArrayList<>();
        for (int i = 0; i < audits.size(); i++) {
            long[] max = maxima.get(i);
            if (max[0] >= 0 || max[1] >= 0) {
                list.add(new EnosysStub.Arch(audits.get(i), max[0], max[1]));
            } else {
                int audit = audits.get(i);
                Debug.log(() -> "seccomp: no syscall of the profile exists on architecture 0x" + Integer.toHexString(audit));
            }
        }
        return list.isEmpty() ? List.of() : EnosysStub.build(list);
    }
}
