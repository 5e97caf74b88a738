package io.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Libc.Fn} is called through Libc's one shared {@code long f(long x6)} shape, which is
 * only right for the prototypes Libc's comment allows. This test holds each declared prototype to
 * those rules, links each one as its own typed downcall (so a prototype the FFM linker would refuse,
 * such as a short passed variadically, fails here), and calls a few functions both ways.
 */
class LibcPrototypesTest {
    /** Every class that declares Libc.Fn fields. */
    private static final List<Class<?>> CALL_GROUPS = List.of(FileCalls.class, ProcessCalls.class, UnixSockets.class,
            Spawn.class, MemfdCalls.class, LinuxTty.class, EventFd.class, Bpf.class, SeccompKernel.class,
            strerrorHolder());

    private static Class<?> strerrorHolder() {
        try {
            return Class.forName("io.jrunc.sys.Libc$Strerror");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private record Declared(String where, Libc.Fn fn) {}

    private static List<Declared> declared() throws IllegalAccessException {
        List<Declared> all = new ArrayList<>();
        for (Class<?> c : CALL_GROUPS) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == Libc.Fn.class && Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    all.add(new Declared(c.getSimpleName() + "." + f.getName(), (Libc.Fn) f.get(null)));
                }
            }
        }
        return all;
    }

    /** A prototype as a typed descriptor, and the index of its first variadic argument (-1: none). */
    record Typed(FunctionDescriptor descriptor, int firstVariadic) {}

    static Typed parse(String prototype) {
        int open = prototype.indexOf('('), close = prototype.lastIndexOf(')');
        String head = prototype.substring(0, open);
        String ret = head.substring(0, Math.max(head.lastIndexOf(' '), head.lastIndexOf('*')) + 1).trim();
        List<MemoryLayout> args = new ArrayList<>();
        int firstVariadic = -1;
        String list = prototype.substring(open + 1, close).trim();
        if (!list.equals("void")) {
            for (String a : list.split(",")) {
                a = a.trim();
                if (a.equals("...")) {
                    firstVariadic = args.size();
                    continue;
                }
                args.add(layout(a));
            }
        }
        MemoryLayout[] argLayouts = args.toArray(MemoryLayout[]::new);
        FunctionDescriptor d = ret.equals("void") ? FunctionDescriptor.ofVoid(argLayouts)
                : FunctionDescriptor.of(layout(ret), argLayouts);
        return new Typed(d, firstVariadic);
    }

    /** The LP64 Linux layout of a C type as the prototypes here spell them. */
    static MemoryLayout layout(String type) {
        if (type.contains("*") || type.contains("[")) return ADDRESS;
        return switch (type) {
            case "int", "unsigned int", "pid_t", "uid_t", "mode_t", "socklen_t" -> JAVA_INT;
            case "short" -> JAVA_SHORT;
            case "long", "unsigned long", "size_t", "ssize_t", "nfds_t" -> JAVA_LONG;
            default -> throw new AssertionError("no LP64 layout known for C type '" + type + "'");
        };
    }

    @Test
    void everyPrototypeFitsTheSharedShapeAndLinksTyped() throws Exception {
        List<Declared> all = declared();
        assertTrue(all.size() >= 40, "found only " + all.size() + " declared functions");
        Linker linker = Linker.nativeLinker();
        for (Declared d : all) {
            Typed t = parse(d.fn().prototype);
            String what = d.where() + " " + d.fn().prototype;
            assertTrue(d.fn().prototype.contains(" " + d.fn().name + "(") || d.fn().prototype.contains("*" + d.fn().name + "("), what);
            assertTrue(t.descriptor().argumentLayouts().size() <= 6, what + ": more than six arguments");
            for (MemoryLayout l : t.descriptor().argumentLayouts()) {
                assertTrue(l == JAVA_INT || l == JAVA_SHORT || l == JAVA_LONG || l == ADDRESS, what + ": " + l);
            }
            t.descriptor().returnLayout().ifPresent(l ->
                    assertTrue(l == JAVA_INT || l == JAVA_LONG || l == ADDRESS, what + ": returns " + l));
            Optional<MemorySegment> symbol = linker.defaultLookup().find(d.fn().name);
            if (symbol.isEmpty()) {
                assertFalse(d.fn().exists(), what);
                continue; // a glibc extension this C library lacks; callers ask exists() first
            }
            // Throws for a descriptor the linker refuses (e.g. a variadic argument of a type C promotes).
            linker.downcallHandle(symbol.get(), t.descriptor(), options(t));
        }
    }

    private static Linker.Option[] options(Typed t) {
        Linker.Option capture = Linker.Option.captureCallState("errno");
        return t.firstVariadic() < 0 ? new Linker.Option[] {capture}
                : new Linker.Option[] {capture, Linker.Option.firstVariadicArg(t.firstVariadic())};
    }

    private static MethodHandle typed(Libc.Fn fn) {
        Typed t = parse(fn.prototype);
        return Linker.nativeLinker().downcallHandle(fn.address(), t.descriptor(), options(t));
    }

    private static Libc.Fn fn(Class<?> group, String field) throws Exception {
        Field f = group.getDeclaredField(field);
        f.setAccessible(true);
        return (Libc.Fn) f.get(null);
    }

    @Test
    void sharedShapeAndTypedHandlesAgree() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);

            Libc.Fn getpid = fn(ProcessCalls.class, "GETPID");
            int pid = (int) typed(getpid).invokeExact(errno);
            assertEquals(pid, (int) Libc.call(getpid, errno));
            assertEquals(ProcessHandle.current().pid(), pid);

            Libc.Fn kill = fn(ProcessCalls.class, "KILL");
            assertEquals(0, (int) typed(kill).invokeExact(errno, pid, 0));
            assertEquals(0, (int) Libc.call(kill, errno, pid, 0));

            Libc.Fn close = fn(FileCalls.class, "CLOSE");
            assertEquals(-1, (int) typed(close).invokeExact(errno, -1));
            assertEquals(Libc.EBADF, Libc.errno(errno));
            errno.fill((byte) 0);
            assertEquals(-1, (int) Libc.call(close, errno, -1));
            assertEquals(Libc.EBADF, Libc.errno(errno));

            Libc.Fn open = fn(FileCalls.class, "OPEN");
            MemorySegment missing = arena.allocateFrom("/nonexistent/jrunc-libc-test");
            assertEquals(-1, (int) typed(open).invokeExact(errno, missing, 0, 0));
            assertEquals(Libc.ENOENT, Libc.errno(errno));
            errno.fill((byte) 0);
            assertEquals(-1, (int) Libc.call(open, errno, missing.address(), 0, 0));
            assertEquals(Libc.ENOENT, Libc.errno(errno));

            // A variadic syscall(2) with a pointer argument: pidfd_send_signal(pidfd -1, 0, NULL, 0).
            Libc.Fn syscall = fn(ProcessCalls.class, "SYSCALL");
            assertEquals(-1L, (long) typed(syscall).invokeExact(errno, ProcessCalls.SYS_PIDFD_SEND_SIGNAL, -1L, 0L,
                    MemorySegment.NULL, 0L));
            int typedErrno = Libc.errno(errno);
            errno.fill((byte) 0);
            assertEquals(-1L, Libc.call(syscall, errno, ProcessCalls.SYS_PIDFD_SEND_SIGNAL, -1, 0, 0, 0));
            assertEquals(typedErrno, Libc.errno(errno));

            Libc.Fn strerror = fn(strerrorHolder(), "FN");
            MemorySegment text = (MemorySegment) typed(strerror).invokeExact(errno, Libc.ENOENT);
            assertEquals(text.reinterpret(Integer.MAX_VALUE).getString(0), Libc.strerror(Libc.ENOENT));
        }
    }
}
