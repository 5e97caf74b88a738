package io.jrunc.core.lifecycle;

import io.jrunc.core.cgroup.driver.CgroupDrivers;
import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.OomWatch;
import io.jrunc.core.cgroup.stats.CgroupStats;
import io.jrunc.core.state.Status;
import java.io.IOException;
import java.time.Duration;

/**
 * `events`: the container's cgroup statistics once (--stats), or a stream of them every interval
 * interleaved with OOM events as they happen. The stream ends when the cgroups say the container
 * is gone (v1: its memory cgroup removed; v2: no task left), as runc's does. Statistics that cannot
 * be read in the stream are reported and the stream goes on, as in runc.
 */
public final class ContainerEvents {
    /** What `events` reports; the CLI prints each as one JSON line. */
    public sealed interface Event {
        String id();

        record Stats(String id, CgroupStats stats) implements Event {}

        record Oom(String id) implements Event {}
    }

    public interface Listener {
        void event(Event event);

        /** A statistics read that failed in the stream (runc logs it and carries on). */
        void error(String message);
    }

    private final RuntimeContext ctx;

    public ContainerEvents(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    public Event.Stats stats(String id) throws JruncException {
        Container c = running(id);
        try {
            return new Event.Stats(id, CgroupDrivers.of(ctx.sys(), c.cgroups().dirs()).stats());
        } catch (IOException e) {
            throw new JruncException("cannot read the statistics of " + id + ": " + e.getMessage(), e);
        }
    }

    /** Blocks until the container is gone, calling the listener from this thread. */
    public void stream(String id, Duration interval, Listener listener) throws JruncException {
        if (interval.isZero() || interval.isNegative()) throw new JruncException("duration interval must be greater than 0");
        Container c = running(id);
        CgroupDriver driver = CgroupDrivers.of(ctx.sys(), c.cgroups().dirs());
        long step = Math.max(1, interval.toMillis());
        try (OomWatch oom = driver.watchOom()) {
            long next = System.nanoTime() + step * 1_000_000;
            // A planner interrupts the call when its caller hangs up (HangupWatch): stop streaming then.
            while (!Thread.currentThread().isInterrupted()) {
                long left = Math.max(0, (next - System.nanoTime()) / 1_000_000);
                switch (oom.await(left)) {
                    case OOM -> listener.event(new Event.Oom(id));
                    case GONE -> {
                        Debug.log(() -> "events " + id + ": the container's cgroup is gone");
                        return;
                    }
                    case TIMEOUT -> { }
                }
                if (System.nanoTime() - next >= 0) {
                    next += step * 1_000_000;
                    try {
                        listener.event(new Event.Stats(id, driver.stats()));
                    } catch (IOException e) {
                        listener.error(e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new JruncException("events " + id + ": " + e.getMessage(), e);
        }
    }

    private Container running(String id) throws JruncException {
        Container c = Container.load(ctx.store(), id);
        if (c.status() == Status.STOPPED) throw new JruncException("container with id " + id + " is not running");
        return c;
    }
}
