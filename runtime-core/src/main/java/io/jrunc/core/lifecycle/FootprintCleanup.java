package io.jrunc.core.lifecycle;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.cgroup.CgroupManager;
import io.jrunc.core.state.Footprint;
import io.jrunc.core.state.HostMounts;
import io.jrunc.sys.ErrnoException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * `delete --force` of a container without a usable state.json: a create killed before it wrote one,
 * or a state.json that was truncated, overwritten or deleted. What the container put on the host is
 * found in its {@link Footprint} instead: every task of its cgroups and every process create
 * recorded (pid and start time, so a reused pid is never hit) is killed, then the cgroups and the
 * state dir are removed.
 */
final class FootprintCleanup {
    private static final int SIGKILL = 9;
    private final RuntimeContext ctx;

    FootprintCleanup(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    void remove(String id, Path dir) throws JruncException {
        Footprint footprint;
        try {
            footprint = Footprint.read(dir);
        } catch (IOException e) {
            throw new JruncException("delete " + id + ": cannot read its footprint: " + e.getMessage(), e);
        }
        Debug.log(() -> "delete " + id + ": no usable state, removing its footprint: cgroups " + footprint.cgroups().values()
                + ", processes " + footprint.processes());
        CgroupManager cgroups = new CgroupManager(footprint.cgroups());
        KillContainer.signalAll(cgroups, SIGKILL, ctx.sys());
        for (Footprint.Process p : footprint.processes()) {
            if (!p.alive()) continue;
            try {
                ctx.sys().kill(p.pid(), SIGKILL);
            } catch (ErrnoException gone) {
                // exited meanwhile
            }
            if (!ProcessReaper.awaitExit(p.pid(), p.startTime(), 10_000)) {
                throw new JruncException("delete " + id + ": " + p.role() + " " + p.pid() + " did not exit after SIGKILL");
            }
        }
        // A task that was forking while the first pass listed the cgroup is caught by the second.
        KillContainer.signalAll(cgroups, SIGKILL, ctx.sys());
        cgroups.destroy();
        // Without a mount namespace of its own, the container's mounts are in ours (HostMounts).
        HostMounts.removeAll(dir, ctx.sys());
        ctx.store().remove(id);
    }
}
