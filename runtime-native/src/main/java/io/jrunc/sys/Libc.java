package io.jrunc.sys;

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
 * Calling C library functions: symbol lookup, the one downcall handle, errno capture.
 *
 * <h2>One handle for every function</h2>
 * Each function is declared with its C prototype ({@link Fn}), but every call goes through a
 * single address-taking handle of the shape {@code long f(long, long, long, long, long, long)} with
 * errno captured, linked on the first call; each function then only needs its address, looked up
 * (dlsym) when it is first called. A typed handle per function was measured: the JDK generates
 * the binding code and the method-handle adapters again for every distinct signature, and a cold,
 * interpreted command paid for each of them (docs/performance.md, "Typed downcalls"). One shape
 * is linked once per command, and the libseccomp binding reuses it.
 *
 * <p>This relies on the LP64 Linux calling conventions (x86_64 System V, AAPCS64), where every
 * argument used here (int, unsigned, short, long, size_t, pointer) travels in a 64-bit integer
 * register: pointers are passed as their {@linkplain MemorySegment#address() address}, ints are
 * sign-extended longs of which the callee reads the low half, unused trailing arguments are
 * ignored by the callee, and an int result is the low half of the returned long (so callers cast
 * with {@code (int)}). Variadic functions (open, fcntl, prctl, syscall) are safe too: on x86_64 the
 * FFM linker always sets %al (the vector-register count a variadic callee reads), and AAPCS64 on
 * Linux passes variadic arguments like named ones. No function here takes floating-point
 * arguments or more than six arguments, which this scheme could not express. {@code
 * LibcPrototypesTest} checks every declared prototype against these rules, links each one as its
 * own typed downcall, and compares calls made both ways.
 *
 * <p>Pointer arguments must stay valid for the call: callers allocate them in an {@link Arena}
 * that is open around it.
 */
final class Libc {

    static final int ENOENT = 2, EINTR = 4, EBADF = 9, EINVAL = 22, ENAMETOOLONG = 36;

    private static final SymbolLookup LOOKUP = Linker.nativeLinker().defaultLookup();
    private static final MemoryLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET =
            CAPTURE_LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    private Libc() {}

    /** The shared downcall handle: {@code (function address, errno capture, a1..a6) -> long}. */
    private static final class Shape {
        static final MethodHandle H = Linker.nativeLinker().downcallHandle(
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.captureCallState("errno"));
    }

    /**
     * A C library function, looked up by name on its first call. Declared as static final fields
     * in the call groups with its C prototype, e.g. {@code "int open(const char *, int, ..., mode_t)"}
     * (the arguments after {@code ...} are the variadic ones the call site passes); creating one
     * costs nothing. The prototype is what the call site's arguments mean, and what the test links
     * a typed downcall from.
     */
    static final class Fn {
        final String name;
        final String prototype;
        /** Published through the final fields of MemorySegment; a race just looks it up twice. */
        private MemorySegment address;

        Fn(String prototype) {
            this.prototype = prototype;
            String head = prototype.substring(0, prototype.indexOf('('));
            this.name = head.substring(Math.max(head.lastIndexOf(' '), head.lastIndexOf('*')) + 1);
        }

        MemorySegment address() {
            MemorySegment a = address;
            if (a == null) address = a = symbol(name);
            return a;
        }

        /** Whether the C library has this function (e.g. a glibc-only extension). */
        boolean exists() {
            return address != null || LOOKUP.find(name).isPresent();
        }
    }

    private static MemorySegment symbol(String name) {
        var found = LOOKUP.find(name);
        if (found.isEmpty()) throw new UnsatisfiedLinkError("C library function not found: " + name);
        return found.get();
    }

    /** Calls {@code fn} with up to six integer or pointer arguments; errno lands in {@code errno}. */
    static long call(Fn fn, MemorySegment errno, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return (long) Shape.H.invokeExact(fn.address(), errno, a1, a2, a3, a4, a5, a6);
        } catch (Throwable t) {
            throw invocationFailure(t);
        }
    }

    static long call(Fn fn, MemorySegment errno) {
        return call(fn, errno, 0, 0, 0, 0, 0, 0);
    }

    static long call(Fn fn, MemorySegment errno, long a1) {
        return call(fn, errno, a1, 0, 0, 0, 0, 0);
    }

    static long call(Fn fn, MemorySegment errno, long a1, long a2) {
        return call(fn, errno, a1, a2, 0, 0, 0, 0);
    }

    static long call(Fn fn, MemorySegment errno, long a1, long a2, long a3) {
        return call(fn, errno, a1, a2, a3, 0, 0, 0);
    }

    static long call(Fn fn, MemorySegment errno, long a1, long a2, long a3, long a4) {
        return call(fn, errno, a1, a2, a3, a4, 0, 0);
    }

    static long call(Fn fn, MemorySegment errno, long a1, long a2, long a3, long a4, long a5) {
        return call(fn, errno, a1, a2, a3, a4, a5, 0);
    }

    /** Space for the state a call captures (errno). */
    static MemorySegment errnoSegment(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    /** The errno a failed call left in {@code capture}. */
    static int errno(MemorySegment capture) {
        return capture.get(JAVA_INT, ERRNO_OFFSET);
    }

    /** The exception for a failed call, e.g. {@code "open /x: No such file or directory"}. */
    static ErrnoException error(String call, int errno) {
        return new ErrnoException(call, errno, strerror(errno));
    }

    static ErrnoException error(String call, MemorySegment capture) {
        return error(call, errno(capture));
    }

    /**
     * What a failure of {@code invokeExact} itself (not of the native call) means: a bug here.
     * Errors and runtime exceptions pass through unchanged.
     */
    static RuntimeException invocationFailure(Throwable t) {
        if (t instanceof Error e) throw e;
        if (t instanceof RuntimeException r) return r;
        return new IllegalStateException("native call failed to run", t);
    }

    /** The address of a NUL-terminated UTF-8 copy of {@code s}, or 0 (NULL) for null. */
    static long cString(Arena arena, String s) {
        return s == null ? 0 : arena.allocateFrom(s, StandardCharsets.UTF_8).address();
    }

    /**
     * glibc's {@code strerrordesc_np} (2.32+) gives the English text whatever the locale, as runc's
     * messages are; {@code strerror} is the fallback elsewhere.
     */
    private static final class Strerror {
        static final Fn FN = new Fn("const char *strerrordesc_np(int)").exists()
                ? new Fn("const char *strerrordesc_np(int)") : new Fn("char *strerror(int)");
    }

    static String strerror(int errno) {
        try (Arena arena = Arena.ofConfined()) {
            long s = call(Strerror.FN, errnoSegment(arena), errno);
            if (s == 0) return "errno " + errno;
            return MemorySegment.ofAddress(s).reinterpret(Integer.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
        }
    }
}
