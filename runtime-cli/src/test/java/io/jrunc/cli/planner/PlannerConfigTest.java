package io.jrunc.cli.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planner's own settings: only planner-idle-seconds, from the file $JRUNC_CONFIG names. A bad
 * file never stops the planner: the problem goes to its log and the default stands.
 */
class PlannerConfigTest {
    @TempDir Path tmp;
    private final List<String> problems = new ArrayList<>();

    private Duration idleFrom(String text) throws IOException {
        Path file = tmp.resolve("config");
        Files.writeString(file, text);
        return loadFrom(file);
    }

    private Duration loadFrom(Path file) {
        return PlannerConfig.load(Map.of("JRUNC_CONFIG", file.toString()), problems::add).idle();
    }

    @Test
    void withoutAFileThePlannerIdlesTenMinutes() {
        assertEquals(Duration.ofSeconds(600), loadFrom(tmp.resolve("no-such-config")));
        assertEquals(Duration.ofSeconds(600), PlannerConfig.DEFAULT_IDLE);
        assertEquals(List.of(), problems, "no file is no problem");
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
        assertEquals(List.of(), problems);
    }

    @Test
    void aCommentedOutLineIsIgnored() throws IOException {
        assertEquals(Duration.ofSeconds(600), idleFrom("#planner-idle-seconds = 5\n"));
    }

    @Test
    void theFileThatJrunConfigNamesIsTheOneRead() throws IOException {
        Path a = Files.writeString(tmp.resolve("a"), "planner-idle-seconds = 11\n");
        Path b = Files.writeString(tmp.resolve("b"), "planner-idle-seconds = 22\n");
        assertEquals(Duration.ofSeconds(11), loadFrom(a));
        assertEquals(Duration.ofSeconds(22), loadFrom(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "0", "-5", "1.5", "", "9223372036854775807", "99999999999999999999"})
    void aBadValueIsLoggedNamingFileKeyAndValueAndTheDefaultStands(String value) throws IOException {
        assertEquals(Duration.ofSeconds(600), idleFrom("planner-idle-seconds = " + value + "\n"));
        assertEquals(1, problems.size(), problems.toString());
        String problem = problems.getFirst();
        assertTrue(problem.startsWith(tmp.resolve("config") + ": planner-idle-seconds = " + value + ": "), problem);
        assertTrue(problem.endsWith("; using 600"), problem);
    }

    @Test
    void aBadValueAfterAGoodOneKeepsTheGoodOne() throws IOException {
        assertEquals(Duration.ofSeconds(30), idleFrom("planner-idle-seconds = 30\nplanner-idle-seconds = soon\n"));
        assertTrue(problems.getFirst().endsWith("; using 30"), problems.toString());
    }

    @Test
    void aFileThatCannotBeReadIsLoggedAndTheDefaultsStand() throws IOException {
        Path directory = Files.createDirectory(tmp.resolve("config.d"));
        assertEquals(Duration.ofSeconds(600), loadFrom(directory));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().startsWith("cannot read " + directory), problems.getFirst());
    }

    @Test
    void theProblemGoesToThePlannersLog() throws IOException {
        Path logFile = tmp.resolve("planner-x.log");
        PlannerLog log = new PlannerLog(logFile);
        Path config = Files.writeString(tmp.resolve("config"), "planner-idle-seconds = ten\n");
        assertEquals(Duration.ofSeconds(600), PlannerConfig.load(Map.of("JRUNC_CONFIG", config.toString()), log::info).idle());
        String logged = Files.readString(logFile);
        assertTrue(logged.contains("msg=\"" + config + ": planner-idle-seconds = ten: "), logged);
    }
}
