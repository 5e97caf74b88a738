package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime run by an unprivileged user ({@link TestUser}) on a rootfs that user owns, with the config its own
 * {@code spec --rootless} writes: a user namespace mapping the user to root, maps written by the parent, setgroups
 * denied, cgroups the user cannot create left out with a warning, and more id ranges through newuidmap/newgidmap.
 */
class RootlessTest extends ItBase {
    private TestUser user;
    private OciRuntime asUser;

    @BeforeEach
    void runAsTheTestUser() throws Exception {
        HostFeatures.assumeUserNamespaces();
        user = TestUser.ensure();
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        asUser = otherRuntime(user.wrapper(work, Env.binary(), "-u", "XDG_RUNTIME_DIR"), "user");
        user.own(asUser.work());
    }

    /** A busybox + probe bundle the user owns, with the config of {@code spec --rootless} run as the user. */
    private Bundle rootlessBundle(String name) throws Exception {
        Bundle b = Bundle.create(rt, asUser.work().resolve(name));
        Files.delete(b.dir.resolve("config.json"));
        user.own(b.dir);
        OciRuntime.Result spec = asUser.run(OciRuntime.Opts.defaults().cwd(b.dir), "spec", "--rootless");
        assertEquals(0, spec.exitCode(), spec::describe);
        ObjectNode rootless = (ObjectNode) JSON.readTree(Files.readString(b.dir.resolve("config.json")));
        b.config().removeAll();
        b.config().setAll(rootless);
        return b.terminal(false).args("probe", "all").write();
    }

    private static String mapLine(long container, long host, long size) {
        return container + " " + host + " " + size;
    }

    private static String squeeze(String s) {
        return s.trim().replaceAll("\\s+", " ");
    }

    @Test
    void specRootlessMapsTheUserToRoot() throws Exception {
        Bundle b = rootlessBundle("b");
        JsonNode linux = b.config().path("linux");
        assertEquals(List.of(user.uid, 0L, 1L), List.of(linux.path("uidMappings").get(0).path("hostID").asLong(),
                linux.path("uidMappings").get(0).path("containerID").asLong(), linux.path("uidMappings").get(0).path("size").asLong()));
        assertEquals(user.gid, linux.path("gidMappings").get(0).path("hostID").asLong());
        assertTrue(b.namespaceTypes().contains("user"));
        assertTrue(!b.namespaceTypes().contains("network"), "an unprivileged user cannot set up a network namespace");
    }

