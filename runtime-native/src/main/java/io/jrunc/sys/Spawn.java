package io.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jrunc.sys.Libc.Fn;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * posix_spawn with dup2 file actions (every other fd above 2 closed), an empty signal mask and
 * every signal reset to its default.
 *
 * <p>glibc's posix_spawn (clone with CLONE_VM|CLONE_VFORK, then exec) is safe from a
 * multi-threaded JVM, and it reports a failed exec through its return value, so a missing binary
 * surfaces here as an {@link ErrnoException}. These functions return an error number rather than
 * setting errno.
 */
final class Spawn {

    /** Bits of posix_spawnattr_setflags (glibc spawn.h). */
    static final int POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;

    /**
     * Size reserved for the opaque posix_spawn_file_actions_t (80 bytes in glibc x86_64) and
     * posix_spawnattr_t (336 bytes): generous, so another libc's larger layout still fits.
     */
    static final long OPAQUE_SIZE = 512;

    /**
     * sigset_t is 128 bytes in glibc. The sets are built by hand rather than with sigemptyset /
     * sigfillset: glibc's sigfillset leaves out its internal signals 32 (SIGCANCEL) and 33
     * (SIGSETXID), and posix_spawn then sets those to SIG_IGN in the child because the JVM has
     * handlers for them, so every spawned process (and everything it execs) would start with
     * them ignored (the JDK's ProcessBuilder children do). With every bit set, the child resets
     * them to SIG_DFL like all the others.
     */
    static final long SIGSET_SIZE = 128;

