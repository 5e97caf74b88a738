package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import io.jrunc.core.state.ContainerRecord;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.util.concurrent.atomic.AtomicReference;

/**
 * `run`: create and start in one go. In the foreground jrunc stays the container's parent: it is a
 * child subreaper (so the init, forked by the helper, is re-parented to us), forwards the signals it
 * gets to the init, proxies the terminal when there is one and no console socket, and when the init
 * exits removes the container and returns its status (the exit code, or 128 + the signal).
 */
public final class RunContainer {
    private static final int SIGWINCH = 28;
    private final RuntimeContext ctx;
    private final SignalForwarder signals;

    public RunContainer(RuntimeContext ctx, SignalForwarder signals) {
        this.ctx = ctx;
        this.signals = signals;
    }

    /** Returns the process status for the foreground case, 0 after a detached start. */
    public int run(CreateOptions o, boolean detach) throws JruncException {
        Syscalls sys = ctx.sys();
        // The proxy starts as soon as the pty master arrives, during create, so the container's pty
        // already has our terminal's size when its process starts.
        AtomicReference<TerminalProxy> proxy = new AtomicReference<>();
        HeldSignals held = new HeldSignals();
        ContainerRecord record;
        boolean forwarding = false;
        try {
            // Subreaper only right before the helper forks the init: by then create has linked
            // the native calls in the background while it read the config (no wait for the link
            // up front: docs/performance.md, "Figures behind the code").
            record = new CreateContainer(ctx).create(o, detach ? null : fd -> proxy.set(TerminalProxy.start(sys, fd)),
                    detach ? () -> {} : () -> becomeSubreaper(sys));
            if (!detach) {
                // Forwarding is in place before start lets the process go, so a signal sent as soon
                // as the container runs is never the JVM's; until then it is held (as runc queues
                // it), since the waiting init is not yet the container's process. With a proxied
                // terminal, a window change resizes the container's pty instead of being passed on.
                int initPid = record.initPid();
                signals.forwardTo(() -> initPid,
                        sig -> sig == SIGWINCH && proxy.get() != null && proxy.get().resize() || held.hold(sig));
                forwarding = true;
            }
            new StartContainer(ctx).start(o.id());
        } catch (JruncException e) {
            if (forwarding) signals.stop();
            if (proxy.get() != null) proxy.get().finish();
            if (ctx.store().exists(o.id())) new DeleteContainer(ctx).delete(o.id(), true);
            throw e;
        }
        if (detach) return 0;

        int status;
        try {
            for (int sig : held.release()) {
                try {
                    sys.kill(record.initPid(), sig);
                } catch (ErrnoException gone) {
                    // the process already exited; the wait below reports how
                }
            }
            // orphans of the container are ours too (child subreaper): reap them all until the init
            status = ChildWaiter.await(ctx.sys(), record.initPid(), "run");
        } finally {
            signals.stop();
            if (proxy.get() != null) proxy.get().finish();
        }
        new DeleteContainer(ctx).delete(o.id(), true);
        return status;
    }

    private static void becomeSubreaper(Syscalls sys) throws JruncException {
        try {
            sys.becomeSubreaper();
        } catch (ErrnoException e) {
            throw new JruncException("run: " + e.getMessage(), e);
        }
    }

    /** Sends the signals jrunc receives on to the container (the CLI knows how to catch them). */
    public interface SignalForwarder {
        /** Forwards each signal to {@code pid} (asked at each signal), except those {@code handledHere} consumes (returns true for). */
        void forwardTo(java.util.function.IntSupplier pid, java.util.function.IntPredicate handledHere);

        void stop();
    }
}