    @Test
    void runsAsTheUserWithRootInside() throws Exception {
        Bundle b = rootlessBundle("b").readonlyRoot(false).args("probe", "ids", "ns", "read", "/proc/self/uid_map", "read", "/proc/self/gid_map",
                "read", "/proc/self/setgroups", "write", "/root/made-inside", "mounts");
        OciRuntime.Result r = run(asUser, b, newId("rl"));
        assertEquals(0, r.exitCode(), r::describe);
        Probe p = Probe.parse(r.stdout());
        assertEquals("0", p.need("uid"));
        assertEquals("0", p.need("gid"));
        assertEquals(mapLine(0, user.uid, 1), squeeze(p.need("read./proc/self/uid_map")));
        assertEquals(mapLine(0, user.gid, 1), squeeze(p.need("read./proc/self/gid_map")));
        assertEquals("deny", p.need("read./proc/self/setgroups"), "an unprivileged gid_map needs setgroups denied");
        assertNotEquals(Env.hostNamespace("user"), p.need("ns.user"));
        assertEquals(Env.hostNamespace("net"), p.need("ns.net"));
        assertEquals("ok", p.need("write./root/made-inside"));
        assertEquals((int) user.uid, Files.getAttribute(b.rootfs.resolve("root/made-inside"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertTrue(p.mount("/sys").opts().contains("ro"), "the host's /sys, bound read-only");
        assertTrue(p.mount("/dev/null").type().equals("devtmpfs"), "devices are the host's nodes");
    }

    @Test
    void lifecycleWorksAsTheUserAndTheProcessIsTheUsersOnTheHost() throws Exception {
        Bundle b = rootlessBundle("b").args("probe", "trap");
        String id = newId("life");
        OciRuntime.Result c = create(asUser, b, id);
        assertEquals(0, c.exitCode(), c::describe);
        assertEquals("created", asUser.status(id));
        assertEquals(0, asUser.run("start", id).exitCode());
        Wait.until(SHORT, () -> c.stdoutNow().contains("trap=ready"), () -> "probe output: " + c.stdoutNow());
        long pid = asUser.state(id).path("pid").asLong();
        assertEquals(user.uid, UserNamespaceTest.statusId(pid, "Uid"), "the container's root is the user outside");
        assertEquals(Files.readAllLines(Path.of("/proc/self/cgroup")), Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")),
                "without delegated cgroups it stays in the caller's");
        assertEquals(0, asUser.run("kill", id, "USR1").exitCode());
        asUser.awaitStatus(id, "stopped", SHORT);
        assertTrue(c.stdoutNow().contains("caught=10"), c.stdoutNow());
        assertEquals(0, asUser.run("delete", id).exitCode());
        assertTrue(!Files.exists(asUser.root().resolve(id)));
    }

    @Test
    void cgroupsItCannotCreateAreSkippedWithAWarningAndNoneInTheState() throws Exception {
        Bundle b = rootlessBundle("b").args("probe", "sleep", "30");
        String id = newId("cg");
        b.write();
        asUser.track(id);
        OciRuntime.Result c = asUser.run(OciRuntime.Opts.defaults().globals("--debug"), "create", "--bundle", b.dir.toString(), id);
        assertEquals(0, c.exitCode(), c::describe);
        assertTrue(asUser.logLines().stream().anyMatch(l -> l.path("level").asText().equals("warning")
                && l.path("msg").asText().contains("rootless: no permission to create cgroups")), "warning in the log: " + asUser.logLines());
        JsonNode state = JSON.readTree(Files.readString(asUser.root().resolve(id).resolve("state.json")));
        assertEquals(0, state.path("cgroups").size(), "no cgroup recorded: " + state);
        assertEquals(List.of(), HostFs.cgroupDirs("/" + id), "no cgroup directory made");
        assertEquals(0, asUser.run("delete", "--force", id).exitCode());
    }

    @Test
    void moreRangesGoThroughNewuidmapAndNewgidmap() throws Exception {
        Assumptions.assumeTrue(TestUser.hasMappingTools(), "newuidmap/newgidmap not installed (Debian package uidmap)");
        Bundle b = rootlessBundle("b").readonlyRoot(false).user(1000, 1000, 5);
        for (String key : List.of("uidMappings", "gidMappings")) {
            long own = key.startsWith("uid") ? user.uid : user.gid;
            ArrayNode maps = b.linux().putArray(key);
            maps.addObject().put("containerID", 0).put("hostID", own).put("size", 1);
            maps.addObject().put("containerID", 1).put("hostID", TestUser.SUB_START).put("size", TestUser.SUB_COUNT);
        }
        b.args("sh", "-c", "cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups; probe ids write /tmp/by-1000");
        OciRuntime.Result r = run(asUser, b, newId("ranges"));
        assertEquals(0, r.exitCode(), r::describe);
        List<String> lines = r.stdout().lines().map(RootlessTest::squeeze).toList();
        assertEquals(List.of(mapLine(0, user.uid, 1), mapLine(1, TestUser.SUB_START, TestUser.SUB_COUNT),
                mapLine(0, user.gid, 1), mapLine(1, TestUser.SUB_START, TestUser.SUB_COUNT), "allow"), lines.subList(0, 5));
        Probe p = Probe.parse(r.stdout());
        assertEquals("1000", p.need("uid"));
        assertEquals("5", p.need("groups"), "setgroups is allowed when newgidmap wrote the map");
        assertEquals("ok", p.need("write./tmp/by-1000"));
        assertEquals((int) (TestUser.SUB_START + 999), Files.getAttribute(b.rootfs.resolve("tmp/by-1000"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void additionalGroupsNeedSetgroupsWhichASingleMapDenies() throws Exception {
        Bundle b = rootlessBundle("b").user(0, 0, 0);
        OciRuntime.Result r = create(asUser, b, newId("groups"));
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("process.user.additionalGids") && r.stderr().contains("rootless"), r.describe());
    }

    @Test
    void defaultRootIsTheUsersRuntimeDirElseAPrivateTmpDirectory() throws Exception {
        Bundle b = rootlessBundle("b").args("probe", "exit", "0");
        Path xdg = asUser.work().resolve("xdg");
        Files.createDirectories(xdg);
        user.own(xdg);
        Path tmpRoot = Path.of("/tmp/jrunc-" + user.uid);
        for (Path expected : List.of(xdg.resolve("jrunc"), tmpRoot)) {
            Path wrapper = expected.startsWith(xdg) ? user.wrapper(work, Env.binary(), "XDG_RUNTIME_DIR=" + xdg)
                    : user.wrapper(work, Env.binary(), "-u", "XDG_RUNTIME_DIR");
            OciRuntime noRoot = new OciRuntime(wrapper, work.resolve("calls-" + expected.getFileName()));
            OciRuntime.Opts opts = OciRuntime.Opts.defaults().noGlobals();
            String id = newId("root");
            try {
                OciRuntime.Result c = noRoot.run(opts, "create", "--bundle", b.dir.toString(), id);
                assertEquals(0, c.exitCode(), c::describe);
                assertTrue(Files.isDirectory(expected.resolve(id)), "state under " + expected);
                assertEquals((int) user.uid, Files.getAttribute(expected, "unix:uid", LinkOption.NOFOLLOW_LINKS));
            } finally {
                noRoot.run(opts, "delete", "--force", id);
            }
            assertTrue(!Files.exists(expected.resolve(id)));
        }
    }
}
