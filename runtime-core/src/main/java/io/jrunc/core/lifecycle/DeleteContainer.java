package io.jrunc.core.lifecycle;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.hooks.ContainerHooks;
import io.jrunc.core.state.HostMounts;
import io.jrunc.core.state.Status;
import io.jrunc.sys.ErrnoException;

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
        if (!ctx.store().exists(id)) {
            // A directory without state.json is a create that died half-way: --force clears it
            // (a symlink there loses the link only: remove never follows one).
            if (force && java.nio.file.Files.exists(ctx.store().dir(id), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                HostMounts.removeAll(ctx.store().dir(id), ctx.sys());
                ctx.store().remove(id);
                return;
            }
            throw new JruncException("container does not exist");
        }
        try (AutoCloseable lock = ctx.store().lock(id)) {
            Container c = Container.load(ctx.store(), id);
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
        ContainerHooks hooks = ContainerHooks.load(ctx.sys(), c.dir(), c.id(), java.nio.file.Path.of(c.record().bundle()),
                c.record().annotations());
        Debug.log(() -> "delete " + c.id() + ": removing cgroups " + c.cgroups().dirs().values());
        KillContainer.signalAll(c.cgroups(), SIGKILL, ctx.sys());
        // Without a mount namespace of its own the container's mounts are in ours (SharedMountNamespace).
        HostMounts.removeAll(c.dir(), ctx.sys());
        c.cgroups().destroy();
        ctx.store().remove(c.id());
        hooks.poststop();
    }
}
