package io.jrunc.core.lifecycle;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.cgroup.CgroupManager;
import io.jrunc.core.state.ProcStat;
import io.jrunc.core.state.Status;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.util.List;

/**
 * `kill`: signal the init through a pidfd (after checking its start time, so a reused pid is never
 * signalled), or with --all every process in the container's cgroup, frozen first so none can fork
 * away between listing and signalling.
 */
public final class KillContainer {
    private static final int ESRCH = 3, SIGKILL = 9;
    private final RuntimeContext ctx;

    public KillContainer(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    public void kill(String id, int signal, boolean all) throws JruncException {
        // The pidfd calls are native; their one-time link overlaps reading the state.
        ctx.sys().linkAhead();
        Container c = Container.load(ctx.store(), id);
        Status status = c.status();
        Debug.log(() -> "kill " + id + ": signal " + signal + (all ? " to every process" : " to init " + c.record().initPid()) + " (" + status.text() + ")");
        if (all) {
            // The init is in the cgroup like every other task; only without one is it signalled alone.
            List<Integer> signalled = signalAll(c.cgroups(), signal, ctx.sys());
            if (signalled.isEmpty() && status != Status.STOPPED) signalInit(c, signal);
            // signalAll thaws (as runc's does): a paused container is not paused any more.
            if (status == Status.PAUSED && !signalled.isEmpty()) clearPause(c);
            return;
        }
        if (status == Status.STOPPED) throw new JruncException("container not running");
        signalInit(c, signal);
        // A v1-frozen task does not die until thawed; runc thaws a paused container for SIGKILL only.
        if (status == Status.PAUSED && signal == SIGKILL) thaw(c);
    }

    private static void thaw(Container c) throws JruncException {
        try {
            c.cgroups().freeze(false);
            UserPause.clear(c.dir());
        } catch (IOException e) {
            throw new JruncException("kill " + c.id() + ": thaw after SIGKILL: " + e.getMessage(), e);
        }
    }

    private static void clearPause(Container c) throws JruncException {
        try {
            UserPause.clear(c.dir());
        } catch (IOException e) {
            throw new JruncException("kill " + c.id() + ": " + e.getMessage(), e);
        }
    }

    private void signalInit(Container c, int signal) throws JruncException {
        Syscalls sys = ctx.sys();
        int pid = c.record().initPid();
        try {
            int pidfd = sys.pidfdOpen(pid);
            try {
                if (!ProcStat.isOurs(pid, c.record().initStartTime())) throw new JruncException("container not running");
                sys.pidfdSendSignal(pidfd, signal);
            } finally {
                sys.close(pidfd);
            }
        } catch (ErrnoException e) {
            if (e.errno() == ESRCH) throw new JruncException("container not running");
            throw new JruncException("kill " + c.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Signals every task of the cgroup while it is frozen; returns the pids signalled. An empty
     * cgroup (a stopped container, what `delete` usually meets) is left alone: with no task in it
     * none can fork into it, and not writing the freezer keeps `delete` free of native calls, whose
     * first one is costly (the JDK generates its downcall stub at run time: docs/performance.md,
     * "Figures behind the code").
     */
    static List<Integer> signalAll(CgroupManager cgroups, int signal, Syscalls sys) throws JruncException {
        try {
            if (cgroups.pids().isEmpty()) return List.of();
            cgroups.freeze(true);
            List<Integer> pids;
            try {
                pids = cgroups.pids();
                for (int pid : pids) {
                    try {
                        sys.kill(pid, signal);
                    } catch (ErrnoException gone) {
                        // exited between listing and signalling
                    }
                }
            } finally {
                cgroups.freeze(false);
            }
            return pids;
        } catch (IOException e) {
            throw new JruncException("kill --all: " + e.getMessage(), e);
        }
    }
}
