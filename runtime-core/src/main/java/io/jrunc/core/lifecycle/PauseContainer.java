package io.jrunc.core.lifecycle;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.cgroup.Freezer;
import io.jrunc.core.state.Status;

/**
 * `pause`: freeze every process of a running (or created) container through the cgroup freezer;
 * it returns once the freezer reports all of them stopped. The status reads "paused" from then on
 * (Container derives it from the freezer).
 */
public final class PauseContainer {
    private final RuntimeContext ctx;

    public PauseContainer(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    public void pause(String id) throws JruncException {
        try (AutoCloseable lock = ctx.store().lock(id)) {
            Container c = Container.load(ctx.store(), id);
            Status status = c.status();
            if (status != Status.RUNNING && status != Status.CREATED) throw new JruncException("container not running");
            Freezer freezer = new Freezer(c.cgroups().dirs());
            if (!freezer.available()) throw new JruncException("cannot pause " + id + ": it has no freezer cgroup");
            Debug.log(() -> "pause " + id + ": freezing " + c.cgroups().dirs().values());
            UserPause.mark(c.dir());
            try {
                freezer.freeze(true);
            } catch (java.io.IOException e) {
                freezer.freeze(false);
                UserPause.clear(c.dir());
                throw e;
            }
        } catch (JruncException e) {
            throw e;
        } catch (Exception e) {
            throw new JruncException("pause " + id + ": " + e.getMessage(), e);
        }
    }
}
