package io.jrunc.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.JruncException;
import io.jrunc.sys.FakeSyscalls;
import io.jrunc.sys.Syscalls.WaitStatus;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * The cold path's foreground: this process becomes the subreaper, holds the signals it gets until the
 * container's process is known, then hands them on and waits for it.
 */
class LocalForegroundTest {
    private static final int SIGINT = 2, SIGKILL = 9, SIGTERM = 15, EPERM = 1;

    /** Records what LocalForeground asks of the real signal forwarding. */
    private static final class Forwarder implements RunContainer.SignalForwarder {
        IntSupplier target;
        IntPredicate handled;
        boolean stopped;

        @Override
        public void forwardTo(IntSupplier target, IntPredicate handled) {
            this.target = target;
            this.handled = handled;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    @Test
    void signalsBeforeTheProcessIsKnownAreHeldThenSent() throws Exception {
        FakeSyscalls sys = new FakeSyscalls().script("waitpid", new WaitStatus(12, 0), new WaitStatus(77, SIGKILL));
        Forwarder signals = new Forwarder();
        LocalForeground fg = new LocalForeground(sys, signals);
        fg.attach();
        assertEquals(1, sys.calls("becomeSubreaper").size());
        assertTrue(signals.handled.test(SIGTERM), "held: there is no process to send it to yet");

        assertEquals(128 + SIGKILL, fg.await(77, List.of()), "another child's exit is passed over");
        assertEquals(List.of(77, SIGTERM), sys.calls("kill").getFirst().args());
        assertEquals(77, signals.target.getAsInt());
        assertFalse(signals.handled.test(SIGINT), "from now on the forwarder sends signals on itself");

        fg.release();
        assertTrue(signals.stopped);
    }

    @Test
    void notBeingAbleToBecomeSubreaperIsAnError() {
        FakeSyscalls sys = new FakeSyscalls().failOn("becomeSubreaper", EPERM);
        Forwarder signals = new Forwarder();
        LocalForeground fg = new LocalForeground(sys, signals);
        JruncException e = assertThrows(JruncException.class, fg::attach);
        assertTrue(e.getMessage().startsWith("subreaper: "), e.getMessage());
        fg.release();
        assertFalse(signals.stopped, "nothing was started, so nothing is stopped");
    }

    @Test
    void losingTheProcessIsAnError() {
        FakeSyscalls sys = new FakeSyscalls(); // waitpid(-1) of a double with no children: ECHILD
        JruncException e = assertThrows(JruncException.class, () -> new LocalForeground(sys, new Forwarder()).await(77, List.of()));
        assertTrue(e.getMessage().contains("lost track of process 77"), e.getMessage());
    }
}
