package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user namespace created (or joined) by root: container ids 0..65535 are host ids 100000..165535, the rootfs
 * belongs to the mapped root, devices are the host's nodes bound in, and the mounts a user namespace cannot make
 * (sysfs without a network namespace, bind remounts that would clear locked flags) still work.
 */
class UserNamespaceTest extends ItBase {
    static final long BASE = 100000;
    static final long SIZE = 65536;

    @BeforeEach
    void reachableByTheMappedRoot() throws Exception {
        HostFeatures.assumeUserNamespaces();
        // The mapped root (host uid 100000) has to walk down to the rootfs, as with runc.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
    }

    /** A bundle in a new user namespace mapping 0..65535 to BASE.., its rootfs owned by the mapped root. */
    Bundle mapped(String name) {
        return mapped(bundle(name), true);
    }

    static Bundle mapped(Bundle b, boolean withMaps) {
        b.namespace("user", null);
        if (withMaps) {
            for (String key : List.of("uidMappings", "gidMappings")) {
                ArrayNode maps = b.linux().putArray(key);
                maps.addObject().put("containerID", 0).put("hostID", BASE).put("size", SIZE);
            }
        }
        TestUser.chown(b.rootfs, BASE, BASE);
        return b;
    }

    static long statusId(long pid, String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key + ":")) return Long.parseLong(line.split("\\s+")[1]);
        }
        throw new AssertionError("no " + key + " in /proc/" + pid + "/status");
    }

    @Test
    void idsInsideAreRootAndOutsideTheMappedIds() throws Exception {
        Bundle b = mapped("b").args("probe", "ids", "ns", "read", "/proc/self/uid_map", "read", "/proc/self/gid_map",
                "read", "/proc/self/setgroups", "sleep", "30");
        String id = newId("ids");
        OciRuntime.Result c = createAndStart(b, id);
        Wait.until(SHORT, () -> c.stdoutNow().contains("read./proc/self/setgroups="), () -> "probe output: " + c.stdoutNow());
        Probe p = Probe.parse(c.stdoutNow());
        assertEquals("0", p.need("uid"));
        assertEquals("0", p.need("gid"));
        assertEquals(List.of("0", String.valueOf(BASE), String.valueOf(SIZE)), List.of(p.need("read./proc/self/uid_map").trim().split("\\s+")));
        assertEquals(List.of("0", String.valueOf(BASE), String.valueOf(SIZE)), List.of(p.need("read./proc/self/gid_map").trim().split("\\s+")));
        assertEquals("allow", p.need("read./proc/self/setgroups"), "root wrote the maps: setgroups stays allowed");
        assertNotEquals(Env.hostNamespace("user"), p.need("ns.user"));

        long pid = rt.state(id).path("pid").asLong();
        assertEquals(BASE, statusId(pid, "Uid"), "the host sees the mapped uid");
        assertEquals(BASE, statusId(pid, "Gid"));
        assertEquals(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/user")).toString(), p.need("ns.user"));
    }

    @Test
    void rootfsOwnedByTheMappedRootIsTheContainersOwn() throws Exception {
        Bundle b = mapped("b").readonlyRoot(false);
        Probe p = probe(b, "stat", "/", "stat", "/root", "write", "/root/made-inside", "write", "/etc/passwd");
        assertTrue(p.need("stat./").contains("uid=0 gid=0"), "root of the container owns its rootfs: " + p.need("stat./"));
        assertEquals("ok", p.need("write./root/made-inside"));
        assertEquals("ok", p.need("write./etc/passwd"));
        Path made = b.rootfs.resolve("root/made-inside");
        assertEquals((int) BASE, Files.getAttribute(made, "unix:uid", LinkOption.NOFOLLOW_LINKS), "created as the mapped root");
        assertEquals((int) BASE, Files.getAttribute(made, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void processUserAndGroupsAreMappedToo() {
        Bundle b = mapped("b").user(1000, 1000, 5, 10);
        Probe p = probe(b, "ids", "read", "/proc/self/setgroups");
        assertEquals("1000", p.need("uid"));
        assertEquals("1000", p.need("gid"));
        assertEquals("5,10", p.need("groups"), "setgroups works where root wrote the maps");
    }

    @Test
    void unmappedProcessUserIsRefusedByName() {
        Bundle b = mapped("b").user(70000, 0);
        OciRuntime.Result r = create(b, newId("unmapped"));
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("process.user.uid") && r.stderr().contains("unmapped"), r.describe());
    }

    @Test
    void devicesAreTheHostsNodesBoundIn() {
        Probe p = probe(mapped("b"), "stat", "/dev/null", "stat", "/dev/zero", "stat", "/dev/tty", "write", "/dev/null",
                "read", "/dev/zero", "mounts");
        // The host's own nodes: host root is not mapped, so they show the overflow ids.
        assertTrue(p.need("stat./dev/null").matches("type=c mode=0666 uid=65534 gid=65534 major=1 minor=3"), p.need("stat./dev/null"));
        assertTrue(p.need("stat./dev/zero").endsWith("major=1 minor=5"));
        assertTrue(p.need("stat./dev/tty").endsWith("major=5 minor=0"));
        assertEquals("ok", p.need("write./dev/null"));
        assertEquals("devtmpfs", p.mount("/dev/null").type(), "bound from the host's /dev");
    }

    @Test
    void execFifoBelongsToTheContainersRootAndStateDirIsSearchable() throws Exception {
        Bundle b = mapped("b").user(1000, 1000).args("probe", "ids");
        String id = newId("fifo");
        OciRuntime.Result c = createOk(b, id);
        Path dir = rt.root().resolve(id);
        Path fifo = dir.resolve("exec.fifo");
        assertEquals((int) BASE, Files.getAttribute(fifo, "unix:uid", LinkOption.NOFOLLOW_LINKS), "chowned to the mapped root, as runc");
        assertEquals((int) BASE, Files.getAttribute(fifo, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        assertEquals("rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(0, rt.run("start", id).exitCode());
        awaitStopped(id);
        assertEquals("1000", Probe.parse(c.stdoutNow()).need("uid"), "a non-root container user got through the fifo");
    }

    @Test
    void sysfsWithoutItsOwnNetworkNamespaceIsTheHostsBoundReadOnly() {
        Bundle b = mapped("b").removeNamespace("network");
        Probe p = probe(b, "ns", "mounts", "stat", "/sys/kernel");
        assertEquals(Env.hostNamespace("net"), p.need("ns.net"));
        Probe.Mount sys = p.mount("/sys");
        assertEquals("sysfs", sys.type());
        for (String flag : List.of("ro", "nosuid", "nodev", "noexec")) assertTrue(sys.opts().contains(flag), flag + " in " + sys);
        assertTrue(sys.superOpts().contains("rw"), "the host's sysfs (its superblock is rw), bound read-only: " + sys);
        assertTrue(p.need("stat./sys/kernel").startsWith("type=d"), "the host's sysfs tree is there: " + p.need("stat./sys/kernel"));
    }

    @Test
    void mqueueWithoutItsOwnIpcNamespaceIsRefusedWithTheReason() {
        Assumptions.assumeFalse(HostFs.mountinfoLines().stream().anyMatch(l -> l.contains(" /dev/mqueue ")),
                "the host has /dev/mqueue, which would be bound instead");
        Bundle b = mapped("b").removeNamespace("ipc");
        OciRuntime.Result r = create(b, newId("mq"));
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("mqueue") && r.stderr().contains("ipc"), r.describe());
    }

    @Test
    void bindRemountKeepsTheFlagsTheKernelLocks() throws Exception {
        Path locked = work.resolve("locked");
        Files.createDirectories(locked);
        assertEquals(0, HostFs.sh("mount", "-t", "tmpfs", "-o", "nosuid,nodev,noexec,mode=0755", "jrit-locked", locked.toString()));
        Files.writeString(locked.resolve("file"), "from the host\n");
        Bundle b = mapped("b").addMount("/data", "bind", locked.toString(), "bind", "ro");
        Probe p = probe(b, "mounts", "read", "/data/file", "write", "/data/new");
        Probe.Mount data = p.mount("/data");
        for (String flag : List.of("ro", "nosuid", "nodev", "noexec")) assertTrue(data.opts().contains(flag), flag + " in " + data);
        assertEquals("from the host", p.need("read./data/file"));
        assertEquals("err:EROFS", p.need("write./data/new"));
    }

    @Test
    void joinsAnExistingUserNamespaceThroughItsPath() throws Exception {
        Bundle owner = mapped("owner").args("probe", "sleep", "60");
        String ownerId = newId("owner");
        createAndStart(owner, ownerId);
        long pid = rt.state(ownerId).path("pid").asLong();
        String userns = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/user")).toString();

        // No maps in the config: a joined namespace has its own, read from the process.
        Bundle joiner = mapped(bundle("joiner"), false).readonlyRoot(false);
        joiner.namespace("user", "/proc/" + pid + "/ns/user");
        Probe p = probe(joiner, "ns", "ids", "read", "/proc/self/uid_map", "write", "/root/joined");
        assertEquals(userns, p.need("ns.user"), "joined the owner's user namespace");
        assertEquals("0", p.need("uid"));
        assertEquals(List.of("0", String.valueOf(BASE), String.valueOf(SIZE)), List.of(p.need("read./proc/self/uid_map").trim().split("\\s+")));
        assertEquals("ok", p.need("write./root/joined"));
        assertEquals((int) BASE, Files.getAttribute(joiner.rootfs.resolve("root/joined"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void sameAsRunc() {
        Assumptions.assumeTrue(Env.runc().isPresent(), "runc not installed");
        Assumptions.assumeFalse(Env.binaryIsRunc(), "the runtime under test is runc itself");
        OciRuntime runc = otherRuntime(Env.runc().get(), "runc");
        String[] probeArgs = {"probe", "ids", "ns", "read", "/proc/self/uid_map", "read", "/proc/self/gid_map", "read",
                "/proc/self/setgroups", "stat", "/", "stat", "/dev/null", "stat", "/dev/urandom", "stat", "/root"};
        Map<String, String> seen = new java.util.TreeMap<>();
        for (OciRuntime r : List.of(runc, rt)) {
            Bundle b = mapped(bundle(r, "bundle"), true).user(1000, 1000, 5).args(probeArgs);
            OciRuntime.Result res = run(r, b, newId(r == rt ? "jrunc" : "runc"));
            assertEquals(0, res.exitCode(), res::describe);
            seen.put(r == rt ? "jrunc" : "runc", SideBySideTest.normalize(res.stdout(), r));
        }
        assertEquals(seen.get("runc"), seen.get("jrunc"));
    }
}
