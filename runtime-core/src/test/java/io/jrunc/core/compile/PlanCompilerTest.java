package io.jrunc.core.compile;

import static io.jrunc.core.compile.mounts.MountFlags.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.mounts.DeviceCompiler;
import io.jrunc.core.compile.namespaces.CloneFlags;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecJson;
import io.jrunc.spec.SpecValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

public class PlanCompilerTest {
    public static final Path FIXTURES = Path.of("../test-fixtures/docker");
    public static final Map<String, Path> CGROUPS = Map.of("cpu", Path.of("/sys/fs/cgroup/cpu/c1"),
            "memory", Path.of("/sys/fs/cgroup/memory/c1"), "", Path.of("/sys/fs/cgroup/unified/c1"));

    public static Plan compile(Spec spec, boolean noPivot, int preserveFds, FakeHost host) throws ConfigException {
        return PlanCompiler.compile(new CompileInput("c1", spec, Path.of("/bundle"), Path.of("/bundle/rootfs"),
                Path.of("/run/jrunc/c1"), noPivot, preserveFds, true, CGROUPS, host));
    }

    public static Plan compile(Spec spec) throws ConfigException {
        return compile(spec, false, 0, FakeHost.permissive());
    }

    public static Spec spec(String json) {
        return SpecJson.parseConfig(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A minimal valid config with the given extra top-level members and linux members. */
    public static Spec minimal(String process, String top, String linux) {
        return spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},
                 "process":{"args":["/bin/sh"],"cwd":"/","user":{"uid":0,"gid":0}%s}%s,
                 "linux":{"namespaces":[{"type":"mount"},{"type":"pid"},{"type":"uts"}]%s}}
                """.formatted(process, top, linux));
    }

    public static <T extends Op> List<T> ops(Plan plan, Class<T> type) {
        return plan.ops().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyDockerFixtureParsesValidatesAndCompiles() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(FIXTURES)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 6, "fixtures found at " + FIXTURES.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Spec spec = SpecJson.readConfig(f);
            assertEquals(List.of(), SpecValidator.validate(spec, true));
            Plan plan = compile(spec);
            assertInstanceOf(Op.OpenFifoDir.class, plan.ops().getFirst());
            assertInstanceOf(Op.Execve.class, plan.ops().getLast());
            assertEquals(1, ops(plan, Op.Fork.class).size());
            assertEquals(1, ops(plan, Op.PivotRoot.class).size());
            assertEquals(spec.process().args(), ops(plan, Op.Execve.class).getFirst().argv());
            // every mount of the config shows up with its origin
            for (int i = 0; i < spec.mounts().size(); i++) {
                String origin = "mounts[" + i + "]";
                assertTrue(plan.ops().stream().anyMatch(op -> op.origin().path().equals(origin)), origin);
            }
            assertTrue(plan.encode().length > 0);
        }));
    }

    @Test
    void orderIsNamespacesRootfsPivotIdentityReadyFifoExec() throws Exception {
        Plan plan = compile(minimal("", ",\"hostname\":\"box\"", ""));
        List<Class<?>> order = plan.ops().stream().<Class<?>>map(Object::getClass)
                .filter(c -> List.of(Op.OpenFifoDir.class, Op.Unshare.class, Op.Fork.class, Op.OpenRoot.class, Op.PivotRoot.class,
                        Op.SetHostname.class, Op.SetResUid.class, Op.ResolveExec.class, Op.Ready.class, Op.WaitFifo.class,
                        Op.Execve.class).contains(c))
                .toList();
        // the executable is looked up before the uid switch (and the seccomp filter), as the user (SETFSUID)
        assertEquals(List.of(Op.OpenFifoDir.class, Op.Unshare.class, Op.Fork.class, Op.OpenRoot.class, Op.PivotRoot.class,
                Op.SetHostname.class, Op.ResolveExec.class, Op.SetResUid.class, Op.Ready.class, Op.WaitFifo.class,
                Op.Execve.class), order);
        Op.Unshare unshare = ops(plan, Op.Unshare.class).getFirst();
        assertEquals(CloneFlags.CLONE_NEWNS | CloneFlags.CLONE_NEWPID | CloneFlags.CLONE_NEWUTS, unshare.flags());
    }

    @Test
    void theInitWaitsRightAfterReadyUntilCreateRecordedTheContainer() throws Exception {
        Plan plan = compile(minimal("", "", ""));
        int ready = plan.ops().indexOf(ops(plan, Op.Ready.class).getFirst());
        assertEquals(new Op.Sync(plan.ops().get(ready + 1).origin(), SyncPoint.RECORDED.tag()), plan.ops().get(ready + 1),
                "an init whose create died before recording it exits at this sync (EOF)");
    }

    @Test
    void joinedNamespacesUseSetns() throws Exception {
        Plan plan = compile(spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"network","path":"/proc/7/ns/net"}]}}"""));
        Op.SetNs setns = ops(plan, Op.SetNs.class).getFirst();
        assertEquals("/proc/7/ns/net", setns.path());
        assertEquals(CloneFlags.CLONE_NEWNET, setns.nstype());
        assertEquals("linux.namespaces[1]", setns.origin().path());
        assertEquals(CloneFlags.CLONE_NEWNS, ops(plan, Op.Unshare.class).getFirst().flags());
    }

    @Test
    void readOnlyBindIsBindThenRemount() throws Exception {
        Plan plan = compile(minimal("", ",\"mounts\":[{\"destination\":\"/data\",\"type\":\"bind\",\"source\":\"/srv/data\",\"options\":[\"rbind\",\"ro\",\"nosuid\",\"rprivate\"]}]", ""));
        List<Op.Mount> m = ops(plan, Op.Mount.class).stream().filter(o -> o.origin().path().equals("mounts[0]")).toList();
        assertEquals(3, m.size());
        assertEquals("/srv/data", m.get(0).source());
        assertEquals(MS_BIND | MS_REC, m.get(0).flags());
        assertEquals(Op.Create.DIRECTORY, m.get(0).create());
        assertEquals(MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID, m.get(1).flags());
        assertEquals(MS_PRIVATE | MS_REC, m.get(2).flags());
        assertEquals("/data", m.get(2).target());
    }

    @Test
    void bindOfAFileCreatesAFileTargetAndRelativeSourcesAreUnderTheBundle() throws Exception {
        FakeHost host = new FakeHost(Set.of(), Set.of("/bundle/hosts"));
        Plan plan = compile(minimal("", ",\"mounts\":[{\"destination\":\"/etc/hosts\",\"type\":\"bind\",\"source\":\"hosts\",\"options\":[\"bind\"]}]", ""),
                false, 0, host);
        Op.Mount m = ops(plan, Op.Mount.class).stream().filter(o -> o.origin().path().equals("mounts[0]")).findFirst().orElseThrow();
        assertEquals("/bundle/hosts", m.source());
        assertEquals(Op.Create.FILE, m.create());
    }

    @Test
    void missingBindSourceNamesTheField() {
        FakeHost host = new FakeHost(Set.of(), Set.of());
        ConfigException e = assertThrows(ConfigException.class, () -> compile(
                minimal("", ",\"mounts\":[{\"destination\":\"/x\",\"type\":\"bind\",\"source\":\"/nope\"}]", ""), false, 0, host));
        assertEquals("mounts[0].source", e.path());
    }

    @Test
    void cgroupMountWithoutNamespaceBindsTheContainersHostDirectories() throws Exception {
        Plan plan = compile(minimal("", ",\"mounts\":[{\"destination\":\"/sys/fs/cgroup\",\"type\":\"cgroup\",\"source\":\"cgroup\",\"options\":[\"ro\",\"nosuid\"]}]", ""));
        List<Op.Mount> m = ops(plan, Op.Mount.class).stream().filter(o -> o.origin().path().equals("mounts[0]")).toList();
        assertEquals("tmpfs", m.getFirst().fstype());
        assertTrue(m.stream().anyMatch(o -> o.source().equals("/sys/fs/cgroup/memory/c1") && o.target().equals("/sys/fs/cgroup/memory")));
        assertTrue(m.stream().noneMatch(o -> o.target().equals("/sys/fs/cgroup/unified")), "runc leaves cgroup2 out on hybrid hosts");
        Op.Mount remount = m.get(2);
        assertEquals("/sys/fs/cgroup/cpu", remount.target());
        assertEquals(MS_RDONLY, remount.flags() & MS_RDONLY, "each hierarchy is read-only");
        assertEquals(0, m.getFirst().flags() & MS_RDONLY, "the tmpfs holding them stays writable, as in runc 1.1");
    }

    @Test
    void cgroupMountWithNamespaceMountsEachHierarchyAfresh() throws Exception {
        Plan plan = compile(spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "mounts":[{"destination":"/sys/fs/cgroup","type":"cgroup","source":"cgroup"}],
                 "linux":{"namespaces":[{"type":"mount"},{"type":"cgroup"}]}}"""));
        List<Op.Mount> m = ops(plan, Op.Mount.class).stream().filter(o -> o.origin().path().equals("mounts[0]")).toList();
        assertTrue(m.stream().anyMatch(o -> o.fstype().equals("cgroup") && o.data().equals("memory") && o.source().equals("cgroup")));
    }

    @Test
    void defaultDevicesAndLinuxDevices() throws Exception {
        Plan plan = compile(minimal("", "", ",\"devices\":[{\"type\":\"c\",\"path\":\"/dev/mynull\",\"major\":1,\"minor\":3,\"fileMode\":438,\"uid\":5,\"gid\":6},{\"type\":\"c\",\"path\":\"/dev/null\",\"major\":1,\"minor\":3,\"fileMode\":384}]"));
        List<Op.Mknod> nodes = ops(plan, Op.Mknod.class);
        assertEquals(List.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/mynull"),
                nodes.stream().map(Op.Mknod::path).toList());
        Op.Mknod mynull = nodes.getLast();
        assertEquals(DeviceCompiler.S_IFCHR | 0666, mynull.mode());
        assertEquals(5, mynull.uid());
        assertEquals(0600, nodes.getFirst().mode() & 07777, "linux.devices replaces a default of the same path");
        assertEquals("linux.devices[1]", nodes.getFirst().origin().path());
        assertTrue(ops(plan, Op.Symlink.class).stream().anyMatch(s -> s.linkPath().equals("/dev/ptmx") && s.target().equals("pts/ptmx")));
    }

    @Test
    void badDeviceTypeNamesTheField() {
        ConfigException e = assertThrows(ConfigException.class, () -> compile(minimal("", "", ",\"devices\":[{\"type\":\"x\",\"path\":\"/dev/x\"}]")));
        assertEquals("linux.devices[0].type", e.path());
    }

    @Test
    void hostnameWithoutUtsNamespaceIsRefused() {
        Spec s = spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"hostname":"h","process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[{"type":"mount"}]}}""");
        ConfigException e = assertThrows(ConfigException.class, () -> compile(s));
        assertEquals("hostname", e.path());
        assertTrue(e.getMessage().contains("without a private UTS namespace"));
    }

    @Test
    void processIdentityRlimitsUmaskAndHome() throws Exception {
        Plan plan = compile(spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/work","env":["PATH=/bin"],
                 "user":{"uid":1000,"gid":100,"umask":23,"additionalGids":[10,20]},
                 "rlimits":[{"type":"RLIMIT_NOFILE","hard":2048,"soft":1024}]},
                 "linux":{"namespaces":[{"type":"mount"}]}}"""));
        Op.SetRlimit r = ops(plan, Op.SetRlimit.class).getFirst();
        assertEquals(7, r.resource());
        assertEquals(1024, r.soft());
        assertEquals(2048, r.hard());
        assertEquals(List.of(10L, 20L), ops(plan, Op.SetGroups.class).getFirst().gids());
        assertEquals(100, ops(plan, Op.SetResGid.class).getFirst().gid());
        assertEquals(1000, ops(plan, Op.SetResUid.class).getFirst().uid());
        assertEquals(23, ops(plan, Op.Umask.class).getFirst().mask());
        assertEquals("/work", ops(plan, Op.MkdirAll.class).stream().filter(m -> m.origin().path().equals("process.cwd")).findFirst().orElseThrow().path());
        Op.Execve exec = ops(plan, Op.Execve.class).getFirst();
        assertEquals(List.of("PATH=/bin", "HOME=/home/app"), exec.env());
        assertEquals("/bin", ops(plan, Op.ResolveExec.class).getFirst().searchPath());
    }

    @Test
    void unknownRlimitNamesTheField() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> compile(minimal(",\"rlimits\":[{\"type\":\"RLIMIT_BOGUS\",\"hard\":1,\"soft\":1}]", "", "")));
        assertEquals("process.rlimits[0].type", e.path());
    }

    @Test
    void terminalGetsConsoleInsteadOfSetsid() throws Exception {
        Plan plan = compile(minimal(",\"terminal\":true,\"consoleSize\":{\"height\":40,\"width\":100}", "", ""));
        assertTrue(ops(plan, Op.SetSid.class).isEmpty());
        Op.Console c = ops(plan, Op.Console.class).getFirst();
        assertEquals(40, c.rows());
        assertEquals(100, c.cols());
        assertTrue(ops(compile(minimal("", "", "")), Op.Console.class).isEmpty());
    }

    @Test
    void readonlyRootNoPivotAndPreservedFds() throws Exception {
        Spec s = spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs","readonly":true},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[{"type":"mount"}]}}""");
        Plan plan = compile(s, true, 2, FakeHost.permissive());
        assertEquals(1, ops(plan, Op.MoveChroot.class).size());
        assertTrue(ops(plan, Op.PivotRoot.class).isEmpty());
        assertTrue(ops(plan, Op.Mount.class).stream().anyMatch(m -> m.origin().path().equals("root.readonly")
                && m.target().equals("/") && (m.flags() & MS_RDONLY) != 0));
        assertEquals(5, ops(plan, Op.CloseFds.class).getFirst().first());
    }

    @Test
    void rootPropagationDefaultsToRslaveAndSharedMakesTheParentPrivate() throws Exception {
        Op.MountHost first = ops(compile(minimal("", "", "")), Op.MountHost.class).getFirst();
        assertEquals(MS_SLAVE | MS_REC, first.flags());
        Plan shared = compile(minimal("", "", ",\"rootfsPropagation\":\"rshared\""));
        List<Op.MountHost> hosts = ops(shared, Op.MountHost.class);
        assertEquals(MS_SHARED | MS_REC, hosts.get(0).flags());
        assertEquals(MS_PRIVATE, hosts.get(1).flags());
        assertEquals("/", hosts.get(1).target());
        assertThrows(ConfigException.class, () -> compile(minimal("", "", ",\"rootfsPropagation\":\"sideways\"")));
    }

    /** runtime-spec: every namespace is optional; without a mount entry the runtime's namespace is shared. */
    static Spec withoutMountNamespace(String root, String extraTop, String extraLinux) {
        return spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"%s},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "mounts":[{"destination":"/proc","type":"proc","source":"proc"}]%s,
                 "linux":{"namespaces":[{"type":"pid"}]%s}}""".formatted(root, extraTop, extraLinux));
    }

    @Test
    void withoutAMountNamespaceTheRootIsOnlyChrootedAndTheHostsMountsAreLeftAlone() throws Exception {
        Plan plan = compile(withoutMountNamespace("", "", ""));
        assertEquals(CloneFlags.CLONE_NEWPID, ops(plan, Op.Unshare.class).getFirst().flags());
        assertEquals(1, ops(plan, Op.Chroot.class).size());
        assertTrue(ops(plan, Op.PivotRoot.class).isEmpty());
        assertTrue(ops(plan, Op.MoveChroot.class).isEmpty());
        // no propagation change of the runtime's /, no bind of the rootfs onto itself
        assertEquals(List.of(), ops(plan, Op.MountHost.class));
        assertEquals("/bundle/rootfs", ops(plan, Op.OpenRoot.class).getFirst().hostPath());
        // the config's mounts are still made, resolved inside the root, before the chroot
        Op.Mount proc = ops(plan, Op.Mount.class).stream().filter(m -> m.origin().path().equals("mounts[0]")).findFirst().orElseThrow();
        assertTrue(plan.ops().indexOf(proc) < plan.ops().indexOf(ops(plan, Op.Chroot.class).getFirst()));
        // --no-pivot would move the rootfs onto the runtime's /: never without a mount namespace
        assertTrue(ops(compile(withoutMountNamespace("", "", ""), true, 0, FakeHost.permissive()), Op.MoveChroot.class).isEmpty());
    }

    @Test
    void noNamespacesAtAllIsAContainerInTheRuntimesNamespaces() throws Exception {
        Plan plan = compile(spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[]}}"""));
        assertTrue(ops(plan, Op.Unshare.class).isEmpty());
        assertTrue(ops(plan, Op.SetNs.class).isEmpty());
        assertEquals(1, ops(plan, Op.Fork.class).size());
        assertEquals(1, ops(plan, Op.Chroot.class).size());
        Plan noLinux = compile(spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}}}"""));
        assertEquals(1, ops(noLinux, Op.Chroot.class).size());
    }

    @Test
    void aReadonlyRootWithoutAMountNamespaceIsABindOfTheRootfsMadeReadOnly() throws Exception {
        Plan plan = compile(withoutMountNamespace(",\"readonly\":true", "", ""));
        Op.MountHost bind = ops(plan, Op.MountHost.class).getFirst();
        assertEquals("/bundle/rootfs", bind.source());
        assertEquals("/bundle/rootfs", bind.target());
        assertEquals(MS_BIND | MS_REC, bind.flags());
        Op.Mount ro = ops(plan, Op.Mount.class).stream().filter(m -> m.origin().path().equals("root.readonly")).findFirst().orElseThrow();
        assertTrue(plan.ops().indexOf(ro) > plan.ops().indexOf(ops(plan, Op.Chroot.class).getFirst()));
    }

    @Test
    void whatNeedsAMountNamespaceIsRefusedWithTheFieldsNamed() {
        ConfigException both = assertThrows(ConfigException.class, () -> compile(withoutMountNamespace("", "",
                ",\"maskedPaths\":[\"/proc/kcore\"],\"readonlyPaths\":[\"/proc/sys\"]")));
        assertEquals("linux.maskedPaths, linux.readonlyPaths", both.path());
        assertTrue(both.getMessage().contains("linux.namespaces has no \"mount\""), both.getMessage());
        assertEquals("linux.maskedPaths", assertThrows(ConfigException.class,
                () -> compile(withoutMountNamespace("", "", ",\"maskedPaths\":[\"/proc/kcore\"]"))).path());
        assertEquals("linux.readonlyPaths", assertThrows(ConfigException.class,
                () -> compile(withoutMountNamespace("", "", ",\"readonlyPaths\":[\"/proc/sys\"]"))).path());
        assertEquals("linux.rootfsPropagation", assertThrows(ConfigException.class,
                () -> compile(withoutMountNamespace("", "", ",\"rootfsPropagation\":\"rprivate\""))).path());
        // empty lists ask for nothing
        assertDoesNotThrow(() -> compile(withoutMountNamespace("", "", ",\"maskedPaths\":[],\"readonlyPaths\":[]")));
    }

    @Test
    void theHostsRootIsNoRootfsWithoutAMountNamespace() {
        Spec s = withoutMountNamespace("", "", "");
        ConfigException e = assertThrows(ConfigException.class, () -> PlanCompiler.compile(new CompileInput("c1", s,
                Path.of("/"), Path.of("/"), Path.of("/run/jrunc/c1"), false, 0, true, CGROUPS, FakeHost.permissive())));
        assertEquals("root.path", e.path());
    }

    @Test
    void aJoinedMountNamespaceIsPivotedInLikeANewOne() throws Exception {
        Plan plan = compile(spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[{"type":"mount","path":"/proc/7/ns/mnt"}],"maskedPaths":["/proc/kcore"]}}"""));
        assertEquals(CloneFlags.CLONE_NEWNS, ops(plan, Op.SetNs.class).getFirst().nstype());
        assertTrue(ops(plan, Op.Unshare.class).isEmpty());
        assertEquals(1, ops(plan, Op.PivotRoot.class).size());
        assertEquals(1, ops(plan, Op.MaskPath.class).size());
    }

    @Test
    void everyNamespaceTypeCanBeJoinedByPath() throws Exception {
        Map<String, Integer> types = Map.of("network", CloneFlags.CLONE_NEWNET, "ipc", CloneFlags.CLONE_NEWIPC,
                "uts", CloneFlags.CLONE_NEWUTS, "pid", CloneFlags.CLONE_NEWPID, "cgroup", CloneFlags.CLONE_NEWCGROUP,
                "time", CloneFlags.CLONE_NEWTIME);
        for (var t : types.entrySet()) {
            Plan plan = compile(spec("""
                    {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                     "linux":{"namespaces":[{"type":"%s","path":"/proc/7/ns/x"}]}}""".formatted(t.getKey())));
            Op.SetNs setns = ops(plan, Op.SetNs.class).getFirst();
            assertEquals(t.getValue(), setns.nstype(), t.getKey());
            assertTrue(ops(plan, Op.Unshare.class).isEmpty(), t.getKey());
            assertTrue(plan.ops().indexOf(setns) < plan.ops().indexOf(ops(plan, Op.Fork.class).getFirst()), t.getKey());
        }
    }

    @Test
    void sysctlsAreWrittenUnderProcSys() throws Exception {
        Plan plan = compile(spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"network"}],"sysctl":{"net.ipv4.ip_forward":"1"}}}"""));
        Op.WriteProc w = ops(plan, Op.WriteProc.class).getFirst();
        assertEquals("sys/net/ipv4/ip_forward", w.path());
        assertEquals("1", w.content());
        assertEquals("linux.sysctl[\"net.ipv4.ip_forward\"]", w.origin().path());
    }

    @Test
    void capabilitiesAroundTheIdentitySwitch() throws Exception {
        Plan plan = compile(minimal(",\"noNewPrivileges\":true,\"capabilities\":{\"bounding\":[\"CAP_KILL\",\"CAP_NET_BIND_SERVICE\"],"
                + "\"effective\":[\"CAP_KILL\"],\"permitted\":[\"CAP_KILL\"],\"ambient\":[\"CAP_KILL\"]}", "", ""));
        List<Class<?>> order = plan.ops().stream().<Class<?>>map(Object::getClass)
                .filter(c -> List.of(Op.CapsBounding.class, Op.KeepCaps.class, Op.SetResUid.class, Op.CapsSet.class,
                        Op.NoNewPrivs.class, Op.Execve.class).contains(c)).toList();
        assertEquals(List.of(Op.CapsBounding.class, Op.KeepCaps.class, Op.SetResUid.class, Op.CapsSet.class,
                Op.NoNewPrivs.class, Op.Execve.class), order);
        assertEquals((1L << 5) | (1L << 10), ops(plan, Op.CapsBounding.class).getFirst().keep());
        Op.CapsSet set = ops(plan, Op.CapsSet.class).getFirst();
        assertEquals(1L << 5, set.effective());
        assertEquals(0, set.ambient(), "not inheritable, so it cannot be ambient");
        assertEquals(0, set.inheritable());
    }

    @Test
    void noCapabilitiesMemberLeavesCapabilitiesAlone() throws Exception {
        assertTrue(ops(compile(minimal("", "", "")), Op.CapsSet.class).isEmpty());
    }

    @Test
    void readonlyThenMaskedPathsAfterThePivot() throws Exception {
        Plan plan = compile(minimal("", "", ",\"maskedPaths\":[\"/proc/kcore\"],\"readonlyPaths\":[\"/proc/sys\"]"));
        int pivot = plan.ops().indexOf(ops(plan, Op.PivotRoot.class).getFirst());
        Op.ReadonlyPath ro = ops(plan, Op.ReadonlyPath.class).getFirst();
        Op.MaskPath mask = ops(plan, Op.MaskPath.class).getFirst();
        assertTrue(pivot < plan.ops().indexOf(ro) && plan.ops().indexOf(ro) < plan.ops().indexOf(mask));
        assertEquals("/proc/kcore", mask.path());
        assertEquals("linux.maskedPaths[0]", mask.origin().path());
    }
}
