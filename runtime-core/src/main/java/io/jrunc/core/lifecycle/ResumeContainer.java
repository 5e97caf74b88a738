package io.jrunc.core.lifecycle;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.cgroup.Freezer;
import io.jrunc.core.state.Status;

/** `resume`: thaw a paused container; anything else is "container not paused", as runc says. */
public final class ResumeContainer {
    private final RuntimeContext ctx;

    public ResumeContainer(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    public void resume(String id) throws JruncException {
        try (AutoCloseable lock = ctx.store().lock(id)) {
            Container c = Container.load(ctx.store(), id);
            // A frozen cgroup without the user's mark (a kill --all that died mid-way) can be thawed too.
            if (c.status() != Status.PAUSED && !(c.initAlive() && c.cgroups().isFrozen())) throw new JruncException("container not paused");
            Debug.log(() -> "resume " + id + ": thawing " + c.cgroups().dirs().values());
            new Freezer(c.cgroups().dirs()).freeze(false);
            UserPause.clear(c.dir());
        } catch (JruncException e) {
            throw e;
        } catch (Exception e) {
            throw new JruncException("resume " + id + ": " + e.getMessage(), e);
        }
    }
}
