package io.jrunc.core.compile;

import static io.jrunc.core.compile.mounts.MountFlags.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupLayout;
import io.jrunc.core.compile.namespaces.CloneFlags;
import io.jrunc.core.compile.userns.UserNamespace;
import io.jrunc.core.host.MountInfo;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.spec.IdMapping;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecDefaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan for a container with a user namespace: order, sync point, ids, devices, mounts, setgroups. */
public class UserNamespacePlanTest {

    /** A host whose caller, mount table and /proc files a test chooses. */
    public static final class UsernsHost extends FakeHost {
        public final Map<String, List<String>> files = new HashMap<>();
        final List<String> mountLines = new ArrayList<>(List.of(
                "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw",
                "23 22 0:22 / /sys rw,nosuid,nodev,noexec,relatime - sysfs sysfs rw",
                "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                "32 31 0:29 / /sys/fs/cgroup/cpu rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,cpu",
                "33 31 0:30 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,memory",
                "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw",
                "50 22 0:40 / /srv ro,nosuid,nodev,relatime - tmpfs tmpfs rw"));

        public UsernsHost() {
            super(null, java.util.Set.of());
        }

        public UsernsHost caller(long uid, long gid) {
            files.put("/proc/self/status", List.of("Name:\tjava", "Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid,
                    "Gid:\t" + gid + "\t" + gid + "\t" + gid + "\t" + gid));
            return this;
        }

        @Override public MountInfo mounts() {
            return MountInfo.parse(mountLines);
        }


        @Override public List<String> readLines(Path path) {
            List<String> lines = files.get(path.toString());
            return lines != null ? lines : super.readLines(path);
        }
    }

    public static Plan compile(Spec spec, UsernsHost host) throws ConfigException {
        return PlanCompilerTest.compile(spec, false, 0, host);
    }

    static final String ALL_NAMESPACES = "pid network ipc mount user";

