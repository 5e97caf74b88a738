package io.jrunc.sys;

import static io.jrunc.sys.Libc.call;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
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

    // All return an error number (0 on success).
    private static final Libc.Fn POSIX_SPAWN =
            new Libc.Fn("int posix_spawn(pid_t *, const char *, const posix_spawn_file_actions_t *, const posix_spawnattr_t *, char *const [], char *const [])");
    private static final Libc.Fn FA_INIT =
            new Libc.Fn("int posix_spawn_file_actions_init(posix_spawn_file_actions_t *)");
    private static final Libc.Fn FA_ADDDUP2 =
            new Libc.Fn("int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *, int, int)");
    private static final Libc.Fn FA_ADDCLOSE =
            new Libc.Fn("int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *, int)");
    /** glibc 2.34+: close every fd from a number up, in the child. */
    private static final Libc.Fn FA_ADDCLOSEFROM =
            new Libc.Fn("int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *, int)");
    private static final Libc.Fn FA_DESTROY =
            new Libc.Fn("int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *)");
    private static final Libc.Fn ATTR_INIT = new Libc.Fn("int posix_spawnattr_init(posix_spawnattr_t *)");
    private static final Libc.Fn ATTR_SETFLAGS =
            new Libc.Fn("int posix_spawnattr_setflags(posix_spawnattr_t *, short)");
    private static final Libc.Fn ATTR_SETSIGMASK =
            new Libc.Fn("int posix_spawnattr_setsigmask(posix_spawnattr_t *, const sigset_t *)");
    private static final Libc.Fn ATTR_SETSIGDEFAULT =
            new Libc.Fn("int posix_spawnattr_setsigdefault(posix_spawnattr_t *, const sigset_t *)");
    private static final Libc.Fn ATTR_DESTROY = new Libc.Fn("int posix_spawnattr_destroy(posix_spawnattr_t *)");

    /** Tests turn this off to exercise the fallback for a C library without closefrom. */
    static boolean useCloseFrom = true;

    private Spawn() {}

    static int spawn(String path, List<String> argv, List<String> envp, List<Syscalls.FdMapping> dup2)
            throws ErrnoException {
        String call = "posix_spawn " + path;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            long cPath = Libc.cString(arena, path);
            long cArgv = stringArray(arena, argv);
            long cEnvp = stringArray(arena, envp);
            MemorySegment pid = arena.allocate(JAVA_INT);

            long actions = arena.allocate(OPAQUE_SIZE, 16).address();
            check(call, "posix_spawn_file_actions_init", call(FA_INIT, errno, actions));
            try {
                addFileActions(call, errno, actions, dup2);
                long attr = arena.allocate(OPAQUE_SIZE, 16).address();
                check(call, "posix_spawnattr_init", call(ATTR_INIT, errno, attr));
                try {
                    long empty = arena.allocate(SIGSET_SIZE, 8).address(); // zero-filled
                    long all = arena.allocate(SIGSET_SIZE, 8).fill((byte) 0xff).address();
                    check(call, "posix_spawnattr_setsigmask", call(ATTR_SETSIGMASK, errno, attr, empty));
                    check(call, "posix_spawnattr_setsigdefault", call(ATTR_SETSIGDEFAULT, errno, attr, all));
                    check(call, "posix_spawnattr_setflags",
                            call(ATTR_SETFLAGS, errno, attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF));
                    int r = (int) call(POSIX_SPAWN, errno, pid.address(), cPath, actions, attr, cArgv, cEnvp);
                    if (r != 0) throw Libc.error(call, r);
                    return pid.get(JAVA_INT, 0);
                } finally {
                    call(ATTR_DESTROY, errno, attr);
                }
            } finally {
                call(FA_DESTROY, errno, actions);
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
    private static void addFileActions(String call, MemorySegment errno, long actions, List<Syscalls.FdMapping> dup2)
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
                    call(FA_ADDDUP2, errno, actions, dup2.get(i).parentFd(), base + i));
        }
        for (int i = 0; i < n; i++) {
            check(call, "adddup2 " + dup2.get(i).parentFd() + " -> " + dup2.get(i).childFd(),
                    call(FA_ADDDUP2, errno, actions, base + i, dup2.get(i).childFd()));
        }
        for (int fd = 3; fd <= highestTarget; fd++) {
            if (!isTarget[fd]) check(call, "addclose " + fd, call(FA_ADDCLOSE, errno, actions, fd));
        }
        int closeFrom = highestTarget + 1;
        if (useCloseFrom && FA_ADDCLOSEFROM.exists()) {
            check(call, "addclosefrom_np " + closeFrom, call(FA_ADDCLOSEFROM, errno, actions, closeFrom));
        } else {
            for (int fd : openFds()) {
                if (fd >= closeFrom) check(call, "addclose " + fd, call(FA_ADDCLOSE, errno, actions, fd));
            }
            for (int i = 0; i < n; i++) {
                check(call, "addclose " + (base + i), call(FA_ADDCLOSE, errno, actions, base + i));
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

    private static void check(String call, String step, long result) throws ErrnoException {
        if ((int) result != 0) throw Libc.error(call + " (" + step + ")", (int) result);
    }

    /** The address of a NULL-terminated {@code char *[]} of NUL-terminated copies. */
    private static long stringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L); // zero-filled: ends in NULL
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(JAVA_LONG, i, Libc.cString(arena, strings.get(i)));
        }
        return array.address();
    }
}
