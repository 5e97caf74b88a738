package io.jrunc.core.lifecycle;

import io.jrunc.core.cgroup.driver.CgroupDrivers;
import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.ResourceRequest;
import io.jrunc.core.state.Status;
import io.jrunc.spec.BlockIO;
import io.jrunc.spec.Cpu;
import io.jrunc.spec.Memory;
import io.jrunc.spec.Pids;
import io.jrunc.spec.Resources;

/**
 * `update`: change the resource limits of a live container in its cgroups. The fields taken are
 * the ones runc's update takes (memory limit, reservation, swap and checkBeforeUpdate; the CPU
 * settings; the block I/O weight; the pids limit; `unified`); runc ignores the rest of the
 * document, and so does this. Nothing is saved: where a setting depends on another one left out
 * (v2 swap on the memory limit, cpu.max's quota on the period), the driver reads it back from the
 * cgroup instead of from a saved copy as runc does.
 */
public final class UpdateContainer {
    private final RuntimeContext ctx;

    public UpdateContainer(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    public void update(String id, Resources requested) throws JruncException {
        try (AutoCloseable lock = ctx.store().lock(id)) {
            Container c = Container.load(ctx.store(), id);
            if (c.status() == Status.STOPPED) throw new JruncException("container not running");
            Resources r = updatable(requested);
            Debug.log(() -> "update " + id + ": " + r + " into " + c.cgroups().dirs().values());
            CgroupDrivers.of(ctx.sys(), c.cgroups().dirs()).apply(ResourceRequest.forUpdate(r));
        } catch (JruncException e) {
            throw e;
        } catch (Exception e) {
            throw new JruncException("update " + id + ": " + e.getMessage(), e);
        }
    }

    /** The part of a resources document `update` applies (runc's update.go). */
    static Resources updatable(Resources r) {
        Memory m = r.memory();
        Memory memory = null;
        if (m != null) {
            // Unlimited memory with swap left out means unlimited swap as well (v1 compatibility).
            Long swap = m.limit() != null && m.limit() == -1 && m.swap() == null ? Long.valueOf(-1) : m.swap();
            memory = Memory.limits(m.limit(), m.reservation(), swap, m.kernel(), m.kernelTCP(), m.checkBeforeUpdate());
        }
        Cpu cpu = r.cpu();
        BlockIO b = r.blockIO();
        BlockIO blockIO = b == null ? null : BlockIO.ofWeight(b.weight());
        Pids pids = r.pids() == null ? null : new Pids(r.pids().limit());
        return Resources.forUpdate(memory, cpu, pids, blockIO, r.unified());
    }
}
