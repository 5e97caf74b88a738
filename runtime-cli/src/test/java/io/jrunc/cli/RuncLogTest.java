package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.lifecycle.Call;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines must be what logrus writes: containerd's shim parses them. */
class RuncLogTest {
    static final Instant T = Instant.parse("2026-11-23T04:14:24.123456Z");

    @Test
    void jsonLine() {
        assertEquals("{\"level\":\"error\",\"msg\":\"container does not exist\",\"time\":\"2026-11-23T04:14:24Z\"}",
                RuncLog.format("error", "container does not exist", T, true));
    }

    @Test
    void textLine() {
        assertEquals("time=\"2026-11-23T04:14:24Z\" level=error msg=\"container does not exist\"",
                RuncLog.format("error", "container does not exist", T, false));
    }

    @Test
    void messagesAreEscaped() {
        assertEquals("\"a \\\"b\\\" \\\\ \\n\\u0001\"", RuncLog.quote("a \"b\" \\ \n\u0001"));
        // unlike Go's encoding/json, no HTML escapes: the message reads as written
        assertEquals("\"<a & b>\u2028\\u001f\"", RuncLog.quote("<a & b>\u2028\u001f"));
    }

    @Test
    void errorsAreAppendedToTheLogFile(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("log.json");
        Files.writeString(log, "{\"level\":\"info\",\"msg\":\"before\",\"time\":\"x\"}\n");
        RuncLog l = new RuncLog(log.toString(), "json", Call.ofThisProcess());
        l.error("one");
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("{\"level\":\"error\",\"msg\":\"one\",\"time\":\""));
    }
}
