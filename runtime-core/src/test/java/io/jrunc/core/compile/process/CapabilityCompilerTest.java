package io.jrunc.core.compile.process;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.CollectedWarnings;
import io.jrunc.core.compile.ExecPlanCompilerTest;
import io.jrunc.core.compile.FakeHost;
import io.jrunc.core.compile.PlanCompilerTest;
import io.jrunc.core.compile.UserNamespacePlanTest;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import io.jrunc.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * runtime-spec config.md, process.capabilities: what cannot be mapped or granted is a warning
 * naming the field, and the container runs with the rest (create and exec alike).
 */
class CapabilityCompilerTest {
    public static final int KILL = 5, NET_BIND_SERVICE = 10, SYS_RESOURCE = 24;
    /** This project's machines: every capability up to CAP_CHECKPOINT_RESTORE (40) but CAP_SYS_RESOURCE. */
    static final String HOST_CAPBND = "CapBnd:\t000001fffeffffff";

    @RegisterExtension
    final CollectedWarnings collected = new CollectedWarnings();
    public final List<String> warnings = collected.warnings;

    static UserNamespacePlanTest.UsernsHost hostWithoutSysResource() {
        UserNamespacePlanTest.UsernsHost host = new UserNamespacePlanTest.UsernsHost().caller(0, 0);
        List<String> status = new ArrayList<>(host.files.get("/proc/self/status"));
        status.add(HOST_CAPBND);
        host.files.put("/proc/self/status", status);
        host.files.put("/proc/sys/kernel/cap_last_cap", List.of("40"));
        return host;
    }

    static final String ALL_SETS = ",\"capabilities\":{\"bounding\":%1$s,\"effective\":%1$s,\"permitted\":%1$s,\"inheritable\":%1$s,\"ambient\":%1$s}";

    static Spec withCaps(String list) {
        return PlanCompilerTest.minimal(ALL_SETS.formatted(list), "", "");
    }

    @Test
    void anUnknownNameIsAWarningNamingItsIndexAndIsLeftOut() throws Exception {
        Plan plan = PlanCompilerTest.compile(withCaps("[\"CAP_KILL\",\"CAP_TEST\"]"), false, 0, hostWithoutSysResource());
        assertEquals(1L << KILL, PlanCompilerTest.ops(plan, Op.CapsBounding.class).getFirst().keep());
        Op.CapsSet set = PlanCompilerTest.ops(plan, Op.CapsSet.class).getFirst();
        assertEquals(new Op.CapsSet(set.origin(), 1L << KILL, 1L << KILL, 1L << KILL, 1L << KILL), set);
        assertEquals(List.of(
                "process.capabilities.bounding[1]: unknown capability \"CAP_TEST\" is ignored",
                "process.capabilities.effective[1]: unknown capability \"CAP_TEST\" is ignored",
                "process.capabilities.permitted[1]: unknown capability \"CAP_TEST\" is ignored",
                "process.capabilities.inheritable[1]: unknown capability \"CAP_TEST\" is ignored",
                "process.capabilities.ambient[1]: unknown capability \"CAP_TEST\" is ignored"), warnings);
    }

    @Test
    void aCapabilityTheHostLacksIsAWarningAndTheRestIsGranted() throws Exception {
        Plan plan = PlanCompilerTest.compile(withCaps("[\"CAP_SYS_RESOURCE\",\"CAP_KILL\"]"), false, 0, hostWithoutSysResource());
        Op.CapsSet set = PlanCompilerTest.ops(plan, Op.CapsSet.class).getFirst();
        assertEquals(1L << KILL, set.effective());
        assertEquals(1L << KILL, set.permitted());
        assertEquals(1L << KILL, set.ambient());
        assertEquals(1L << KILL, PlanCompilerTest.ops(plan, Op.CapsBounding.class).getFirst().keep());
        assertEquals(5, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().startsWith("process.capabilities.bounding[0]: CAP_SYS_RESOURCE cannot be granted"),
                warnings.getFirst());
        assertTrue(warnings.get(2).startsWith("process.capabilities.permitted[0]: CAP_SYS_RESOURCE"), warnings.get(2));
    }

    @Test
    void insideAUserNamespaceEveryCapabilityTheKernelKnowsCanBeGranted() throws Exception {
        // unshare(CLONE_NEWUSER) and setns give the full set in the new namespace, whatever the host's bounding set.
        Spec spec = UserNamespacePlanTest.userns(ALL_SETS.formatted("[\"CAP_SYS_RESOURCE\",\"CAP_KILL\"]"), "", "");
        Plan plan = PlanCompilerTest.compile(spec, false, 0, hostWithoutSysResource());
        long both = (1L << SYS_RESOURCE) | (1L << KILL);
        assertEquals(both, PlanCompilerTest.ops(plan, Op.CapsSet.class).getFirst().permitted());
        assertEquals(both, PlanCompilerTest.ops(plan, Op.CapsBounding.class).getFirst().keep());
        assertEquals(List.of(), warnings);
    }

    @Test
    void anAmbientCapabilityNotBothPermittedAndInheritableIsAWarning() throws Exception {
        // runc spec's default config asks for exactly this (ambient without inheritable).
        Plan plan = PlanCompilerTest.compile(PlanCompilerTest.minimal(",\"capabilities\":{\"bounding\":[\"CAP_KILL\"],"
                + "\"permitted\":[\"CAP_KILL\"],\"ambient\":[\"CAP_KILL\"]}", "", ""), false, 0, hostWithoutSysResource());
        assertEquals(0, PlanCompilerTest.ops(plan, Op.CapsSet.class).getFirst().ambient());
        assertEquals(List.of("process.capabilities.ambient: CAP_KILL is not raised: an ambient capability must also be "
                + "permitted and inheritable"), warnings);
    }

    @Test
    void withoutTheHostsBoundingSetNothingIsLeftOut() {
        assertEquals((1L << KILL) | (1L << SYS_RESOURCE),
                CapabilityCompiler.grantableMask(List.of("CAP_KILL", "CAP_SYS_RESOURCE"), "x", -1));
        assertEquals(List.of(), warnings);
    }

    @Test
    void grantableIsTheHostsBoundingSetOrTheKernelsFullSetInAUserNamespace() {
        UserNamespacePlanTest.UsernsHost host = hostWithoutSysResource();
        assertEquals(0x000001fffeffffffL, CapabilityCompiler.grantable(host, false));
        assertEquals((1L << 41) - 1, CapabilityCompiler.grantable(host, true));
        assertEquals(-1, CapabilityCompiler.grantable(FakeHost.permissive(), false), "unknown: nothing is left out");
    }

    @Test
    void execWarnsTheSameWayForTheProcessAndItsCapFlags() throws Exception {
        Plan plan = ExecPlanCompilerTest.compile(withCaps("[\"CAP_KILL\",\"CAP_TEST\",\"CAP_SYS_RESOURCE\"]"),
                ExecPlanCompilerTest.namespaces("mount", "pid", "uts"), 0, hostWithoutSysResource());
        Op.CapsSet set = PlanCompilerTest.ops(plan, Op.CapsSet.class).getFirst();
        assertEquals(1L << KILL, set.permitted());
        assertEquals(10, warnings.size(), warnings::toString);
        assertEquals("process.capabilities.bounding[1]: unknown capability \"CAP_TEST\" is ignored", warnings.getFirst());
    }
}
