package io.jrunc.spec;

import java.util.List;

/**
 * {@code linux.seccomp}. Actions, architectures, flags and operators are libseccomp's names
 * (SCMP_ACT_ERRNO, SCMP_ARCH_X86_64, SECCOMP_FILTER_FLAG_LOG, SCMP_CMP_EQ), kept as strings:
 * which of them work is decided where the filter is compiled.
 */
public record Seccomp(
        String defaultAction,
        Integer defaultErrnoRet,
        List<String> architectures,
        List<String> flags,
        String listenerPath,
        String listenerMetadata,
        List<SeccompSyscall> syscalls) {
    public Seccomp {
        architectures = Immutable.list(architectures);
        flags = Immutable.list(flags);
        syscalls = Immutable.list(syscalls);
    }
}
