package io.jrunc.core.lifecycle;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.hooks.ContainerHooks;
import io.jrunc.core.hooks.HookRunner;
import io.jrunc.core.state.HostMounts;
import io.jrunc.core.state.Status;
import io.jrunc.sys.ErrnoException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * `delete`: remove a stopped container's cgroups and state. A created one is killed first (runc
 * does the same: it never ran); a running or paused one only with --force.
 */
public final class DeleteContainer {
    private static final int SIGKILL = 9;
    private final RuntimeContext ctx;

    public DeleteContainer(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    public void delete(String id, boolean force) throws JruncException {
        Path dir = ctx.store().dir(id);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            // runc: --force of a container that is not there (any more) succeeds, so racing deletes all do.
            if (force) return;
            throw new JruncException("container does not exist");
        }
        if (Files.isSymbolicLink(dir)) {
            // No container; --force clears the link (never its target: remove does not follow it).
            if (force) ctx.store().remove(id);
            else throw new JruncException("container does not exist");
            return;
        }
        try (AutoCloseable lock = lockOrGone(id, force)) {
            if (lock == null) return;
            Container c;
            try {
                c = Container.load(ctx.store(), id);
            } catch (JruncException unusable) {
                if (!force) throw unusable;
                // Deleted by a racing delete while we waited for the lock: done. Else a create that
                // died before writing state.json, or a state.json that cannot be read: its footprint says
                // what to remove.
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) new FootprintCleanup(ctx).remove(id, dir);
                return;
            }
            Status status = c.status();
            switch (status) {
                case STOPPED -> { }
                case CREATED -> killInit(c);
                case RUNNING, PAUSED, CREATING -> {
                    if (!force) {
                        throw new JruncException("cannot delete container " + id + " that is not stopped: " + status.text());
                    }
                    killInit(c);
                }
            }
            destroy(c);
        } catch (JruncException e) {
            throw e;
        } catch (Exception e) {
            throw new JruncException("delete " + id + ": " + e.getMessage(), e);
        }
    }

    /** The container's lock; null with --force when the container went away before we got it. */
    private AutoCloseable lockOrGone(String id, boolean force) throws JruncException {
        try {
            return ctx.store().lock(id);
        } catch (JruncException e) {
            if (force && !Files.exists(ctx.store().dir(id), LinkOption.NOFOLLOW_LINKS)) return null;
            throw e;
        }
    }

    private void killInit(Container c) throws JruncException {
        KillContainer.signalAll(c.cgroups(), SIGKILL, ctx.sys());
        try {
            ctx.sys().kill(c.record().initPid(), SIGKILL);
        } catch (ErrnoException gone) {
            // it died on its own meanwhile
        }
        if (!ProcessReaper.awaitExit(c.record().initPid(), c.record().initStartTime(), 10_000)) {
            throw new JruncException("container init " + c.record().initPid() + " did not exit after SIGKILL");
        }
    }

    /**
     * Processes may outlive the init when the container shares the host's pid namespace; they are
     * killed through the cgroup before it is removed.
     */
    private void destroy(Container c) throws JruncException {
        // Read before the state dir goes; run after it went (runtime-spec: after the container is deleted).
        ContainerHooks hooks = ContainerHooks.load(new HookRunner(ctx.launcher(), ctx.call().env()), c.dir(), c.id(),
                java.nio.file.Path.of(c.record().bundle()), c.record().annotations());
        Debug.log(() -> "delete " + c.id() + ": removing cgroups " + c.cgroups().dirs().values());
        KillContainer.signalAll(c.cgroups(), SIGKILL, ctx.sys());
        // Without a mount namespace of its own the container's mounts are in ours (SharedMountNamespace).
        HostMounts.removeAll(c.dir(), ctx.sys());
        c.cgroups().destroy();
        ctx.store().remove(c.id());
        hooks.poststop();
    }
}
