package io.jrunc.cli.planner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A READ_ONLY call is one the front end may repeat on the cold path when the planner dies under it,
 * so a call that changes anything must never be classed as one; a streaming call is one whose
 * caller hanging up must stop it.
 */
class ReadOnlyCallsTest {
    private static List<String> argv(String line) {
        return line.isEmpty() ? List.of() : Arrays.asList(line.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "state c1", "list", "list --format json", "ps c1", "ps --format json c1", "events --stats c1",
        "features", "--version", "-v", "--help", "-h", "help", "",
        "--root /r state c1", "--root /r --log /l.json --log-format json list", "--root=/r ps c1",
        "--debug --systemd-cgroup state c1", "--log events list",
        "create --help", "run -h", "delete --help",
    })
    void queriesAndHelpAreReadOnly(String line) {
        assertTrue(ReadOnlyCalls.isReadOnly(argv(line)), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "create --bundle /b c1", "run c1", "start c1", "exec c1 true", "kill c1 9", "delete c1", "delete --force c1",
        "pause c1", "resume c1", "update --memory 1m c1", "spec", "events c1", "events --interval 5s c1",
        "--root /r delete c1", "--root state delete c1", "--log list kill c1", "--log-format json create c1",
        "--debug run c1",
    })
    void callsThatChangeSomethingOrStreamAreNot(String line) {
        assertFalse(ReadOnlyCalls.isReadOnly(argv(line)), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"events c1", "events --interval 5s c1", "--root /r events c1", "--log state events c1"})
    void eventsWithoutStatsStreams(String line) {
        assertTrue(ReadOnlyCalls.isStreaming(argv(line)), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"events --stats c1", "state c1", "list", "--root events state c1", "run c1", ""})
    void everythingElseDoesNotStream(String line) {
        assertFalse(ReadOnlyCalls.isStreaming(argv(line)), line);
    }
}
