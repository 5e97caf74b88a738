package io.jrunc.sys.seccomp;

import io.jrunc.sys.ErrnoException;
import java.util.List;

/**
 * What compiling a seccomp profile asks of libseccomp. {@link Libseccomp} is the real one (FFM);
 * the seccomp compiler takes this interface so a test can put another in its place (a library
 * that lacks an architecture, that fails). It is the one class the seccomp path adds to
 * `create`'s class loading for it (ClassLoadBudgetTest).
 */
public interface SeccompLibrary {
    /** The library's version, "major.minor.micro". */
    String version();

    /** The architecture token (an AUDIT_ARCH_* value, except for x32) of this machine. */
    int nativeArch();

    /** The token of an architecture named as libseccomp names them ("x86_64", "aarch64"), or 0 if unknown. */
    int resolveArch(String name);

    /** The native syscall number of {@code name}, a negative pseudo number, or {@link Scmp#NR_UNKNOWN}. */
    int resolveSyscall(String name);

    /** As {@link #resolveSyscall(String)}, for architecture {@code arch}. */
    int resolveSyscall(int arch, String name);

    /** {@code names} prepared to resolve per architecture; close it to free them. */
    SyscallNames syscallNames(List<String> names);

    /** A new filter context whose default action is {@code defaultAction}; close it to release it. */
    SeccompFilter newFilter(int defaultAction) throws ErrnoException;
}
