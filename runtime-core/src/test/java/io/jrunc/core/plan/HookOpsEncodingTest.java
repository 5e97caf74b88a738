package io.jrunc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RUN_HOOK, HOOK_PID, OPEN_EXEC_FIFO on the wire: codes 90-92 and the argument kinds jrunc-init checks ("svvivss", "", ""). */
class HookOpsEncodingTest {
    @Test
    void codesAndArgumentKinds() {
        Plan plan = new Plan(List.of(
                new Op.HookPid(Origin.of("hooks")),
                new Op.RunHook(Origin.of("hooks.prestart[0]"), "/h", List.of("h"), List.of(), 5, List.of("{", "}"), "/d", "L"),
                new Op.OpenExecFifo(Origin.of("hooks.startContainer"))));
        ByteBuffer b = ByteBuffer.wrap(plan.encode()).order(ByteOrder.LITTLE_ENDIAN);
        b.position(8);
        assertEquals(3, b.getInt());
        assertEquals(91, b.getShort());
        assertEquals(0, b.getShort());
        assertEquals(90, b.getShort());
        assertEquals(7, b.getShort());
        int[] kinds = {2, 3, 3, 1, 3, 2, 2};
        for (int kind : kinds) {
            assertEquals(kind, b.get());
            switch (kind) {
                case 1 -> assertEquals(5, b.getLong());
                case 2 -> skipString(b);
                case 3 -> {
                    int n = b.getInt();
                    for (int i = 0; i < n; i++) skipString(b);
                }
                default -> throw new AssertionError(kind);
            }
        }
        assertEquals(92, b.getShort());
        assertEquals(0, b.getShort());
        assertFalse(b.hasRemaining());
    }

    private static void skipString(ByteBuffer b) {
        int len = b.getInt();
        assertEquals(0, b.get(b.position() + len - 1), "NUL-terminated");
        b.position(b.position() + len);
    }
}
