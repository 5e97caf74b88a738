package io.jrunc.core.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.core.RuntimeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state on a hook's stdin is runc's specs.State as Go encodes it. */
class HookStateTest {
    @Test
    void jsonHasRuncsMemberOrderAndSortedAnnotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("z", "1");
        annotations.put("a", "\"q\"");
        String json = new HookState("c1", HookState.RUNNING, 77, "/b", annotations).json();
        assertEquals("{\"ociVersion\":\"" + RuntimeSpec.MAX + "\",\"id\":\"c1\",\"status\":\"running\",\"pid\":77,"
                + "\"bundle\":\"/b\",\"annotations\":{\"a\":\"\\\"q\\\"\",\"z\":\"1\"}}", json);
    }

    @Test
    void stoppedStateLeavesOutPidAndEmptyAnnotations() {
        assertEquals("{\"ociVersion\":\"" + RuntimeSpec.MAX + "\",\"id\":\"c1\",\"status\":\"stopped\",\"bundle\":\"/b\"}",
                new HookState("c1", HookState.STOPPED, 0, "/b", null).json());
    }

    @Test
    void piecesJoinedWithThePidAreTheSameJson() {
        Map<String, String> annotations = Map.of("pid", "\"pid\":1", "k", "v");
        HookState withPid = new HookState("c-1", HookState.CREATING, 31337, "/x y", annotations);
        List<String> pieces = new HookState("c-1", HookState.CREATING, 0, "/x y", annotations).piecesAroundPid();
        assertEquals(2, pieces.size());
        assertEquals(withPid.json(), String.join("31337", pieces));
    }

    /** The same bytes Jackson's writer (the spec's State record, Go's escapes) gives. */
    @Test
    void handWrittenJsonIsJacksons() {
        List<Map<String, String>> annotationSets = List.of(Map.of(), Map.of("b", "2", "a", "1", "é", "<&>\u2028"),
                Map.of("k\"\\\n\t\u0001", "v\u007f\u00ff\ud83d\ude00"));
        for (Map<String, String> a : annotationSets) {
            for (int pid : new int[] {0, 1, 31337}) {
                HookState s = new HookState("id\"<x>", HookState.CREATED, pid, "/b/ü \\ \u2029", a);
                String jackson = io.jrunc.spec.SpecJson.write(
                        new io.jrunc.spec.State(RuntimeSpec.MAX, s.id(), s.status(), s.pid(), s.bundle(), s.annotations()));
                assertEquals(jackson, s.json(), a + " pid " + pid);
            }
        }
    }
}
