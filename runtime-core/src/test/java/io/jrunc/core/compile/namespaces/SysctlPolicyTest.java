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
import io.jrunc.spec.Linux;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** runc's rules for which sysctls a container owns, and where the writes go. */
class SysctlPolicyTest {
    public static Linux linux(String namespaces, String sysctl) {
        return spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[%s],"sysctl":{%s}}}""".formatted(namespaces, sysctl)).linux();
    }

    public static List<Op> compile(String namespaces, String sysctl) throws ConfigException {
        return compile(linux(namespaces, sysctl), ScriptedHost.plain());
    }

    public static String refusal(String namespaces, String sysctl) {
        return assertThrows(ConfigException.class, () -> compile(namespaces, sysctl)).getMessage();
    }

    @Test
    void ownedSysctlsBecomeProcWrites() throws Exception {
        List<Op> ops = compile("{\"type\":\"mount\"},{\"type\":\"network\"},{\"type\":\"ipc\"},{\"type\":\"uts\"}",
                "\"net.ipv4.ip_forward\":\"1\",\"kernel.shmmax\":\"4096\",\"fs.mqueue.msg_max\":\"20\",\"kernel.domainname\":\"d\"");
        List<String> paths = ops.stream().map(o -> ((Op.WriteProc) o).path()).sorted().toList();
        assertEquals(List.of("sys/fs/mqueue/msg_max", "sys/kernel/domainname", "sys/kernel/shmmax", "sys/net/ipv4/ip_forward"), paths);
        Op.WriteProc fwd = (Op.WriteProc) ops.stream().filter(o -> ((Op.WriteProc) o).path().endsWith("ip_forward")).findFirst().orElseThrow();
        assertEquals("1", fwd.content());
        assertEquals("linux.sysctl[\"net.ipv4.ip_forward\"]", fwd.origin().path());
    }

    @Test
    void netNeedsANetworkNamespaceOfItsOwn() {
        assertEquals("linux.sysctl[\"net.ipv4.ip_forward\"]: sysctl \"net.ipv4.ip_forward\" is not allowed in the host's network namespace",
                refusal("{\"type\":\"mount\"}", "\"net.ipv4.ip_forward\":\"1\""));
    }

    @Test
    void aJoinedNetworkNamespaceThatIsOursCountsAsTheHosts() throws Exception {
        ScriptedHost host = ScriptedHost.plain().identity("/run/netns/same", "net:[1]").identity("/run/netns/other", "net:[2]");
        Linux joinedSelf = linux("{\"type\":\"mount\"},{\"type\":\"network\",\"path\":\"/run/netns/same\"}", "\"net.core.somaxconn\":\"64\"");
        assertTrue(assertThrows(ConfigException.class, () -> compile(joinedSelf, host)).getMessage()
                .contains("not allowed in the host's network namespace"));
        Linux joinedOther = linux("{\"type\":\"mount\"},{\"type\":\"network\",\"path\":\"/run/netns/other\"}", "\"net.core.somaxconn\":\"64\"");
        assertEquals(1, compile(joinedOther, host).size());
        Linux missing = linux("{\"type\":\"mount\"},{\"type\":\"network\",\"path\":\"/run/netns/gone\"}", "\"net.core.somaxconn\":\"64\"");
        ConfigException e = assertThrows(ConfigException.class, () -> compile(missing, host));
        assertEquals("linux.namespaces[1].path", e.path());
        assertTrue(e.getMessage().contains("invalid network namespace path"), e.getMessage());
    }

    @Test
    void ipcSysctlsNeedAnIpcNamespace() {
        for (String key : List.of("kernel.msgmax", "kernel.sem", "kernel.shm_rmid_forced", "fs.mqueue.queues_max")) {
            assertEquals("linux.sysctl[\"" + key + "\"]: sysctl \"" + key + "\" is not allowed in the host's ipc namespace"
                    + " (the container has no ipc namespace of its own)", refusal("{\"type\":\"mount\"}", "\"" + key + "\":\"1\""));
        }
    }

    @Test
    void utsNamesAndEverythingElse() {
        assertEquals("linux.sysctl[\"kernel.hostname\"]: sysctl \"kernel.hostname\" is not allowed as it conflicts with the OCI \"hostname\" field",
                refusal("{\"type\":\"mount\"},{\"type\":\"uts\"}", "\"kernel.hostname\":\"h\""));
        assertEquals("linux.sysctl[\"kernel.domainname\"]: sysctl \"kernel.domainname\" is not in a separate kernel namespace"
                + " (it needs a uts namespace)", refusal("{\"type\":\"mount\"}", "\"kernel.domainname\":\"d\""));
        assertEquals("linux.sysctl[\"vm.swappiness\"]: sysctl \"vm.swappiness\" is not in a separate kernel namespace",
                refusal("{\"type\":\"mount\"},{\"type\":\"network\"},{\"type\":\"ipc\"},{\"type\":\"uts\"}", "\"vm.swappiness\":\"1\""));
        assertEquals("linux.sysctl[\"kernel.pid_max\"]: sysctl \"kernel.pid_max\" is not in a separate kernel namespace",
                refusal("{\"type\":\"mount\"},{\"type\":\"pid\"}", "\"kernel.pid_max\":\"1\""));
    }

    @Test
    void slashFormKeepsDotsInNamesAndDottedFormUsesSlashesForThem() throws Exception {
        assertEquals("net/ipv4/conf/eth0.100/rp_filter", SysctlPolicy.path("net/ipv4/conf/eth0.100/rp_filter"));
        assertEquals("net.ipv4.conf.eth0/100.rp_filter", SysctlPolicy.dotted("net/ipv4/conf/eth0.100/rp_filter", "f"));
        assertEquals("net/ipv4/conf/eth0.100/rp_filter", SysctlPolicy.path("net.ipv4.conf.eth0/100.rp_filter"));
        // a slash-form net key is judged as net.*
        assertEquals(1, compile("{\"type\":\"mount\"},{\"type\":\"network\"}", "\"net/ipv4/ip_forward\":\"1\"").size());
    }

    @Test
    void namesThatCouldLeaveProcSysAreRefused() {
        for (String key : List.of("", "net/../../self/oom_score_adj", "/net.ipv4", "net..ipv4", "net.ipv4.", ".net")) {
            assertTrue(refusal("{\"type\":\"mount\"},{\"type\":\"network\"}", "\"" + key + "\":\"1\"").endsWith("invalid sysctl name"), key);
        }
    }

    @Test
    void writtenThroughTheHostsProcBeforeThePivotAfterTheFork() throws Exception {
        Plan plan = PlanCompiler.compile(new CompileInput("c1", spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"network"}],"sysctl":{"net.ipv4.ip_forward":"1"},
                  "readonlyPaths":["/proc/sys"]}}"""), Path.of("/bundle"), Path.of("/bundle/rootfs"), Path.of("/run/jrunc/c1"),
                false, 0, true, PlanCompilerTest.CGROUPS, ScriptedHost.plain()));
        List<Op> ops = plan.ops();
        int write = ProcessAttributesCompilerTest.index(plan, Op.WriteProc.class);
        assertTrue(write > ProcessAttributesCompilerTest.index(plan, Op.Fork.class));
        assertTrue(write < ProcessAttributesCompilerTest.index(plan, Op.PivotRoot.class));
        assertTrue(ops.stream().noneMatch(o -> o instanceof Op.WriteFile), "no in-root write under the read-only /proc/sys");
    }

    public static List<Op> compile(Linux linux, io.jrunc.core.host.HostView host) throws ConfigException {
        List<Op> ops = new java.util.ArrayList<>();
        SysctlPolicy.compile(linux, host, ops);
        return ops;
    }
}
