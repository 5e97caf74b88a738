package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value syntaxes runc's events, update and ps accept (Go's durations, go-units sizes, Go's JSON of a pid slice). */
class UpdateParsingTest {
    @Test
    void goDurations() {
        assertEquals(Duration.ofSeconds(5), GoDuration.parse("5s"));
        assertEquals(Duration.ofMillis(250), GoDuration.parse("250ms"));
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1.5us"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
        assertEquals(Duration.ofSeconds(-2), GoDuration.parse("-2s"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("5"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("s"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("5 s"));
    }

    @Test
    void ramSizesAreBinary() {
        assertEquals(128L << 20, RamSize.parse("128m"));
        assertEquals(128L << 20, RamSize.parse("128M"));
        assertEquals(512L << 10, RamSize.parse("512KiB"));
        assertEquals(100, RamSize.parse("100"));
        assertEquals(100, RamSize.parse("100b"));
        assertEquals((long) (1.5 * (1L << 30)), RamSize.parse("1.5G"));
        assertEquals(2L << 20, RamSize.parse("2 mb"));
        assertEquals("invalid size: 'abc'", assertThrows(IllegalArgumentException.class, () -> RamSize.parse("abc")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RamSize.parse("-5m"));
    }

    @Test
    void psJsonIsAGoSliceAndNullWhenEmpty() {
        assertEquals("[14922]", PsCommand.json(List.of(14922)));
        assertEquals("[1,2,3]", PsCommand.json(List.of(1, 2, 3)));
        assertEquals("null", PsCommand.json(List.of()));
    }
}
