package io.jrunc.core.compile;

import static io.jrunc.core.compile.PlanCompilerTest.compile;
import static io.jrunc.core.compile.PlanCompilerTest.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the plan puts the ops that exist for docs/security.md. */
class HardeningPlanTest {

    /** The init is non-dumpable from right after FORK (it is then in the container's pid namespace) until execve. */
    @Test
    void initIsNonDumpableRightAfterFork() throws Exception {
        List<Op> ops = compile(minimal("", "", "")).ops();
        int fork = indexOf(ops, Op.Fork.class);
        int dumpable = indexOf(ops, Op.Dumpable.class);
        assertTrue(fork >= 0 && dumpable > fork, ops.toString());
        for (int i = fork + 1; i < dumpable; i++) {
            assertFalse(ops.get(i) instanceof Op.Mount || ops.get(i) instanceof Op.OpenRoot, "nothing is done before it: " + ops.get(i));
        }
        assertFalse(((Op.Dumpable) ops.get(dumpable)).on());
        assertTrue(dumpable < indexOf(ops, Op.Ready.class));
    }

    @Test
    void terminalBindsThePtyOverDevConsoleRightAfterConsole() throws Exception {
        Plan plan = compile(minimal(",\"terminal\":true", "", ""));
        List<Op> ops = plan.ops();
        int console = indexOf(ops, Op.Console.class);
        assertTrue(console >= 0);
        Op.BindConsole bind = assertInstanceOf(Op.BindConsole.class, ops.get(console + 1));
        assertEquals("/dev/console", bind.path());
        assertEquals("process.terminal", bind.origin().path());
    }

    @Test
    void noTerminalNoConsoleBind() throws Exception {
        assertEquals(-1, indexOf(compile(minimal("", "", "")).ops(), Op.BindConsole.class));
    }

    private static int indexOf(List<Op> ops, Class<? extends Op> type) {
        for (int i = 0; i < ops.size(); i++) if (type.isInstance(ops.get(i))) return i;
        return -1;
    }
}
