package io.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * Calling C library functions: each function has its own typed downcall handle (its C signature as
 * a {@link FunctionDescriptor}), looked up and linked the first time it is called, so a command
 * links only what it calls. Functions that report failure through errno capture it: their handle
 * takes the capture segment ({@link #errnoSegment}) as its first argument.
 *
 * <p>Pointer arguments must stay valid for the call: callers allocate them in an {@link Arena}
 * that is open around it.
 */
final class Libc {

    static final int ENOENT = 2, EINTR = 4, EBADF = 9, EINVAL = 22, ENAMETOOLONG = 36;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final MemoryLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET =
            CAPTURE_LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option[] NO_OPTIONS = {};
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private Libc() {}

    /**
     * A C library function and its signature, linked on its first call. Declared as static final
     * fields in the call groups; creating one costs nothing.
     */
    static final class Fn {
        final String name;
        private final FunctionDescriptor descriptor;
        private final Linker.Option[] options;
        /** Published through the final fields of the handle; a race just links it twice. */
        private MethodHandle handle;

        private Fn(String name, FunctionDescriptor descriptor, Linker.Option... options) {
            this.name = name;
            this.descriptor = descriptor;
            this.options = options;
        }

        /** A function that cannot fail, or returns its error number instead of setting errno. */
        static Fn of(String name, FunctionDescriptor descriptor) {
            return new Fn(name, descriptor, NO_OPTIONS);
        }

        /** A function that sets errno on failure: its handle takes the capture segment first. */
        static Fn settingErrno(String name, FunctionDescriptor descriptor) {
            return new Fn(name, descriptor, CAPTURE_ERRNO);
        }

        /**
         * A variadic function that sets errno: {@code descriptor} lists the fixed arguments and
         * then the variadic ones this call site passes (C's promoted types: int, long, pointer),
         * the first of which is argument {@code firstVariadic} (0-based).
         */
        static Fn variadicSettingErrno(String name, int firstVariadic, FunctionDescriptor descriptor) {
            return new Fn(name, descriptor, CAPTURE_ERRNO, Linker.Option.firstVariadicArg(firstVariadic));
        }

        /** The typed handle; its type is the descriptor's, after the capture segment if errno is captured. */
        MethodHandle handle() {
            MethodHandle h = handle;
            if (h == null) handle = h = LINKER.downcallHandle(symbol(name), descriptor, options);
            return h;
        }

        /** Whether the C library has this function (e.g. a glibc-only extension). */
        boolean exists() {
            return handle != null || LOOKUP.find(name).isPresent();
        }
    }

    private static MemorySegment symbol(String name) {
        var found = LOOKUP.find(name);
        if (found.isEmpty()) throw new UnsatisfiedLinkError("C library function not found: " + name);
        return found.get();
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

    /** A NUL-terminated UTF-8 copy of {@code s}, or NULL for null. */
    static MemorySegment cString(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s, StandardCharsets.UTF_8);
    }

    /**
     * glibc's {@code strerrordesc_np} (2.32+) gives the English text whatever the locale, as runc's
     * messages are; {@code strerror} is the fallback elsewhere. {@code const char *f(int)}.
     */
    private static final class Strerror {
        static final FunctionDescriptor SIGNATURE = FunctionDescriptor.of(ADDRESS, JAVA_INT);
        static final Fn FN = Fn.of("strerrordesc_np", SIGNATURE).exists()
                ? Fn.of("strerrordesc_np", SIGNATURE) : Fn.of("strerror", SIGNATURE);
    }

    static String strerror(int errno) {
        MemorySegment s;
        try {
            s = (MemorySegment) Strerror.FN.handle().invokeExact(errno);
        } catch (Throwable t) {
            throw invocationFailure(t);
        }
        if (s.address() == 0) return "errno " + errno;
        return s.reinterpret(Integer.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }
}
