package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.spec.json.GoTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** runc's state and list output, and the OCI state, as clients read them. */
class StateTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T10:41:33.756751749Z");

    private static RuncState sample() {
        return new RuncState("1.0.2-dev", "jrspecref", 4639, "created", "/tmp/jr-spec-ref/b", "/tmp/jr-spec-ref/b/rootfs",
                CREATED, Map.of("a.b", "x<y>&z"), "");
    }

    @Test
    void stateIsWrittenAsRuncStatePrintsIt() {
        assertEquals(TestFiles.runcOutput("state.json"), SpecJson.writeIndented(sample(), "  "));
    }

    @Test
    void listIsWrittenAsRuncListFormatJsonPrintsIt() {
        RuncState listed = new RuncState("1.0.2-dev", "jrspecref", 4639, "created", "/tmp/jr-spec-ref/b",
                "/tmp/jr-spec-ref/b/rootfs", CREATED, Map.of("a.b", "x<y>&z"), "root");
        // runc's encoder ends the line; the caller adds the newline.
        assertEquals(TestFiles.runcOutput("list.json"), SpecJson.write(List.of(listed)) + "\n");
    }

    @Test
    void runcsOutputParsesBack() {
        RuncState parsed = SpecJson.parse(TestFiles.runcOutput("state.json").getBytes(StandardCharsets.UTF_8),
                RuncState.class);
        assertEquals(sample(), parsed);
        RuncState[] list = SpecJson.parse(TestFiles.runcOutput("list.json").getBytes(StandardCharsets.UTF_8),
                RuncState[].class);
        assertEquals("root", list[0].owner());
    }

    @Test
    void emptyAnnotationsAreLeftOutAndEverythingElseIsAlwaysThere() {
        RuncState bare = new RuncState(null, "c1", 0, "stopped", "/b", null, null, Map.of(), null);
        assertEquals("{\"ociVersion\":\"\",\"id\":\"c1\",\"pid\":0,\"status\":\"stopped\",\"bundle\":\"/b\","
                + "\"rootfs\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"owner\":\"\"}", SpecJson.write(bare));
    }

    @Test
    void ociStateLeavesOutPidZeroAndEmptyAnnotations() {
        assertEquals("{\"ociVersion\":\"1.0.2-dev\",\"id\":\"c1\",\"status\":\"stopped\",\"bundle\":\"/b\"}",
                SpecJson.write(new State("1.0.2-dev", "c1", "stopped", 0, "/b", Map.of())));
        assertEquals("{\"ociVersion\":\"1.0.2-dev\",\"id\":\"c1\",\"status\":\"running\",\"pid\":7,\"bundle\":\"/b\","
                + "\"annotations\":{\"k\":\"v\"}}",
                SpecJson.write(new State("1.0.2-dev", "c1", "running", 7, "/b", Map.of("k", "v"))));
    }

    @Test
    void timesAreWrittenAsGoWritesThem() {
        assertEquals("2026-11-23T10:41:33Z", GoTime.format(Instant.parse("2026-11-23T10:41:33Z")));
        assertEquals("2026-11-23T10:41:33.12Z", GoTime.format(Instant.parse("2026-11-23T10:41:33.120Z")));
        assertEquals("2026-11-23T10:41:33.000000001Z", GoTime.format(Instant.parse("2026-11-23T10:41:33.000000001Z")));
        assertEquals("0001-01-01T00:00:00Z", GoTime.format(GoTime.ZERO));
        assertEquals(Instant.parse("2026-11-23T08:41:33Z"), GoTime.parse("2026-11-23T10:41:33+02:00"));
    }

    @Test
    void aBadTimeIsAnErrorAtItsPath() {
        SpecException e = assertThrows(SpecException.class, () -> SpecJson.parse(
                "{\"id\":\"c\",\"created\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8), RuncState.class));
        assertEquals("state.json: created: expected an RFC 3339 time, got \"yesterday\"", e.getMessage());
    }

    @Test
    void writtenStatesMatchTheStateSchema() {
        SchemaCheck.assertValid(Schemas.STATE, SpecJson.writeIndented(sample(), "  "));
        SchemaCheck.assertValid(Schemas.STATE, TestFiles.runcOutput("state.json"));
        SchemaCheck.assertValid(Schemas.STATE, SpecJson.write(new RuncState("1.0.2-dev", "c", 0, "paused", "/b", "/b/r",
                Instant.parse("2026-01-01T00:00:00.5Z"), null, "root")));
        SchemaCheck.assertValid(Schemas.STATE, SpecJson.write(new State("1.2.0", "c1", "creating", 0, "/b", null)));
        SchemaCheck.assertValid(Schemas.STATE, SpecJson.write(new State("1.2.0", "c1", "running", 9, "/b",
                Map.of("k", "v"))));
    }

    @Test
    void theStateSchemaRejectsWrongTypes() {
        SchemaCheck.assertInvalid(Schemas.STATE, "{\"ociVersion\":\"1.0.2\",\"id\":\"c\",\"status\":\"running\","
                + "\"pid\":\"7\",\"bundle\":\"/b\"}");
        SchemaCheck.assertInvalid(Schemas.STATE, "{\"ociVersion\":\"1.0.2\",\"id\":\"c\",\"status\":\"sleeping\","
                + "\"bundle\":\"/b\"}");
        SchemaCheck.assertInvalid(Schemas.STATE, "{\"ociVersion\":\"1.0.2\",\"id\":\"c\",\"status\":\"created\"}");
        SchemaCheck.assertInvalid(Schemas.STATE, "{\"ociVersion\":\"1.0.2\",\"id\":\"c\",\"pid\":1,\"status\":\"paused\","
                + "\"bundle\":\"/b\",\"rootfs\":\"/r\",\"created\":\"today\",\"owner\":\"\"}");
    }
}
