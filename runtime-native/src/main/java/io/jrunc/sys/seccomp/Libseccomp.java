package io.jrunc.sys.seccomp;

import io.jrunc.sys.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * libseccomp, loaded through FFM. Nothing loads it until a config has {@code linux.seccomp}: every
 * other command path stays free of the dlopen and the symbol lookups.
 *
 * <p>Only what compiling a profile to BPF needs is bound: a filter context, architectures, name
 * resolution, rules, attributes, the BPF export. Loading the filter into the kernel is not done
 * here (no seccomp_load): jrunc-init does that with seccomp(2) in the container's init, so
 * libseccomp's load-time attributes (NNP, TSYNC, LOG, SSB) play no part; their flags are passed to
 * seccomp(2) directly.
 */
public final class Libseccomp implements SeccompLibrary {
    public static final String LIBRARY = "libseccomp.so.2";

    private static volatile Libseccomp shared;

    final MemorySegment init, release, archAdd, archNative, archResolveName, syscallResolveName,
            syscallResolveNameArch, ruleAddArray, attrSet, exportBpf, version;

    private Libseccomp(String library, SymbolLookup lookup) {
        init = NativeCall.symbol(lookup, library, "seccomp_init");
        release = NativeCall.symbol(lookup, library, "seccomp_release");
        archAdd = NativeCall.symbol(lookup, library, "seccomp_arch_add");
        archNative = NativeCall.symbol(lookup, library, "seccomp_arch_native");
        archResolveName = NativeCall.symbol(lookup, library, "seccomp_arch_resolve_name");
        syscallResolveName = NativeCall.symbol(lookup, library, "seccomp_syscall_resolve_name");
        syscallResolveNameArch = NativeCall.symbol(lookup, library, "seccomp_syscall_resolve_name_arch");
        ruleAddArray = NativeCall.symbol(lookup, library, "seccomp_rule_add_array");
        attrSet = NativeCall.symbol(lookup, library, "seccomp_attr_set");
        exportBpf = NativeCall.symbol(lookup, library, "seccomp_export_bpf");
        version = NativeCall.symbol(lookup, library, "seccomp_version");
    }

    /** The system's libseccomp.so.2, loaded once per process. */
    public static Libseccomp load() throws SeccompUnavailableException {
        Libseccomp lib = shared;
        if (lib == null) shared = lib = load(LIBRARY);
        return lib;
    }

    /** A libseccomp by library name or path (tests use a missing one to see the error). */
    public static Libseccomp load(String library) throws SeccompUnavailableException {
        try {
            // Global arena: the library stays loaded for the life of the process, as a linked one would.
            return new Libseccomp(library, SymbolLookup.libraryLookup(library, Arena.global()));
        } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
            throw new SeccompUnavailableException(library, e);
        }
    }

    /** The library's version, "major.minor.micro" (seccomp_version), as runc's features annotation shows it. */
    @Override
    public String version() {
        long address;
        try (Arena arena = Arena.ofConfined()) {
            address = NativeCall.call(version, NativeCall.capture(arena), 0, 0, 0, 0, 0);
        }
        // const struct scmp_version { unsigned int major, minor, micro; } *
        MemorySegment v = MemorySegment.ofAddress(address).reinterpret(12);
        return Integer.toUnsignedString(v.get(java.lang.foreign.ValueLayout.JAVA_INT, 0)) + "."
                + Integer.toUnsignedString(v.get(java.lang.foreign.ValueLayout.JAVA_INT, 4)) + "."
                + Integer.toUnsignedString(v.get(java.lang.foreign.ValueLayout.JAVA_INT, 8));
    }

    /** The architecture token (an AUDIT_ARCH_* value, except for x32) of this machine. */
    @Override
    public int nativeArch() {
        try (Arena arena = Arena.ofConfined()) {
            return (int) NativeCall.call(archNative, NativeCall.capture(arena), 0, 0, 0, 0, 0);
        }
    }

    /** The token of an architecture named as libseccomp names them ("x86_64", "aarch64"), or 0 if unknown. */
    @Override
    public int resolveArch(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) NativeCall.call(archResolveName, NativeCall.capture(arena), cString(arena, name), 0, 0, 0, 0);
        }
    }

    /**
     * The native syscall number of {@code name}; a negative pseudo number for a syscall this
     * architecture lacks (libseccomp maps it per architecture in rules); {@link Scmp#NR_UNKNOWN}
     * for a name libseccomp does not know.
     */
    @Override
    public int resolveSyscall(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) NativeCall.call(syscallResolveName, NativeCall.capture(arena), cString(arena, name), 0, 0, 0, 0);
        }
    }

    /** As {@link #resolveSyscall(String)}, for architecture {@code arch} (x32 numbers include bit 30). */
    @Override
    public int resolveSyscall(int arch, String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) NativeCall.call(syscallResolveNameArch, NativeCall.capture(arena), Integer.toUnsignedLong(arch),
                    cString(arena, name), 0, 0, 0);
        }
    }

    /** {@code names} as C strings, to resolve per architecture; close it to free them. */
    @Override
    public SyscallNames syscallNames(List<String> names) {
        return new SyscallNames(this, names);
    }

    /** A new filter context whose default action is {@code defaultAction}; close it to release it. */
    @Override
    public SeccompFilter newFilter(int defaultAction) throws ErrnoException {
        long ctx;
        try (Arena arena = Arena.ofConfined()) {
            ctx = NativeCall.call(init, NativeCall.capture(arena), Integer.toUnsignedLong(defaultAction), 0, 0, 0, 0);
        }
        // seccomp_init returns NULL, with no errno to speak of, for an action the kernel rejects.
        if (ctx == 0) throw new ErrnoException("seccomp_init", SeccompFilter.EINVAL, NativeCall.Libc.strerror(SeccompFilter.EINVAL));
        return new SeccompFilter(this, ctx);
    }

    private static long cString(Arena arena, String s) {
        return arena.allocateFrom(s, StandardCharsets.UTF_8).address();
    }
}
