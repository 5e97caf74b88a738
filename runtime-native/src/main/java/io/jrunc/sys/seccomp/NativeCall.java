package io.jrunc.sys.seccomp;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The one downcall handle every libseccomp (and libc) function here is called through, as
 * {@code io.jrunc.sys.Libc} does for libc: {@code long f(long, long, long, long, long, long)} with
 * errno captured, taking the function's address first.
 *
 * <p>The descriptor and options are exactly Libc's on purpose: the JDK caches linked downcalls by
 * (descriptor, options), so when the create path has already linked Libc's handle this one costs
 * nothing, and otherwise it is the only link seccomp pays for. It relies on the same LP64
 * calling-convention facts Libc documents (every argument used here, including libseccomp's
 * uint32_t actions and the scmp_filter_ctx pointer, travels in a 64-bit integer register; an int or
 * uint32_t result is the low half of the returned long).
 */
final class NativeCall {
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = CAPTURE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    private NativeCall() {}

    private static final class Shape {
        static final MethodHandle H = Linker.nativeLinker().downcallHandle(
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.captureCallState("errno"));
    }

    /** Space for the captured errno of calls made in {@code arena}. */
    static MemorySegment capture(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    /** The errno a failed libc call left in {@code capture} (libseccomp returns -errno instead). */
    static int errno(MemorySegment capture) {
        return capture.get(JAVA_INT, ERRNO_OFFSET);
    }

    static long call(MemorySegment fn, MemorySegment capture, long a1, long a2, long a3, long a4, long a5) {
        try {
            return (long) Shape.H.invokeExact(fn, capture, a1, a2, a3, a4, a5, 0L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed to run", t);
        }
    }

    /** A function's address in {@code lookup}; a missing symbol is a broken library, not a config error. */
    static MemorySegment symbol(SymbolLookup lookup, String library, String name) {
        return lookup.find(name).orElseThrow(() -> new UnsatisfiedLinkError(library + " has no function " + name));
    }

    /** The C library's own functions (memfd_create, lseek, pread, close, strerror). */
    static final class Libc {
        private static final SymbolLookup LOOKUP = Linker.nativeLinker().defaultLookup();
        static final MemorySegment MEMFD_CREATE = symbol(LOOKUP, "the C library", "memfd_create");
        static final MemorySegment LSEEK = symbol(LOOKUP, "the C library", "lseek");
        static final MemorySegment PREAD = symbol(LOOKUP, "the C library", "pread");
        static final MemorySegment CLOSE = symbol(LOOKUP, "the C library", "close");
        /** glibc's strerrordesc_np is English whatever the locale, like the rest of jrunc's messages. */
        static final MemorySegment STRERROR = LOOKUP.find("strerrordesc_np")
                .orElseGet(() -> symbol(LOOKUP, "the C library", "strerror"));

        private Libc() {}

        static String strerror(int errno) {
            try (Arena arena = Arena.ofConfined()) {
                long s = call(STRERROR, capture(arena), errno, 0, 0, 0, 0);
                if (s == 0) return "errno " + errno;
                return MemorySegment.ofAddress(s).reinterpret(Integer.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
            }
        }
    }
}
