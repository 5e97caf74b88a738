package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written `state` output must be byte for byte what the Jackson writer gives. */
class RuncStateJsonTest {
    private static void same(RuncState s) {
        assertEquals(SpecJson.writeIndented(s, "  "), RuncStateJson.writeIndented(s, "  "));
        assertEquals(SpecJson.writeIndented(s, "\t"), RuncStateJson.writeIndented(s, "\t"));
    }

    @Test
    void plainState() {
        same(new RuncState("1.0.2-dev", "c1", 4639, "created", "/b", "/b/rootfs",
                Instant.parse("2026-11-23T10:41:33.756751749Z"), null, ""));
    }

    @Test
    void stoppedWithNullsAndWholeSeconds() {
        same(new RuncState(null, "c2", 0, "stopped", null, null, Instant.parse("2026-11-23T10:41:33Z"), Map.of(), null));
        same(new RuncState("1.2.0", "c3", 1, "running", "/b", "/r", null, null, "root"));
    }

    @Test
    void annotationsAreSortedAndEscapedAsGoDoes() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("z.last", "v");
        a.put("a.first", "<tag> & \"quoted\" \\ back\nline\ttab\u0001\u2028 é ✓");
        a.put("m", "");
        same(new RuncState("1.0.2-dev", "c4", 77, "paused", "/b <&>", "/b/rootfs\u0007",
                Instant.parse("2026-01-02T03:04:05.100Z"), a, "o\"wner"));
    }
}
