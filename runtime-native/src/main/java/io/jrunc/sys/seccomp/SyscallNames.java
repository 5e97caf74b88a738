package io.jrunc.sys.seccomp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A profile's syscall names as C strings, encoded once into one confined arena, and resolved to
 * numbers an architecture at a time (seccomp_syscall_resolve_name_arch). A profile such as
 * Docker's names ~350 syscalls for three architectures: resolving each through
 * {@link Libseccomp#resolveSyscall(int, String)} made an arena and a C string per call, which cost
 * far more than libseccomp's lookup (docs/performance.md). Used by the thread that made it, until
 * {@link #close()}.
 */
public final class SyscallNames implements AutoCloseable {
    private final Libseccomp lib;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment capture = NativeCall.capture(arena);
    private final long[] addresses;

    SyscallNames(Libseccomp lib, List<String> names) {
        this.lib = lib;
        // All the strings, NUL-terminated, in one heap array copied out in one go: per-name native
        // copies were a good part of the cost in a fresh JVM.
        byte[][] encoded = new byte[names.size()][];
        int size = 0;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = names.get(i).getBytes(StandardCharsets.UTF_8);
            size += encoded[i].length + 1;
        }
        byte[] all = new byte[Math.max(1, size)];
        long[] offsets = new long[encoded.length];
        int offset = 0;
        for (int i = 0; i < encoded.length; i++) {
            System.arraycopy(encoded[i], 0, all, offset, encoded[i].length);
            offsets[i] = offset;
            offset += encoded[i].length + 1;
        }
        MemorySegment strings = arena.allocate(all.length);
        MemorySegment.copy(all, 0, strings, JAVA_BYTE, 0, all.length);
        for (int i = 0; i < offsets.length; i++) offsets[i] += strings.address();
        addresses = offsets;
    }

    /**
     * The number of each name on architecture {@code arch}, in the order given, as
     * {@link Libseccomp#resolveSyscall(int, String)} gives it: on the native architecture the same
     * as {@link Libseccomp#resolveSyscall(String)} (libseccomp resolves that one through this call).
     */
    public int[] resolve(int arch) {
        if (!arena.scope().isAlive()) throw new IllegalStateException("syscall names already released");
        long token = Integer.toUnsignedLong(arch);
        int[] numbers = new int[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            numbers[i] = (int) NativeCall.call(lib.syscallResolveNameArch, capture, token, addresses[i], 0, 0, 0);
        }
        return numbers;
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) arena.close();
    }
}
