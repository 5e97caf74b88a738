package io.jrunc.core.compile.namespaces;

import static io.jrunc.core.compile.PlanCompilerTest.spec;
import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.process.ProcessAttributesCompilerTest;
import io.jrunc.core.compile.CompileInput;
import io.jrunc.core.compile.PlanCompiler;
import io.jrunc.core.compile.PlanCompilerTest;
import io.jrunc.core.compile.ScriptedHost;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import io.jrunc.spec.Spec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** linux.timeOffsets: runc's checks, and the writes between UNSHARE and FORK. */
class TimeNamespaceCompilerTest {
    public static Spec config(String namespaces, String offsets) {
        return spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[%s]%s}}""".formatted(namespaces, offsets.isEmpty() ? "" : ",\"timeOffsets\":{" + offsets + "}"));
    }

    public static Plan plan(Spec spec, ScriptedHost host) throws ConfigException {
        return PlanCompiler.compile(new CompileInput("c1", spec, Path.of("/bundle"), Path.of("/bundle/rootfs"),
                Path.of("/run/jrunc/c1"), false, 0, true, PlanCompilerTest.CGROUPS, host));
    }

    public static String error(String namespaces, String offsets, ScriptedHost host) {
        return assertThrows(ConfigException.class, () -> plan(config(namespaces, offsets), host)).getMessage();
    }

    @Test
    void offsetsAreWrittenAfterUnshareAndBeforeFork() throws Exception {
        Plan plan = plan(config("{\"type\":\"mount\"},{\"type\":\"time\"}",
                "\"monotonic\":{\"secs\":86400,\"nanosecs\":5},\"boottime\":{\"secs\":-20}"), ScriptedHost.plain());
        List<Op> ops = plan.ops();
        int unshare = ProcessAttributesCompilerTest.index(plan, Op.Unshare.class);
        int fork = ProcessAttributesCompilerTest.index(plan, Op.Fork.class);
        assertEquals(CloneFlags.CLONE_NEWTIME, ((Op.Unshare) ops.get(unshare)).flags() & CloneFlags.CLONE_NEWTIME);
        List<Op.WriteProc> writes = PlanCompilerTest.ops(plan, Op.WriteProc.class);
        assertEquals(List.of("monotonic 86400 5\n", "boottime -20 0\n"), writes.stream().map(Op.WriteProc::content).sorted().toList().reversed());
        for (Op.WriteProc w : writes) {
            assertEquals("self/timens_offsets", w.path());
            int i = ops.indexOf(w);
            assertTrue(unshare < i && i < fork, "between UNSHARE and FORK");
        }
        assertEquals("linux.timeOffsets[\"monotonic\"]", writes.stream().filter(w -> w.content().startsWith("monotonic"))
                .findFirst().orElseThrow().origin().path());
    }

    @Test
    void aTimeNamespaceWithoutOffsetsWritesNothing() throws Exception {
        assertTrue(PlanCompilerTest.ops(plan(config("{\"type\":\"mount\"},{\"type\":\"time\"}", ""), ScriptedHost.plain()),
                Op.WriteProc.class).isEmpty());
    }

    @Test
    void runcsChecks() {
        ScriptedHost host = ScriptedHost.plain();
        assertEquals("linux.timeOffsets: time namespace offsets specified, but the config has no time namespace",
                error("{\"type\":\"mount\"}", "\"monotonic\":{\"secs\":1}", host));
        assertEquals("linux.timeOffsets: cannot be set for a joined time namespace (linux.namespaces[1].path is /proc/1/ns/time)",
                error("{\"type\":\"mount\"},{\"type\":\"time\",\"path\":\"/proc/1/ns/time\"}", "\"monotonic\":{\"secs\":1}", host));
        assertEquals("linux.timeOffsets[\"realtime\"]: unknown clock (monotonic or boottime)",
                error("{\"type\":\"mount\"},{\"type\":\"time\"}", "\"realtime\":{\"secs\":1}", host));
        assertEquals("linux.timeOffsets[\"boottime\"].nanosecs: must be below 1000000000, got 1000000000",
                error("{\"type\":\"mount\"},{\"type\":\"time\"}", "\"boottime\":{\"nanosecs\":1000000000}", host));
        assertEquals("linux.namespaces[1]: time namespaces aren't enabled in the kernel",
                error("{\"type\":\"mount\"},{\"type\":\"time\"}", "", new ScriptedHost()));
    }
}
