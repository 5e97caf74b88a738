package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import io.jrunc.core.state.ContainerRecord;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

/**
 * `run`: create and start in one go. In the foreground the call's {@link Foreground} stays the
 * container's parent: it is a child subreaper (so the init, forked by the helper, is re-parented to
 * it), forwards the signals it gets to the init, proxies the terminal when there is one and no
 * console socket; when the init exits jrunc removes the container and returns its status (the exit
 * code, or 128 + the signal).
 */
public final class RunContainer {
    private final RuntimeContext ctx;
    private final Foreground foreground;

    /** In the foreground, this JVM waits ({@link LocalForeground}). */
    public RunContainer(RuntimeContext ctx, SignalForwarder signals) {
        this(ctx, new LocalForeground(ctx.sys(), signals));
    }

    public RunContainer(RuntimeContext ctx, Foreground foreground) {
        this.ctx = ctx;
        this.foreground = foreground;
    }

    /** Returns the process status for the foreground case, 0 after a detached start. */
    public int run(CreateOptions o, boolean detach) throws JruncException {
        ContainerRecord record;
        try {
            // Subreaper only right before the helper forks the init: by then create has linked
            // the native calls in the background while it read the config (no wait for the link
            // up front: docs/performance.md, "Figures behind the code").
            record = new CreateContainer(ctx).create(o, detach ? null : this::proxy, detach ? () -> {} : foreground::attach);
            new StartContainer(ctx).start(o.id());
        } catch (JruncException e) {
            if (!detach) foreground.release();
            if (ctx.store().exists(o.id())) new DeleteContainer(ctx).delete(o.id(), true);
            throw e;
        }
        if (detach) return 0;

        int status;
        try {
            // What removes the container if the waiter outlives the one that asked (a planner
            // killed while the front end waits): the front end runs it through the cold path.
            List<String> cleanup = List.of("--root", ctx.store().root().toString(), "delete", "--force", o.id());
            status = foreground.await(record.initPid(), cleanup);
        } finally {
            foreground.release();
        }
        new DeleteContainer(ctx).delete(o.id(), true);
        return status;
    }

    /** The pty master arrives in create's listener, which cannot throw a checked exception. */
    private void proxy(int master) {
        try {
            foreground.proxyTerminal(master);
        } catch (JruncException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Sends the signals jrunc receives on to the container (the CLI knows how to catch them). */
    public interface SignalForwarder {
        /** Forwards each signal to {@code pid} (asked at each signal), except those {@code handledHere} consumes (returns true for). */
        void forwardTo(IntSupplier pid, IntPredicate handledHere);

        void stop();
    }
}
