package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.spec.RuncState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListTableTest {
    @Test
    void columnsAreLaidOutLikeGosTabwriter() {
        RuncState s = new RuncState("1.0.2-dev", "c1", 4639, "running", "/b", "/b/rootfs",
                Instant.parse("2026-11-23T10:41:33.756751749Z"), Map.of(), "root");
        String expected = """
                ID          PID         STATUS      BUNDLE      CREATED                          OWNER
                c1          4639        running     /b          2026-11-23T10:41:33.756751749Z   root
                """;
        assertEquals(expected, ListCommand.table(List.of(s)));
    }

    @Test
    void emptyListPrintsTheHeader() {
        assertEquals("ID          PID         STATUS      BUNDLE      CREATED     OWNER\n", ListCommand.table(List.of()));
    }
}