    /** A config with these new namespaces, a user namespace mapping 0..65535 to 100000.., and the extra members. */
    public static Spec userns(String namespaces, String process, String top, String linux) {
        String list = String.join(",", java.util.Arrays.stream(namespaces.split(" ")).map(t -> "{\"type\":\"" + t + "\"}").toList());
        return PlanCompilerTest.spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},
                 "process":{"args":["/bin/sh"],"cwd":"/","user":{"uid":0,"gid":0}%s}%s,
                 "linux":{"namespaces":[%s],
                  "uidMappings":[{"containerID":0,"hostID":100000,"size":65536}],
                  "gidMappings":[{"containerID":0,"hostID":100000,"size":65536}]%s}}
                """.formatted(process, top, list, linux));
    }

    public static Spec userns(String process, String top, String linux) {
        return userns(ALL_NAMESPACES, process, top, linux);
    }

    public static Spec userns() {
        return userns("", "", "");
    }

    public static <T extends Op> List<T> ops(Plan plan, Class<T> type) {
        return PlanCompilerTest.ops(plan, type);
    }

    public static int indexOf(Plan plan, java.util.function.Predicate<Op> p) {
        for (int i = 0; i < plan.ops().size(); i++) if (p.test(plan.ops().get(i))) return i;
        return -1;
    }

    static List<Op.Mount> mountsOf(Plan plan, String origin) {
        return ops(plan, Op.Mount.class).stream().filter(o -> o.origin().path().equals(origin)).toList();
    }

    @Test
    void newUserNamespaceIsUnsharedAloneThenSyncThenRootThenTheOthers() throws Exception {
        Plan plan = compile(userns(), new UsernsHost());
        List<Op.Unshare> unshares = ops(plan, Op.Unshare.class);
        assertEquals(2, unshares.size());
        assertEquals(CloneFlags.CLONE_NEWUSER, unshares.get(0).flags(), "the user namespace comes alone");
        assertEquals(0, unshares.get(1).flags() & CloneFlags.CLONE_NEWUSER);
        assertEquals(CloneFlags.CLONE_NEWPID | CloneFlags.CLONE_NEWNET | CloneFlags.CLONE_NEWIPC | CloneFlags.CLONE_NEWNS,
                unshares.get(1).flags());
        assertEquals("linux.namespaces[4]", unshares.get(0).origin().path());

        int user = indexOf(plan, op -> op instanceof Op.Unshare u && u.flags() == CloneFlags.CLONE_NEWUSER);
        List<Op> next = plan.ops().subList(user + 1, user + 6);
        assertEquals(SyncPoint.ID_MAPS.tag(), assertInstanceOf(Op.Sync.class, next.get(0)).tag());
        assertEquals(0, assertInstanceOf(Op.SetResGid.class, next.get(1)).gid(), "gid first, while it may still change");
        assertEquals(0, assertInstanceOf(Op.SetResUid.class, next.get(2)).uid());
        assertSame(unshares.get(1), next.get(3), "the other namespaces are created by root of the user namespace");
        assertInstanceOf(Op.Fork.class, next.get(4));
        assertEquals(1, userSyncs(plan).size());
    }

    @Test
    void withoutUserNamespaceNothingChanges() throws Exception {
        Plan plan = PlanCompilerTest.compile(PlanCompilerTest.minimal("", "", ""));
        assertTrue(userSyncs(plan).isEmpty());
        assertEquals(1, ops(plan, Op.Unshare.class).size());
        assertFalse(ops(plan, Op.Mknod.class).isEmpty(), "devices are made with mknod");
        assertEquals(1, ops(plan, Op.SetGroups.class).size());
    }

    @Test
    void rootInsideAUserNamespaceBindsDevicesEvenWithoutOneInTheConfig() throws Exception {
        UsernsHost host = new UsernsHost();
        host.files.put("/proc/self/uid_map", List.of("         0     100000      65536"));
        Plan plan = compile(PlanCompilerTest.minimal("", "", ""), host);
        assertTrue(ops(plan, Op.Mknod.class).isEmpty(), "mknod is not permitted outside the initial user namespace");
        assertTrue(userSyncs(plan).isEmpty(), "no user namespace of the container's own");
        host.files.put("/proc/self/uid_map", List.of("         0          0 4294967295"));
        assertFalse(ops(compile(PlanCompilerTest.minimal("", "", ""), host), Op.Mknod.class).isEmpty());
    }

    @Test
    void joinedUserNamespaceIsEnteredBeforeTheOtherNamespaces() throws Exception {
        UsernsHost host = new UsernsHost();
        host.files.put("/proc/42/uid_map", List.of("         0     100000      65536"));
        host.files.put("/proc/42/gid_map", List.of("         0     100000      65536"));
        Plan plan = compile(PlanCompilerTest.spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":1000,"gid":1000}},
                 "linux":{"namespaces":[{"type":"network","path":"/proc/42/ns/net"},{"type":"mount"},{"type":"user","path":"/proc/42/ns/user"}]}}"""),
                host);
        List<Op.SetNs> joins = ops(plan, Op.SetNs.class);
        assertEquals(List.of(CloneFlags.CLONE_NEWUSER, CloneFlags.CLONE_NEWNET), joins.stream().map(Op.SetNs::nstype).toList());
        assertEquals("linux.namespaces[2]", joins.getFirst().origin().path());
        assertTrue(userSyncs(plan).isEmpty(), "a joined namespace has its maps");
        int lastJoin = plan.ops().indexOf(joins.getLast());
        int root = indexOf(plan, op -> op instanceof Op.SetResUid u && u.uid() == 0);
        int unshare = indexOf(plan, op -> op instanceof Op.Unshare);
        assertTrue(lastJoin < root && root < unshare);
        assertEquals(CloneFlags.CLONE_NEWNS, ops(plan, Op.Unshare.class).getFirst().flags());
        assertFalse(ops(plan, Op.Mount.class).stream().noneMatch(m -> m.source().equals("/dev/null")), "devices are binds there too");
    }

    @Test
    void joinedUserNamespaceMapsComeFromTheProcessAndBoundTheIds() {
        UsernsHost host = new UsernsHost();
        host.files.put("/proc/42/uid_map", List.of("0 100000 1000"));
        host.files.put("/proc/42/gid_map", List.of("0 100000 65536"));
        ConfigException e = assertThrows(ConfigException.class, () -> compile(PlanCompilerTest.spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":1000,"gid":0}},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"user","path":"/proc/42/ns/user"}]}}"""), host));
        assertEquals("process.user.uid", e.path());
    }

    @Test
    void devicesAreBindsOfTheHostsNodes() throws Exception {
        Plan plan = compile(userns("", "", ",\"devices\":[{\"type\":\"c\",\"path\":\"/dev/fuse\",\"major\":10,\"minor\":229}]"),
                new UsernsHost());
        assertTrue(ops(plan, Op.Mknod.class).isEmpty(), "mknod is not permitted in a user namespace");
        List<Op.Mount> binds = ops(plan, Op.Mount.class).stream().filter(m -> m.source().startsWith("/dev/")).toList();
        assertEquals(List.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/fuse"),
                binds.stream().map(Op.Mount::target).toList());
        for (Op.Mount b : binds) {
            assertEquals(b.target(), b.source(), "the host's node of the same path");
            assertEquals(MS_BIND, b.flags());
            assertEquals(Op.Create.FILE, b.create());
        }
        assertEquals("linux.devices[0]", binds.getLast().origin().path());
    }

    @Test
    void aDeviceTheHostLacksIsRefusedByName() {
        FakeHost host = new FakeHost(java.util.Set.of("/bundle/rootfs"), java.util.Set.of("/dev/null", "/dev/zero", "/dev/full",
                "/dev/random", "/dev/urandom", "/dev/tty"));
        ConfigException e = assertThrows(ConfigException.class, () -> PlanCompilerTest.compile(
                userns("", "", ",\"devices\":[{\"type\":\"c\",\"path\":\"/dev/nothere\",\"major\":10,\"minor\":1}]"), false, 0, host));
        assertEquals("linux.devices[0]", e.path());
    }

    @Test
    void theContainersRootMustBeMapped() {
        ConfigException e = assertThrows(ConfigException.class, () -> compile(PlanCompilerTest.spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"user"}],
                  "uidMappings":[{"containerID":1,"hostID":100000,"size":10}],"gidMappings":[{"containerID":0,"hostID":100000,"size":10}]}}"""),
                new UsernsHost()));
        assertEquals("linux.uidMappings", e.path());
        assertTrue(e.getMessage().contains("no root uid mapping"), e.getMessage());
    }

    @Test
    void unmappedProcessIdsAreRefusedBeforeAnythingRuns() {
        ConfigException uid = assertThrows(ConfigException.class, () -> compile(userns(",\"user\":{\"uid\":70000,\"gid\":0}", "", ""), new UsernsHost()));
        assertEquals("process.user.uid", uid.path());
        ConfigException gid = assertThrows(ConfigException.class,
                () -> compile(userns(",\"user\":{\"uid\":0,\"gid\":0,\"additionalGids\":[10,70000]}", "", ""), new UsernsHost()));
        assertEquals("process.user.additionalGids[1]", gid.path());
    }

    @Test
    void mappingsWithoutUserNamespaceAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> compile(PlanCompilerTest.minimal("", "",
                ",\"uidMappings\":[{\"containerID\":0,\"hostID\":1,\"size\":1}]"), new UsernsHost()));
        assertEquals("linux.uidMappings", e.path());
    }

    @Test
    void rootlessNeedsAUserNamespace() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> compile(PlanCompilerTest.minimal("", "", ""), new UsernsHost().caller(1000, 1000)));
        assertEquals("linux.namespaces", e.path());
        assertTrue(e.getMessage().contains("rootless container requires user namespaces"), e.getMessage());
    }

    @Test
    void rootlessWithItsOwnIdsDeniesSetgroupsAndSkipsIt() throws Exception {
        UsernsHost host = new UsernsHost().caller(1000, 1001);
        Spec spec = SpecDefaults.rootless(1000, 1001, false);
        UserNamespace ns = UserNamespace.of(spec, host);
        assertTrue(ns.rootless());
        assertTrue(ns.denySetgroups());
        assertFalse(ns.uidMapNeedsTool(), "a map of the caller's own uid is written directly");
        assertFalse(ns.gidMapNeedsTool());
        Plan plan = compile(spec, host);
        assertTrue(ops(plan, Op.SetGroups.class).isEmpty(), "setgroups is denied in the namespace: not called");
        assertEquals(CloneFlags.CLONE_NEWUSER, ops(plan, Op.Unshare.class).getFirst().flags());
    }

    @Test
    void rootlessAdditionalGroupsNeedSetgroups() {
        UsernsHost host = new UsernsHost().caller(1000, 1001);
        Spec spec = PlanCompilerTest.spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0,"additionalGids":[0]}},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"user"}],
                  "uidMappings":[{"containerID":0,"hostID":1000,"size":1}],"gidMappings":[{"containerID":0,"hostID":1001,"size":1}]}}""");
        ConfigException e = assertThrows(ConfigException.class, () -> compile(spec, host));
        assertEquals("process.user.additionalGids", e.path());
    }

    @Test
    void rootlessWithMoreRangesUsesTheToolsAndKeepsSetgroups() throws Exception {
        UsernsHost host = new UsernsHost().caller(1000, 1001);
        Spec spec = PlanCompilerTest.spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":1000,"gid":1000,"additionalGids":[5]}},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"pid"},{"type":"user"}],
                  "uidMappings":[{"containerID":0,"hostID":1000,"size":1},{"containerID":1,"hostID":200000,"size":65536}],
                  "gidMappings":[{"containerID":0,"hostID":1001,"size":1},{"containerID":1,"hostID":200000,"size":65536}]}}""");
        UserNamespace ns = UserNamespace.of(spec, host);
        assertFalse(ns.denySetgroups());
        assertTrue(ns.uidMapNeedsTool());
        assertTrue(ns.gidMapNeedsTool());
        assertEquals(List.of(5L), ops(compile(spec, host), Op.SetGroups.class).getFirst().gids());
    }

    @Test
    void rootWritesTheMapsItselfAndAllowsSetgroups() throws Exception {
        UserNamespace ns = UserNamespace.of(userns(), new UsernsHost());
        assertFalse(ns.rootless());
        assertFalse(ns.denySetgroups());
        assertFalse(ns.uidMapNeedsTool());
        assertFalse(ns.gidMapNeedsTool());
        assertEquals("0 100000 65536\n", UserNamespace.mapText(ns.uidMappings()));
        assertEquals(100005, ns.hostGid(5).orElseThrow());
        assertTrue(ns.hostUid(65536).isEmpty());
    }

    @Test
    void mapFilesParse() {
        assertEquals(List.of(new IdMapping(0, 1000, 1), new IdMapping(1, 200000, 65536)),
                UserNamespace.parseMap(List.of("         0       1000          1", "         1     200000      65536")));
    }

    @Test
    void sysfsWithoutItsOwnNetworkNamespaceIsTheHostsBoundRecursively() throws Exception {
        Spec spec = userns("", ",\"mounts\":[{\"destination\":\"/sys\",\"type\":\"sysfs\",\"source\":\"sysfs\",\"options\":[\"nosuid\",\"noexec\",\"nodev\",\"ro\"]}]", "");
        assertEquals("sysfs", mountsOf(compile(spec, new UsernsHost()), "mounts[0]").getFirst().fstype(), "with a netns: sysfs");

        Spec noNet = userns("pid ipc mount user", "", ",\"mounts\":[{\"destination\":\"/sys\",\"type\":\"sysfs\",\"source\":\"sysfs\",\"options\":[\"nosuid\",\"noexec\",\"nodev\",\"ro\"]}]", "");
        List<Op.Mount> m = mountsOf(compile(noNet, new UsernsHost()), "mounts[0]");
        assertEquals("/sys", m.get(0).source());
        assertEquals(MS_BIND | MS_REC, m.get(0).flags());
        assertEquals(MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, m.get(1).flags());
    }

    @Test
    void bindRemountsKeepTheFlagsTheKernelLocks() throws Exception {
        // /srv is "ro,nosuid,nodev" on the host: in a user namespace the remount must keep them.
        Spec spec = userns("", ",\"mounts\":[{\"destination\":\"/data\",\"type\":\"bind\",\"source\":\"/srv/data\",\"options\":[\"rbind\",\"noexec\"]}]", "");
        List<Op.Mount> m = mountsOf(compile(spec, new UsernsHost()), "mounts[0]");
        assertEquals(MS_BIND | MS_REMOUNT | MS_NOEXEC | MS_RDONLY | MS_NOSUID | MS_NODEV, m.get(1).flags());

        Spec clears = userns("", ",\"mounts\":[{\"destination\":\"/data\",\"type\":\"bind\",\"source\":\"/srv/data\",\"options\":[\"rbind\",\"noexec\",\"dev\"]}]", "");
        assertEquals(MS_BIND | MS_REMOUNT | MS_NOEXEC | MS_RDONLY | MS_NOSUID, mountsOf(compile(clears, new UsernsHost()), "mounts[0]").get(1).flags(),
                "an explicit \"dev\" is not overridden: the kernel refuses it and the error names the mount");

        Spec rootful = PlanCompilerTest.minimal("", ",\"mounts\":[{\"destination\":\"/data\",\"type\":\"bind\",\"source\":\"/srv/data\",\"options\":[\"rbind\",\"noexec\"]}]", "");
        assertEquals(MS_BIND | MS_REMOUNT | MS_NOEXEC, mountsOf(compile(rootful, new UsernsHost()), "mounts[0]").get(1).flags(),
                "without a user namespace only what the config says");
    }

    @Test
    void cgroupHierarchyBindsKeepLockedFlags() throws Exception {
        Spec spec = userns("", ",\"mounts\":[{\"destination\":\"/sys/fs/cgroup\",\"type\":\"cgroup\",\"source\":\"cgroup\",\"options\":[\"ro\"]}]", "");
        List<Op.Mount> m = mountsOf(compile(spec, new UsernsHost()), "mounts[0]");
        Op.Mount cpuRemount = m.stream().filter(o -> o.target().equals("/sys/fs/cgroup/cpu") && (o.flags() & MS_REMOUNT) != 0).findFirst().orElseThrow();
        assertEquals(MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, cpuRemount.flags());
    }

    @Test
    void cgroup2WithoutCgroupNamespaceIsBound() throws Exception {
        UsernsHost host = new UsernsHost();
        host.mountLines.clear();
        host.mountLines.addAll(List.of("22 1 0:21 / / rw,relatime - ext4 /dev/vda rw",
                "31 22 0:28 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw"));
        Spec spec = userns("", ",\"mounts\":[{\"destination\":\"/sys/fs/cgroup\",\"type\":\"cgroup\",\"source\":\"cgroup\",\"options\":[\"ro\",\"relatime\"]}]", "");
        List<Op.Mount> m = mountsOf(compile(spec, host), "mounts[0]");
        assertEquals("/sys/fs/cgroup", m.get(0).source());
        assertEquals(MS_BIND, m.get(0).flags());
        assertEquals(MS_BIND | MS_REMOUNT | MS_RDONLY | MS_RELATIME | MS_NOSUID | MS_NODEV | MS_NOEXEC, m.get(1).flags());

        Spec cgroupns = userns("pid network ipc mount cgroup user", "", ",\"mounts\":[{\"destination\":\"/sys/fs/cgroup\",\"type\":\"cgroup\",\"source\":\"cgroup\"}]", "");
        assertEquals("cgroup2", mountsOf(compile(cgroupns, host), "mounts[0]").getFirst().fstype(), "its own cgroup namespace: mounted");
    }

    @Test
    void mqueueWithoutItsOwnIpcNamespace() throws Exception {
        String json = """
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "mounts":[{"destination":"/dev/mqueue","type":"mqueue","source":"mqueue","options":["nosuid","noexec","nodev"]}],
                 "linux":{"namespaces":[{"type":"mount"},{"type":"user"}],
                  "uidMappings":[{"containerID":0,"hostID":100000,"size":65536}],"gidMappings":[{"containerID":0,"hostID":100000,"size":65536}]}}""";
        UsernsHost host = new UsernsHost();
        ConfigException e = assertThrows(ConfigException.class, () -> compile(PlanCompilerTest.spec(json), host));
        assertEquals("mounts[0]", e.path());
        assertTrue(e.getMessage().contains("ipc"), e.getMessage());

        host.mountLines.add("60 22 0:50 / /dev/mqueue rw,nosuid,nodev,noexec,relatime - mqueue mqueue rw");
        List<Op.Mount> m = mountsOf(compile(PlanCompilerTest.spec(json), host), "mounts[0]");
        assertEquals("/dev/mqueue", m.get(0).source());
        assertEquals(MS_BIND | MS_REC, m.get(0).flags());
    }

    @Test
    void readonlyRootKeepsTheRootfsMountsLockedFlags() throws Exception {
        UsernsHost host = new UsernsHost();
        host.mountLines.add("70 22 0:60 / /bundle rw,nosuid,nodev,relatime - tmpfs tmpfs rw");
        Spec spec = PlanCompilerTest.spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs","readonly":true},"process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}},
                 "linux":{"namespaces":[{"type":"mount"},{"type":"user"}],
                  "uidMappings":[{"containerID":0,"hostID":100000,"size":65536}],"gidMappings":[{"containerID":0,"hostID":100000,"size":65536}]}}""");
        Op.Mount ro = mountsOf(compile(spec, host), "root.readonly").getFirst();
        assertEquals(MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC | MS_NOSUID | MS_NODEV, ro.flags());
    }

    /** The SYNC ops other than the one every create plan has after READY (SyncPoint.RECORDED.tag()). */
    private static List<Op.Sync> userSyncs(Plan plan) {
        return ops(plan, Op.Sync.class).stream().filter(s -> s.tag() != SyncPoint.RECORDED.tag()).toList();
    }
}
