package io.jrunc.cli.planner;

import static io.jrunc.cli.planner.FrontEndDouble.SYS;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A streaming call (events) is stopped when its caller hangs up, and only then. */
@Timeout(30)
class HangupWatchTest {
    @Test
    void theCallIsInterruptedWhenTheFrontEndHangsUp() throws Exception {
        int[] pair = SYS.socketPair();
        try (HangupWatch watch = new HangupWatch(SYS, pair[1], Thread.currentThread())) {
            SYS.close(pair[0]);
            assertThrows(InterruptedException.class, () -> Thread.sleep(20_000));
        } finally {
            Thread.interrupted();
            SYS.close(pair[1]);
        }
    }

    @Test
    void aCallerStillThereIsLeftAlone() throws Exception {
        int[] pair = SYS.socketPair();
        try (HangupWatch watch = new HangupWatch(SYS, pair[1], Thread.currentThread())) {
            Thread.sleep(300);
        } finally {
            SYS.close(pair[0]);
        }
        // Closed before the hangup: the watch must not interrupt the thread (pooled, it serves the next call).
        Thread.sleep(1500);
        assertFalse(Thread.interrupted());
        SYS.close(pair[1]);
    }
}
