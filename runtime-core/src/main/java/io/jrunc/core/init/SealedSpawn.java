package io.jrunc.core.init;

import io.jrunc.core.JruncException;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts jrunc-init as a child of this JVM: {@code posix_spawn} from a sealed memfd copy of the
 * installed helper ({@link SealedHelper}), on a socketpair. The cold path's way, and the one the
 * front end copies when a planner asks it to spawn (docs/planner-protocol.md, SPAWN).
 */
public final class SealedSpawn implements HelperStart {
    private final Syscalls sys;
    private final Path helper;

    /** Spawns the installed helper ({@link InitHelper#locate()}). */
    public SealedSpawn(Syscalls sys) {
        this(sys, null);
    }

    /** Spawns {@code helper}; null: the installed one. */
    public SealedSpawn(Syscalls sys, Path helper) {
        this.sys = sys;
        this.helper = helper;
    }

    @Override
    public Started start(int preserveFds) throws ErrnoException, JruncException {
        Path binary = helper != null ? helper : InitHelper.locate();
        int[] pair = sys.socketPair();
        // The helper runs from a sealed memfd copy, never from the installed file (SealedHelper).
        try (SealedHelper sealed = SealedHelper.copyOf(sys, binary)) {
            // Our pid lets the helper check it was not orphaned before its death signal was set.
            int pid = sys.spawn(sealed.execPath(), List.of("jrunc-init", Integer.toString(3 + preserveFds),
                            Integer.toString(sys.getpid())), List.of(),
                    fdMappings(pair[1], preserveFds));
            return new Started(pair[0], pid);
        } catch (ErrnoException | JruncException | RuntimeException e) {
            sys.close(pair[0]);
            throw e;
        } finally {
            sys.close(pair[1]);
        }
    }

    /** The caller's fds 3..3+N-1 (--preserve-fds) keep their numbers; the socket goes right above them. */
    private static List<Syscalls.FdMapping> fdMappings(int socket, int preserveFds) {
        List<Syscalls.FdMapping> mappings = new ArrayList<>();
        for (int fd = 3; fd < 3 + preserveFds; fd++) mappings.add(new Syscalls.FdMapping(fd, fd));
        mappings.add(new Syscalls.FdMapping(socket, 3 + preserveFds));
        return mappings;
    }

    @Override
    public Syscalls.WaitStatus reap(int helperPid) {
        try {
            return sys.waitpid(helperPid, 0);
        } catch (ErrnoException alreadyReaped) {
            return null;
        }
    }
}
