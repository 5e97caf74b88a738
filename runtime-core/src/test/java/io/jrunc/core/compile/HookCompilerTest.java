package io.jrunc.core.compile;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.core.plan.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the plan runs hooks: the sync point and createContainer before the pivot, startContainer between READY and WAIT_FIFO. */
class HookCompilerTest {
    private static final String HOOKS = """
            ,"hooks":{
              "prestart":[{"path":"/usr/bin/pre"}],
              "createContainer":[{"path":"/cc","args":["cc0","x"],"env":["E=1"],"timeout":3}],
              "startContainer":[{"path":"/sc1"},{"path":"/sc2","env":[]}],
              "poststop":[{"path":"/post"}]}""";

    private static Plan plan(String hooks) throws Exception {
        return PlanCompiler.compile(new CompileInput("c1", PlanCompilerTest.minimal(",\"env\":[\"PATH=/bin\"]", hooks + ",\"annotations\":{\"a\":\"b\"}", ""),
                java.nio.file.Path.of("/bundle"), java.nio.file.Path.of("/bundle/rootfs"), java.nio.file.Path.of("/run/jrunc/c1"),
                false, 0, true, PlanCompilerTest.CGROUPS, FakeHost.permissive()));
    }

    private static int index(Plan p, Class<? extends Op> type) {
        for (int i = 0; i < p.ops().size(); i++) if (type.isInstance(p.ops().get(i))) return i;
        return -1;
    }

    @Test
    void noHooksNoHookOps() throws Exception {
        Plan p = plan("");
        assertEquals(-1, index(p, Op.RunHook.class));
        assertEquals(-1, index(p, Op.HookPid.class));
        assertEquals(-1, index(p, Op.OpenExecFifo.class));
        assertTrue(p.ops().stream().noneMatch(op -> op instanceof Op.Sync s && s.tag() == SyncPoint.RUNTIME_HOOKS.tag()));
    }

    @Test
    void runtimeHooksSyncThenCreateContainerBeforeThePivotAfterTheMounts() throws Exception {
        Plan p = plan(HOOKS);
        int fork = index(p, Op.Fork.class), pid = index(p, Op.HookPid.class), pivot = index(p, Op.PivotRoot.class);
        int lastMount = 0;
        for (int i = 0; i < pivot; i++) if (p.ops().get(i) instanceof Op.Mount || p.ops().get(i) instanceof Op.Mknod) lastMount = i;
        int sync = -1;
        for (int i = 0; i < p.ops().size(); i++) if (p.ops().get(i) instanceof Op.Sync s && s.tag() == SyncPoint.RUNTIME_HOOKS.tag()) sync = i;
        Op.RunHook cc = PlanCompilerTest.ops(p, Op.RunHook.class).getFirst();
        int ccAt = p.ops().indexOf(cc);
        assertTrue(fork < pid && lastMount < pid && pid < sync && sync < ccAt && ccAt < pivot,
                "fork " + fork + " < mounts " + lastMount + " < HOOK_PID " + pid + " < SYNC " + sync + " < createContainer " + ccAt + " < pivot " + pivot);
        assertEquals("hooks.createContainer[0]", cc.origin().path());
        assertEquals(List.of("cc0", "x"), cc.args());
        assertEquals(List.of("E=1"), cc.env());
        assertEquals(3, cc.timeoutSeconds());
        assertEquals("/bundle/rootfs", cc.dir(), "runc's init runs it in the rootfs");
        assertEquals(2, cc.statePieces().size(), "the pid goes between the pieces");
        assertTrue(String.join("9", cc.statePieces()).contains("\"status\":\"creating\",\"pid\":9,\"bundle\":\"/bundle\",\"annotations\":{\"a\":\"b\"}"),
                cc.statePieces().toString());
    }

    @Test
    void startContainerHooksRunBetweenReadyAndTheFifoWrite() throws Exception {
        Plan p = plan(HOOKS);
        int ready = index(p, Op.Ready.class), open = index(p, Op.OpenExecFifo.class), wait = index(p, Op.WaitFifo.class);
        List<Op.RunHook> hooks = PlanCompilerTest.ops(p, Op.RunHook.class);
        assertEquals(3, hooks.size(), "createContainer and two startContainer hooks; the others are jrunc's");
        Op.RunHook sc1 = hooks.get(1), sc2 = hooks.get(2);
        assertTrue(ready < open && open < p.ops().indexOf(sc1) && p.ops().indexOf(sc2) < wait && wait < index(p, Op.Execve.class));
        assertEquals(List.of("/sc1"), sc1.args(), "no args: the path is argv[0]");
        assertEquals(List.of("PATH=/bin", "HOME=/root"), sc1.env(), "no env: the container process's, as runc's init has it");
        assertEquals(List.of(), sc2.env(), "an empty env stays empty");
        assertEquals("", sc1.dir(), "the process's cwd");
        assertEquals("hooks.startContainer[1]", sc2.label(), "start reports a failure by this name");
        assertTrue(String.join("9", sc1.statePieces()).contains("\"status\":\"created\",\"pid\":9"));
    }
}