    // All return an error number (0 on success) and leave errno alone, so none captures it.
    /** int posix_spawn(pid_t *, const char *, const file_actions *, const attr *, char *const [], char *const []) */
    private static final Fn POSIX_SPAWN = Fn.of("posix_spawn",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    /** int f(object *): the init and destroy functions of file actions and attributes. */
    private static final FunctionDescriptor ON_OBJECT = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final Fn FA_INIT = Fn.of("posix_spawn_file_actions_init", ON_OBJECT);
    private static final Fn FA_DESTROY = Fn.of("posix_spawn_file_actions_destroy", ON_OBJECT);
    private static final Fn ATTR_INIT = Fn.of("posix_spawnattr_init", ON_OBJECT);
    private static final Fn ATTR_DESTROY = Fn.of("posix_spawnattr_destroy", ON_OBJECT);
    /** int posix_spawn_file_actions_adddup2(file_actions *, int, int) */
    private static final Fn FA_ADDDUP2 = Fn.of("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    /** int f(file_actions *, int): addclose, and addclosefrom_np (glibc 2.34+: every fd from a number up). */
    private static final FunctionDescriptor WITH_FD = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    private static final Fn FA_ADDCLOSE = Fn.of("posix_spawn_file_actions_addclose", WITH_FD);
    private static final Fn FA_ADDCLOSEFROM = Fn.of("posix_spawn_file_actions_addclosefrom_np", WITH_FD);
    /** int posix_spawnattr_setflags(attr *, short) */
    private static final Fn ATTR_SETFLAGS = Fn.of("posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    /** int f(attr *, const sigset_t *): setsigmask and setsigdefault. */
    private static final FunctionDescriptor WITH_SIGSET = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    private static final Fn ATTR_SETSIGMASK = Fn.of("posix_spawnattr_setsigmask", WITH_SIGSET);
    private static final Fn ATTR_SETSIGDEFAULT = Fn.of("posix_spawnattr_setsigdefault", WITH_SIGSET);

    /** Tests turn this off to exercise the fallback for a C library without closefrom. */
    static boolean useCloseFrom = true;

    private Spawn() {}

    static int spawn(String path, List<String> argv, List<String> envp, List<Syscalls.FdMapping> dup2)
            throws ErrnoException {
        String call = "posix_spawn " + path;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = Libc.cString(arena, path);
            MemorySegment cArgv = stringArray(arena, argv);
            MemorySegment cEnvp = stringArray(arena, envp);
            MemorySegment pid = arena.allocate(JAVA_INT);

            MemorySegment actions = arena.allocate(OPAQUE_SIZE, 16);
            check(call, "posix_spawn_file_actions_init", onObject(FA_INIT, actions));
            try {
                addFileActions(call, actions, dup2);
                MemorySegment attr = arena.allocate(OPAQUE_SIZE, 16);
                check(call, "posix_spawnattr_init", onObject(ATTR_INIT, attr));
                try {
                    MemorySegment empty = arena.allocate(SIGSET_SIZE, 8); // zero-filled
                    MemorySegment all = arena.allocate(SIGSET_SIZE, 8).fill((byte) 0xff);
                    check(call, "posix_spawnattr_setsigmask", withSigset(ATTR_SETSIGMASK, attr, empty));
                    check(call, "posix_spawnattr_setsigdefault", withSigset(ATTR_SETSIGDEFAULT, attr, all));
                    check(call, "posix_spawnattr_setflags",
                            setFlags(attr, (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
                    int r;
                    try {
                        r = (int) POSIX_SPAWN.handle().invokeExact(pid, cPath, actions, attr, cArgv, cEnvp);
                    } catch (Throwable t) {
                        throw Libc.invocationFailure(t);
                    }
                    if (r != 0) throw Libc.error(call, r);
                    return pid.get(JAVA_INT, 0);
                } finally {
                    onObject(ATTR_DESTROY, attr);
                }
            } finally {
                onObject(FA_DESTROY, actions);
            }
        }
    }

    /**
     * File actions that leave the child exactly fds 0-2 (unless mapped over) plus the mapped fds.
     *
     * <ol>
     *   <li>Each source fd is dup2'ed to a staging fd {@code base + i}, where {@code base} is above
     *       every fd involved, so no source is overwritten before it is read: mappings may swap
     *       or chain ({@code 3->4, 4->5}), and {@code x->x} works (dup2 to another fd clears
     *       close-on-exec).
     *   <li>Each staging fd is dup2'ed to its target.
     *   <li>Every other fd from 3 up is closed: the JVM's own fds (the modules image, jar files,
     *       FileInputStreams...) are not close-on-exec and must not leak into a container. Fds
     *       3..highest target that are not targets are closed one by one (closing a fd that is
     *       not open is not an error in a file action), everything above with
     *       posix_spawn_file_actions_addclosefrom_np (glibc 2.34+), or, without it, by closing
     *       each fd the parent has open now.
     * </ol>
     */
    private static void addFileActions(String call, MemorySegment actions, List<Syscalls.FdMapping> dup2)
            throws ErrnoException {
        int n = dup2.size();
        int base = 3;
        int highestTarget = 2;
        for (Syscalls.FdMapping m : dup2) {
            if (m.parentFd() < 0 || m.childFd() < 0) {
                throw Libc.error(call + " (fd mapping " + m.parentFd() + " -> " + m.childFd() + ")", Libc.EBADF);
            }
            base = Math.max(base, Math.max(m.parentFd(), m.childFd()) + 1);
            highestTarget = Math.max(highestTarget, m.childFd());
        }
        boolean[] isTarget = new boolean[highestTarget + 1];
        for (Syscalls.FdMapping m : dup2) isTarget[m.childFd()] = true;

        for (int i = 0; i < n; i++) {
            check(call, "adddup2 " + dup2.get(i).parentFd() + " -> staging " + (base + i),
                    addDup2(actions, dup2.get(i).parentFd(), base + i));
        }
        for (int i = 0; i < n; i++) {
            check(call, "adddup2 " + dup2.get(i).parentFd() + " -> " + dup2.get(i).childFd(),
                    addDup2(actions, base + i, dup2.get(i).childFd()));
        }
        for (int fd = 3; fd <= highestTarget; fd++) {
            if (!isTarget[fd]) check(call, "addclose " + fd, withFd(FA_ADDCLOSE, actions, fd));
        }
        int closeFrom = highestTarget + 1;
        if (useCloseFrom && FA_ADDCLOSEFROM.exists()) {
            check(call, "addclosefrom_np " + closeFrom, withFd(FA_ADDCLOSEFROM, actions, closeFrom));
        } else {
            for (int fd : openFds()) {
                if (fd >= closeFrom) check(call, "addclose " + fd, withFd(FA_ADDCLOSE, actions, fd));
            }
            for (int i = 0; i < n; i++) {
                check(call, "addclose " + (base + i), withFd(FA_ADDCLOSE, actions, base + i));
            }
        }
    }

    /** The fds this process has open, from /proc/self/fd (the fallback without closefrom). */
    private static int[] openFds() throws ErrnoException {
        String[] names = new java.io.File("/proc/self/fd").list();
        if (names == null) throw Libc.error("list /proc/self/fd", Libc.ENOENT);
        int[] fds = new int[names.length];
        for (int i = 0; i < names.length; i++) fds[i] = Integer.parseInt(names[i]);
        return fds;
    }

    private static void check(String call, String step, int result) throws ErrnoException {
        if (result != 0) throw Libc.error(call + " (" + step + ")", result);
    }

    private static int onObject(Fn fn, MemorySegment object) {
        try {
            return (int) fn.handle().invokeExact(object);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    private static int withFd(Fn fn, MemorySegment actions, int fd) {
        try {
            return (int) fn.handle().invokeExact(actions, fd);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    private static int addDup2(MemorySegment actions, int fd, int newFd) {
        try {
            return (int) FA_ADDDUP2.handle().invokeExact(actions, fd, newFd);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    private static int withSigset(Fn fn, MemorySegment attr, MemorySegment set) {
        try {
            return (int) fn.handle().invokeExact(attr, set);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    private static int setFlags(MemorySegment attr, short flags) {
        try {
            return (int) ATTR_SETFLAGS.handle().invokeExact(attr, flags);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    /** A NULL-terminated {@code char *[]} of NUL-terminated copies. */
    private static MemorySegment stringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L); // zero-filled: ends in NULL
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, Libc.cString(arena, strings.get(i)));
        }
        return array;
    }
}
