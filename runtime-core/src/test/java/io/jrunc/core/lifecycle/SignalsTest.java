package io.jrunc.core.lifecycle;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.JruncException;
import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void acceptsNamesWithAndWithoutSigAndNumbers() throws Exception {
        assertEquals(15, Signals.parse("TERM"));
        assertEquals(15, Signals.parse("SIGTERM"));
        assertEquals(15, Signals.parse("sigterm"));
        assertEquals(9, Signals.parse("9"));
        assertEquals(9, Signals.parse("KILL"));
        assertEquals(34, Signals.parse("RTMIN"));
        assertEquals(36, Signals.parse("SIGRTMIN+2"));
        assertEquals("SIGTERM", Signals.name(15));
    }

    @Test
    void rejectsUnknown() {
        assertThrows(JruncException.class, () -> Signals.parse("FOO"));
        assertThrows(JruncException.class, () -> Signals.parse("0"));
        assertThrows(JruncException.class, () -> Signals.parse("65"));
    }
}
