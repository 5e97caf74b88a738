package io.jrunc.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** `run` keeps the signals that arrive before start and sends them on, in order, once the process runs. */
class HeldSignalsTest {
    @Test
    void signalsBeforeReleaseAreKeptInOrderAndLaterOnesPassThrough() {
        HeldSignals held = new HeldSignals();
        assertTrue(held.hold(15));
        assertTrue(held.hold(10));
        assertEquals(List.of(15, 10), held.release());
        assertFalse(held.hold(2), "after start a signal goes straight to the process");
    }
}
