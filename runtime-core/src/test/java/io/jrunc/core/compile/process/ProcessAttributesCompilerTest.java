package io.jrunc.core.compile.process;

import static io.jrunc.core.compile.PlanCompilerTest.compile;
import static io.jrunc.core.compile.PlanCompilerTest.ops;
import static io.jrunc.core.compile.PlanCompilerTest.spec;
import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** oomScoreAdj, execCPUAffinity, scheduler, ioPriority, personality: the ops, their place, the errors. */
public class ProcessAttributesCompilerTest {
    /** A config with these extra process members and linux members. */
    public static Plan plan(String process, String linux) throws ConfigException {
        return compile(spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},
                 "process":{"args":["/bin/sh"],"cwd":"/","user":{"uid":1000,"gid":1000},
                   "capabilities":{"bounding":["CAP_KILL"]}%s},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"pid"}]%s}}
                """.formatted(process, linux)));
    }

    public static String error(String process, String linux) {
        return assertThrows(ConfigException.class, () -> plan(process, linux)).getMessage();
    }

    public static int index(Plan plan, Class<? extends Op> type) {
        for (int i = 0; i < plan.ops().size(); i++) if (type.isInstance(plan.ops().get(i))) return i;
        return -1;
    }

    @Test
    void oomScoreAdjIsWrittenByTheHelperBeforeItCreatesNamespaces() throws Exception {
        Plan plan = plan(",\"oomScoreAdj\":-17", "");
        Op.WriteProc w = ops(plan, Op.WriteProc.class).getFirst();
        assertEquals("self/oom_score_adj", w.path());
        assertEquals("-17", w.content());
        assertEquals("process.oomScoreAdj", w.origin().path());
        assertTrue(plan.ops().indexOf(w) < index(plan, Op.Unshare.class));
    }

    @Test
    void noOomScoreAdjLeavesTheInheritedValue() throws Exception {
        assertTrue(ops(plan("", ""), Op.WriteProc.class).isEmpty());
    }

    @Test
    void oomScoreAdjOutOfRangeNamesTheField() {
        assertEquals("process.oomScoreAdj: must be between -1000 and 1000, got 1001", error(",\"oomScoreAdj\":1001", ""));
    }

    @Test
    void schedulerIoPriorityAndPersonalityWhileStillRootBeforeTheCapabilityCut() throws Exception {
        Plan plan = plan(",\"scheduler\":{\"policy\":\"SCHED_BATCH\",\"nice\":5,\"flags\":[\"SCHED_FLAG_RESET_ON_FORK\"]},"
                + "\"ioPriority\":{\"class\":\"IOPRIO_CLASS_BE\",\"priority\":6}", ",\"personality\":{\"domain\":\"LINUX32\"}");
        Op.SchedAttr s = ops(plan, Op.SchedAttr.class).getFirst();
        assertEquals(3, s.policy());
        assertEquals(5, s.nice());
        assertEquals(1, s.flags());
        assertEquals(0, s.priority());
        assertEquals((2 << 13) | 6, ops(plan, Op.IoPriority.class).getFirst().value());
        assertEquals(8, ops(plan, Op.Personality.class).getFirst().persona());
        int bounding = index(plan, Op.CapsBounding.class);
        for (Class<? extends Op> c : List.of(Op.SchedAttr.class, Op.IoPriority.class, Op.Personality.class)) {
            int i = index(plan, c);
            assertTrue(i > index(plan, Op.PivotRoot.class) && i < bounding, c.getSimpleName() + " at " + i);
        }
    }

    @Test
    void deadlineCarriesItsTimes() throws Exception {
        Op.SchedAttr s = ops(plan(",\"scheduler\":{\"policy\":\"SCHED_DEADLINE\",\"runtime\":1000000,\"deadline\":2000000,"
                + "\"period\":3000000}", ""), Op.SchedAttr.class).getFirst();
        assertEquals(List.of(6L, 1000000L, 2000000L, 3000000L), List.of((long) s.policy(), s.runtime(), s.deadline(), s.period()));
    }

    @Test
    void schedulerErrorsNameTheField() {
        assertEquals("process.scheduler.policy: unknown policy \"SCHED_FOO\"", error(",\"scheduler\":{\"policy\":\"SCHED_FOO\"}", ""));
        assertEquals("process.scheduler.policy: is required", error(",\"scheduler\":{\"nice\":1}", ""));
        assertEquals("process.scheduler.nice: must be between -20 and 19, got 20",
                error(",\"scheduler\":{\"policy\":\"SCHED_OTHER\",\"nice\":20}", ""));
        assertEquals("process.scheduler.priority: can only be set for SCHED_FIFO or SCHED_RR, not SCHED_OTHER",
                error(",\"scheduler\":{\"policy\":\"SCHED_OTHER\",\"priority\":3}", ""));
        assertEquals("process.scheduler.priority: SCHED_FIFO needs a priority between 1 and 99, got 0",
                error(",\"scheduler\":{\"policy\":\"SCHED_FIFO\"}", ""));
        assertEquals("process.scheduler: runtime, deadline and period can only be set for SCHED_DEADLINE, not SCHED_RR",
                error(",\"scheduler\":{\"policy\":\"SCHED_RR\",\"priority\":1,\"runtime\":5}", ""));
        assertEquals("process.scheduler.flags[1]: unknown flag \"SCHED_FLAG_NOPE\"",
                error(",\"scheduler\":{\"policy\":\"SCHED_OTHER\",\"flags\":[\"SCHED_FLAG_RECLAIM\",\"SCHED_FLAG_NOPE\"]}", ""));
    }

    @Test
    void ioPriorityAndPersonalityErrorsNameTheField() {
        assertEquals("process.ioPriority.class: unknown class \"IOPRIO_CLASS_X\" (IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE)",
                error(",\"ioPriority\":{\"class\":\"IOPRIO_CLASS_X\",\"priority\":1}", ""));
        assertEquals("process.ioPriority.priority: must be between 0 and 7, got 8",
                error(",\"ioPriority\":{\"class\":\"IOPRIO_CLASS_RT\",\"priority\":8}", ""));
        assertEquals("linux.personality.domain: unknown domain \"LINUX64\" (LINUX or LINUX32)",
                error("", ",\"personality\":{\"domain\":\"LINUX64\"}"));
    }

    @Test
    void personalityFlagsAreIgnoredAsRuncDoes() throws Exception {
        Plan plan = plan("", ",\"personality\":{\"domain\":\"LINUX\",\"flags\":[\"SOMETHING\"]}");
        assertEquals(0, ops(plan, Op.Personality.class).getFirst().persona());
    }

    @Test
    void initialAffinityBeforeTheNamespacesFinalBeforeReady() throws Exception {
        Plan plan = plan(",\"execCPUAffinity\":{\"initial\":\"0-2,5\",\"final\":\"33\"}", "");
        List<Op.CpuAffinity> a = ops(plan, Op.CpuAffinity.class);
        assertEquals(2, a.size());
        assertEquals(List.of(0b100111L, 0L), a.get(0).words());
        assertEquals("process.execCPUAffinity.initial", a.get(0).origin().path());
        assertEquals(List.of(0L, 2L), a.get(1).words());
        assertTrue(plan.ops().indexOf(a.get(0)) < index(plan, Op.Unshare.class));
        int at = plan.ops().indexOf(a.get(1));
        assertTrue(at > index(plan, Op.PivotRoot.class) && at < index(plan, Op.Ready.class), "final before READY");
        assertTrue(at < index(plan, Op.SetResUid.class), "and before a seccomp filter could deny it");
    }

    @Test
    void onlyTheSetHalfOfTheAffinityIsApplied() throws Exception {
        List<Op.CpuAffinity> a = ops(plan(",\"execCPUAffinity\":{\"final\":\"1\"}", ""), Op.CpuAffinity.class);
        assertEquals(1, a.size());
        assertEquals("process.execCPUAffinity.final", a.getFirst().origin().path());
    }

    @Test
    void badCpuListsNameTheField() {
        assertEquals("process.execCPUAffinity.initial: invalid CPU list \"0-x\": expected numbers and ranges like \"0-3,7\"",
                error(",\"execCPUAffinity\":{\"initial\":\"0-x\"}", ""));
        assertEquals("process.execCPUAffinity.final: invalid CPU range \"3-1\" in \"3-1\"",
                error(",\"execCPUAffinity\":{\"final\":\"3-1\"}", ""));
        assertEquals("process.execCPUAffinity.final: CPU 9000 is beyond 8191", error(",\"execCPUAffinity\":{\"final\":\"9000\"}", ""));
        assertEquals("process.execCPUAffinity.initial: invalid CPU list \"1,,2\": expected numbers and ranges like \"0-3,7\"",
                error(",\"execCPUAffinity\":{\"initial\":\"1,,2\"}", ""));
    }

    @Test
    void cpuMaskLayout() throws Exception {
        assertEquals(List.of(0L, 0L, 1L, 0L), CpuMask.words("64", "f"));
        assertEquals(List.of(0xffffffffL, 1L), CpuMask.words("0-32", "f"));
        assertEquals(List.of(0x80000000L, 0L), CpuMask.words(" 31 ", "f"));
    }
}
