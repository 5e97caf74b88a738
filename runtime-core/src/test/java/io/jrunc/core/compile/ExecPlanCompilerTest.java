package io.jrunc.core.compile;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.namespaces.CloneFlags;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.spec.Spec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exec plan: namespaces opened then joined (user first), the init check, the fork, then the process ops. */
public class ExecPlanCompilerTest {
    static final int INIT = 4242;

    /** The container's namespaces as the state record has them, deliberately not in join order. */
    public static Map<String, String> namespaces(String... types) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> proc = Map.of("pid", "pid", "network", "net", "mount", "mnt", "ipc", "ipc", "uts", "uts",
                "user", "user", "cgroup", "cgroup", "time", "time");
        for (String t : types) out.put(t, "/proc/" + INIT + "/ns/" + proc.get(t));
        return out;
    }

    public static Plan compile(Spec spec, Map<String, String> namespaces, int preserveFds, FakeHost host) throws ConfigException {
        return ExecPlanCompiler.compile(new ExecInput("c1", spec, Path.of("/bundle"), Path.of("/bundle/rootfs"), INIT,
                namespaces, preserveFds, host));
    }

    public static Plan compile(Spec spec) throws ConfigException {
        return compile(spec, namespaces("mount", "pid", "uts", "network", "ipc"), 0, FakeHost.permissive());
    }

    public static int indexOf(Plan plan, Class<? extends Op> type) {
        for (int i = 0; i < plan.ops().size(); i++) if (type.isInstance(plan.ops().get(i))) return i;
        return -1;
    }

    public static Spec process(String members) {
        return PlanCompilerTest.minimal(members, "", "");
    }

    @Test
    void namespacesAreOpenedInRuncsOrderCheckedThenJoinedBeforeTheFork() throws ConfigException {
        Plan plan = compile(process(""), namespaces("mount", "cgroup", "pid", "uts", "network", "ipc"), 0, FakeHost.permissive());
        List<Op.OpenNs> open = PlanCompilerTest.ops(plan, Op.OpenNs.class);
        assertEquals(List.of("/proc/4242/ns/ipc", "/proc/4242/ns/uts", "/proc/4242/ns/net", "/proc/4242/ns/pid",
                "/proc/4242/ns/mnt", "/proc/4242/ns/cgroup"), open.stream().map(Op.OpenNs::path).toList());
        assertEquals(CloneFlags.CLONE_NEWNS, open.get(4).nstype());
        int lastOpen = plan.ops().indexOf(open.getLast());
        Op sync = plan.ops().get(lastOpen + 1);
        assertEquals(new Op.Sync(sync.origin(), SyncPoint.INIT_CHECK.tag()), sync, "the init check right after the opens");
        assertTrue(indexOf(plan, Op.JoinNs.class) > lastOpen + 1);
        assertTrue(indexOf(plan, Op.Fork.class) > indexOf(plan, Op.JoinNs.class), "fork after joining: the child is in the pid namespace");
        assertEquals(0, indexOf(plan, Op.Dumpable.class), "non-dumpable before entering anything");
    }

    @Test
    void nothingOfTheContainersSetUpIsRepeated() throws ConfigException {
        Plan plan = compile(process(""));
        for (Class<? extends Op> setUp : List.of(Op.Unshare.class, Op.Mount.class, Op.MountHost.class, Op.PivotRoot.class,
                Op.OpenRoot.class, Op.MaskPath.class, Op.SetHostname.class, Op.OpenFifoDir.class, Op.WaitFifo.class,
                Op.Ready.class, Op.BindConsole.class, Op.SetNs.class)) {
            assertEquals(-1, indexOf(plan, setUp), setUp.getSimpleName() + " belongs to create only");
        }
        assertInstanceOf(Op.Execve.class, plan.ops().getLast());
    }

    @Test
    void theProcessIsSetUpAfterTheForkLikeTheInit() throws ConfigException {
        Plan plan = compile(PlanCompilerTest.spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},
                 "process":{"args":["sh","-c","id"],"cwd":"/work","env":["PATH=/bin"],
                  "user":{"uid":1000,"gid":1000,"additionalGids":[5]},
                  "capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"]},
                  "rlimits":[{"type":"RLIMIT_NOFILE","hard":1024,"soft":1024}],"noNewPrivileges":true},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"pid"}]}}"""));
        int fork = indexOf(plan, Op.Fork.class);
        for (Class<? extends Op> after : List.of(Op.SetSid.class, Op.SetRlimit.class, Op.JoinKeyring.class, Op.CapsBounding.class,
                Op.SetGroups.class, Op.CapsSet.class, Op.Chdir.class, Op.ResolveExec.class, Op.NoNewPrivs.class, Op.CloseFds.class)) {
            assertTrue(indexOf(plan, after) > fork, after.getSimpleName() + " in the child");
        }
        assertEquals(List.of(5L), PlanCompilerTest.ops(plan, Op.SetGroups.class).getFirst().gids());
        assertEquals(1000, PlanCompilerTest.ops(plan, Op.SetResUid.class).getLast().uid());
        assertEquals("/work", PlanCompilerTest.ops(plan, Op.Chdir.class).getFirst().path());
        assertEquals("_ses.c1", PlanCompilerTest.ops(plan, Op.JoinKeyring.class).getFirst().name());
        assertTrue(indexOf(plan, Op.CapsBounding.class) < indexOf(plan, Op.SetResUid.class));
        assertTrue(indexOf(plan, Op.CapsSet.class) > indexOf(plan, Op.SetResUid.class));
        Op.Execve execve = (Op.Execve) plan.ops().getLast();
        assertEquals(List.of("sh", "-c", "id"), execve.argv());
        assertEquals(List.of("PATH=/bin", "HOME=/home/app"), execve.env(), "HOME from the container's passwd");
        assertEquals("/bin", PlanCompilerTest.ops(plan, Op.ResolveExec.class).getFirst().searchPath());
    }

    @Test
    void aUserNamespaceIsJoinedFirstAndTheHelperBecomesItsRoot() throws ConfigException {
        UserNamespacePlanTest.UsernsHost host = new UserNamespacePlanTest.UsernsHost().caller(0, 0);
        host.files.put("/proc/4242/uid_map", List.of("         0     100000      65536"));
        host.files.put("/proc/4242/gid_map", List.of("         0     100000      65536"));
        host.files.put("/proc/4242/setgroups", List.of("allow"));
        Plan plan = compile(process(""), namespaces("pid", "mount", "user"), 0, host);
        List<Op.OpenNs> open = PlanCompilerTest.ops(plan, Op.OpenNs.class);
        assertEquals(CloneFlags.CLONE_NEWUSER, open.getFirst().nstype(), "user first");
        int join = indexOf(plan, Op.JoinNs.class);
        assertInstanceOf(Op.SetResGid.class, plan.ops().get(join + 1));
        assertEquals(0, ((Op.SetResGid) plan.ops().get(join + 1)).gid());
        assertEquals(0, ((Op.SetResUid) plan.ops().get(join + 2)).uid());
        assertInstanceOf(Op.Fork.class, plan.ops().get(join + 3));
    }

    @Test
    void idsTheContainersUserNamespaceDoesNotMapAreRefusedByField() {
        UserNamespacePlanTest.UsernsHost host = new UserNamespacePlanTest.UsernsHost().caller(0, 0);
        host.files.put("/proc/4242/uid_map", List.of("0 100000 1000"));
        host.files.put("/proc/4242/gid_map", List.of("0 100000 1000"));
        Spec spec = PlanCompilerTest.spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},
                 "process":{"args":["sh"],"cwd":"/","user":{"uid":5000,"gid":0}},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"user"}]}}""");
        ConfigException e = assertThrows(ConfigException.class, () -> compile(spec, namespaces("mount", "user"), 0, host));
        assertEquals("process.user.uid", e.path());
    }

    @Test
    void withoutAUserNamespaceTheHelperStaysHostRootUntilTheProcessIds() throws ConfigException {
        Plan plan = compile(process(""));
        assertTrue(indexOf(plan, Op.SetResUid.class) > indexOf(plan, Op.Fork.class), "the only uid switch is the process's");
    }

    @Test
    void aTerminalIsAConsoleOfTheGivenSizeAndNoBind() throws ConfigException {
        Plan plan = compile(process(",\"terminal\":true,\"consoleSize\":{\"height\":30,\"width\":100}"));
        Op.Console console = PlanCompilerTest.ops(plan, Op.Console.class).getFirst();
        assertEquals(30, console.rows());
        assertEquals(100, console.cols());
        assertTrue(indexOf(plan, Op.Console.class) > indexOf(plan, Op.SetSid.class));
    }

    @Test
    void preservedFdsStayOpen() throws ConfigException {
        Plan plan = compile(process(""), namespaces("mount"), 2, FakeHost.permissive());
        assertEquals(5, PlanCompilerTest.ops(plan, Op.CloseFds.class).getFirst().first());
    }

    @Test
    void theContainersSeccompProfileIsLoadedWhereCreateLoadsIt() throws ConfigException {
        String seccomp = ",\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_ERRNO\"}]}";
        Plan privileged = compile(PlanCompilerTest.minimal(",\"user\":{\"uid\":1000,\"gid\":1000}", "", seccomp));
        assertTrue(indexOf(privileged, Op.Seccomp.class) < indexOf(privileged, Op.SetResUid.class),
                "without no_new_privs: while CAP_SYS_ADMIN is still there");
        assertTrue(indexOf(privileged, Op.Seccomp.class) > indexOf(privileged, Op.Fork.class));
        Plan nnp = compile(PlanCompilerTest.minimal(",\"noNewPrivileges\":true", "", seccomp));
        assertEquals(nnp.ops().size() - 2, indexOf(nnp, Op.Seccomp.class), "with no_new_privs: right before execve");
    }

    @Test
    void emptyArgsAreRefusedByField() {
        Spec spec = PlanCompilerTest.spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":[],"cwd":"/"},"linux":{}}""");
        ConfigException e = assertThrows(ConfigException.class, () -> compile(spec));
        assertEquals("process.args", e.path());
    }

    /** exec runs the same fixed set of ops after the filter as create (docs/seccomp.md). */
    @Test
    public void afterTheFilterOnlyTheDocumentedOpsRun() throws ConfigException {
        java.util.Set<Class<? extends Op>> documented = java.util.Set.of(Op.SetResUid.class, Op.CapsSet.class,
                Op.NoNewPrivs.class, Op.Execve.class);
        for (String nnp : List.of("false", "true")) {
            Plan plan = compile(PlanCompilerTest.spec("""
                    {"ociVersion":"1.2.0","root":{"path":"rootfs"},
                     "process":{"args":["sh"],"cwd":"/tmp","noNewPrivileges":%s,
                       "user":{"uid":1000,"gid":1000},
                       "capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"]}},
                     "linux":{"namespaces":[{"type":"mount"},{"type":"pid"}],
                       "seccomp":{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}}}
                    """.formatted(nnp)));
            int load = indexOf(plan, Op.Seccomp.class);
            assertTrue(load > indexOf(plan, Op.ResolveExec.class) && load > indexOf(plan, Op.Chdir.class));
            for (Op op : plan.ops().subList(load + 1, plan.ops().size())) {
                assertTrue(documented.contains(op.getClass()), op + " runs after the filter, noNewPrivileges " + nnp);
            }
            Op.SetFsUid fsuid = PlanCompilerTest.ops(plan, Op.SetFsUid.class).getFirst();
            assertEquals(1000, fsuid.uid());
            assertTrue(plan.ops().indexOf(fsuid) < indexOf(plan, Op.Chdir.class), "the cwd is checked as the user");
        }
    }

    @Test
    void withoutAMountNamespaceTheProcessTakesTheInitsRootByChroot() throws ConfigException {
        Plan plan = compile(process(""), namespaces("pid", "uts"), 0, FakeHost.permissive());
        Op.OpenRoot root = (Op.OpenRoot) plan.ops().get(indexOf(plan, Op.OpenRoot.class));
        assertEquals("/proc/" + INIT + "/root", root.hostPath());
        // opened before the init check (so it is the init's), taken after the namespaces, before the fork
        assertTrue(indexOf(plan, Op.OpenRoot.class) < indexOf(plan, Op.Sync.class));
        assertTrue(indexOf(plan, Op.Chroot.class) > indexOf(plan, Op.JoinNs.class));
        assertTrue(indexOf(plan, Op.Chroot.class) < indexOf(plan, Op.Fork.class));
        // with one, the namespace's root is the container's: nothing to chroot
        Plan own = compile(process(""), namespaces("mount", "pid"), 0, FakeHost.permissive());
        assertEquals(-1, indexOf(own, Op.Chroot.class));
        assertEquals(-1, indexOf(own, Op.OpenRoot.class));
    }
}
