package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The foreground kept by this JVM (the cold path): it is a child subreaper (so the process, forked
 * by the helper, is re-parented to us), forwards the signals it gets to the process, proxies the
 * terminal when there is one and no console socket, and reaps until the process exits.
 */
public final class LocalForeground implements Foreground {
    private static final int SIGWINCH = 28;

    private final Syscalls sys;
    private final RunContainer.SignalForwarder signals;
    // The proxy starts as soon as the pty master arrives, during create, so the container's pty
    // already has our terminal's size when its process starts.
    private final AtomicReference<TerminalProxy> proxy = new AtomicReference<>();
    private final AtomicInteger target = new AtomicInteger();
    private final HeldSignals held = new HeldSignals();
    private boolean forwarding;

    public LocalForeground(Syscalls sys, RunContainer.SignalForwarder signals) {
        this.sys = sys;
        this.signals = signals;
    }

    @Override
    public void attach() throws JruncException {
        try {
            sys.becomeSubreaper();
        } catch (ErrnoException e) {
            throw new JruncException("subreaper: " + e.getMessage(), e);
        }
        // Forwarding is in place before the process runs, so a signal sent as soon as it runs is
        // never the JVM's; until await it is held (as runc queues it), since the waiting init is not
        // yet the container's process. With a proxied terminal, a window change resizes the
        // container's pty instead of being passed on.
        signals.forwardTo(target::get,
                sig -> sig == SIGWINCH && proxy.get() != null && proxy.get().resize() || held.hold(sig));
        forwarding = true;
    }

    @Override
    public void proxyTerminal(int master) {
        proxy.set(TerminalProxy.start(sys, master));
    }

    @Override
    public int[] callerWindowSize() {
        return TerminalProxy.callerWindowSize();
    }

    /** {@code cleanup} is not needed here: this JVM is the waiter and deletes the container itself. */
    @Override
    public int await(int pid, List<String> cleanup) throws JruncException {
        target.set(pid);
        for (int sig : held.release()) {
            try {
                sys.kill(pid, sig);
            } catch (ErrnoException gone) {
                // the process already exited; the wait below reports how
            }
        }
        // orphans of the container are ours too (child subreaper): reap them all until the process
        return ChildWaiter.await(sys, pid, "wait");
    }

    @Override
    public void release() {
        if (forwarding) signals.stop();
        forwarding = false;
        TerminalProxy p = proxy.getAndSet(null);
        if (p != null) p.finish();
    }
}
