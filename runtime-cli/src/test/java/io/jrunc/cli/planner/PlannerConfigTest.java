package io.jrunc.cli.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner's own settings: only planner-idle-seconds, from the file $JRUNC_CONFIG names. */
class PlannerConfigTest {
    @TempDir Path tmp;

    private Duration idleFrom(String text) throws IOException {
        Path file = tmp.resolve("config");
        Files.writeString(file, text);
        return PlannerConfig.load(Map.of("JRUNC_CONFIG", file.toString())).idle();
    }

    @Test
    void withoutAFileThePlannerIdlesTenMinutes() throws IOException {
        Path missing = tmp.resolve("no-such-config");
        assertEquals(Duration.ofSeconds(600), PlannerConfig.load(Map.of("JRUNC_CONFIG", missing.toString())).idle());
        assertEquals(Duration.ofSeconds(600), PlannerConfig.DEFAULT_IDLE);
    }

    @Test
    void readsTheIdleTimeWithSpacesAndCommentsAround() throws IOException {
        assertEquals(Duration.ofSeconds(42), idleFrom("""
                # planner-idle-seconds = 7
                planner = on
                   planner-idle-seconds   =   42   # long enough for a test run
                unknown-key = whatever
                no equals sign on this line
                """));
    }

    @Test
    void aCommentedOutLineIsIgnored() throws IOException {
        assertEquals(Duration.ofSeconds(600), idleFrom("#planner-idle-seconds = 5\n"));
    }

    @Test
    void theFileThatJrunConfigNamesIsTheOneRead() throws IOException {
        Path a = Files.writeString(tmp.resolve("a"), "planner-idle-seconds = 11\n");
        Path b = Files.writeString(tmp.resolve("b"), "planner-idle-seconds = 22\n");
        assertEquals(Duration.ofSeconds(11), PlannerConfig.load(Map.of("JRUNC_CONFIG", a.toString())).idle());
        assertEquals(Duration.ofSeconds(22), PlannerConfig.load(Map.of("JRUNC_CONFIG", b.toString())).idle());
    }

    @Test
    void aValueThatIsNotANumberIsAnErrorNamingFileKeyAndValue() {
        IOException e = assertThrows(IOException.class, () -> idleFrom("planner-idle-seconds = ten\n"));
        assertTrue(e.getMessage().contains(tmp.resolve("config").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("planner-idle-seconds"), e.getMessage());
        assertTrue(e.getMessage().contains("ten"), e.getMessage());
    }

    @Test
    void zeroOrNegativeKeepsTheDefault() throws IOException {
        assertEquals(Duration.ofSeconds(600), idleFrom("planner-idle-seconds = 0\n"));
        assertEquals(Duration.ofSeconds(600), idleFrom("planner-idle-seconds = -5\n"));
    }
}
