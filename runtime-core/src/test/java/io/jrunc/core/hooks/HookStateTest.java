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
}
