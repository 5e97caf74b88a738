package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * runtime-spec config-linux.md: every namespace is optional ("If a namespace type is not specified in the
 * namespaces array, the container MUST inherit the runtime namespace of that type") and may be joined by path.
 *
 * <p>Without a mount namespace the config's mounts land in the runtime's (here: the test JVM's, the host's) mount
 * namespace, below the rootfs. These tests check that they are all gone after delete, delete --force and a failed
 * create, and that the host's own mounts are untouched. runc is not run side by side for those: it makes the
 * host's {@code /} rslave and leaves its mounts behind, which would disturb this host. Containers without a network
 * namespace share the host's: they start no server.
 */
class OptionalNamespacesTest extends ItBase {
    static final String MARKER = "optional-ns-marker";

    /** The bundle's config with none of these namespace types, and nothing that needs a mount namespace. */
    private Bundle without(String hint, String... types) throws Exception {
        Bundle b = bundle(hint);
        for (String t : types) b.removeNamespace(t);
        b.linux().remove("maskedPaths");
        b.linux().remove("readonlyPaths");
        if (!b.namespaceTypes().contains("uts")) b.noHostname();
        Files.writeString(b.rootfs.resolve(MARKER), "in the rootfs\n");
        return b;
    }

    private static final List<String> ALL = List.of("pid", "network", "ipc", "uts", "mount", "cgroup", "user", "time");

    /**
     * The host's mounts, without those other tests and engines running at the same time make and remove (their
     * work dirs under /tmp, /run, Docker's and containerd's directories). The host's /, /proc, /sys, /dev and cgroup
     * mounts are in it, with their propagation.
     */
    static List<String> hostMounts() {
        List<String> out = new ArrayList<>();
        for (String line : HostFs.mountinfoLines()) {
            String[] f = line.split(" ");
            String mp = HostFs.unescape(f[4]);
            if (mp.startsWith("/tmp/") || mp.startsWith("/run/") || mp.startsWith("/var/lib/docker")
                    || mp.startsWith("/var/lib/containerd")) continue;
            out.add(line);
        }
        return out;
    }

    private void assertNoMountLeft(Bundle b, List<String> hostBefore) {
        assertEquals(List.of(), HostFs.mountsMentioning(b.dir), "no mount of the container left on the host");
        assertEquals(hostBefore, hostMounts(), "the host's own mounts are as they were");
    }

    @Test
    void noNamespacesAtAllRunsInTheRuntimesNamespaces() throws Exception {
        Bundle b = without("none", ALL.toArray(String[]::new));
        assertEquals(List.of(), b.namespaceTypes());
        List<String> before = hostMounts();
        Probe p = probe(b, "ns", "pid", "cwd", "stat", "/" + MARKER);
        for (String t : Env.HOST_NAMESPACES) assertEquals(Env.hostNamespace(t), p.need("ns." + t), t + " is the host's");
        assertNotEquals("1", p.need("pid"), "the host's pid namespace: not pid 1");
        assertTrue(p.need("stat./" + MARKER).startsWith("type=f"), "the process's root is the rootfs: " + p.raw);
        assertEquals("/", p.need("cwd"));
        assertNoMountLeft(b, before);
    }

    @Test
    void withoutAMountNamespaceTheMountsAreMadeSeenAndRemovedAtDelete() throws Exception {
        Bundle b = without("nomnt", "mount").args("probe", "ns", "mounts", "stat", "/" + MARKER, "sleep", "60");
        List<String> before = hostMounts();
        String id = newId("c");
        OciRuntime.Result c = createAndStart(b, id);
        Wait.until(SHORT, () -> c.stdoutNow().contains("stat./" + MARKER), c::stdoutNow);
        Probe p = Probe.parse(c.stdoutNow());
        assertEquals(Env.hostNamespace("mnt"), p.need("ns.mnt"), "the host's mount namespace");
        assertNotEquals(Env.hostNamespace("pid"), p.need("ns.pid"));
        assertTrue(p.need("stat./" + MARKER).startsWith("type=f"), p.raw);
        // the config's mounts are in the host's namespace, below the rootfs, and nowhere else
        List<String> mounts = HostFs.mountsMentioning(b.rootfs);
        assertTrue(mounts.stream().anyMatch(l -> l.contains(" " + b.rootfs + "/proc ")), String.join("\n", mounts));
        assertTrue(mounts.stream().anyMatch(l -> l.contains(" " + b.rootfs + "/dev ")), String.join("\n", mounts));
        // exec gets the container's root too (the init's chroot)
        OciRuntime.Result e = rt.run("exec", id, "probe", "stat", "/" + MARKER, "ns");
        assertEquals(0, e.exitCode(), e::describe);
        assertTrue(Probe.parse(e.stdout()).need("stat./" + MARKER).startsWith("type=f"), e.stdout());
        rt.run("kill", id, "KILL");
        awaitStopped(id);
        OciRuntime.Result d = rt.run("delete", id);
        assertEquals(0, d.exitCode(), d::describe);
        assertNoMountLeft(b, before);
        assertFalse(Files.exists(rt.root().resolve(id)));
    }

    @Test
    void deleteForceOfARunningContainerLeavesNoMount() throws Exception {
        Bundle b = without("force", "mount", "pid").args("probe", "sleep", "60").terminal(false);
        List<String> before = hostMounts();
        String id = newId("f");
        createAndStart(b, id);
        int made = HostFs.mountsMentioning(b.rootfs).size();
        assertTrue(made >= 5, "proc, dev, dev/pts, dev/shm, dev/mqueue, sys, cgroups: " + made);
        long pid = rt.state(id).path("pid").asLong();
        OciRuntime.Result d = rt.run("delete", "--force", id);
        assertEquals(0, d.exitCode(), d::describe);
        assertNoMountLeft(b, before);
        Wait.until(SHORT, () -> !alive(pid), () -> "init " + pid + " is gone");
        assertFalse(Files.exists(rt.root().resolve(id)));
    }

    @Test
    void aReadonlyRootWithoutAMountNamespaceIsReadOnlyAndUnmountedAfter() throws Exception {
        Bundle b = without("ro", "mount").readonlyRoot(true);
        List<String> before = hostMounts();
        b.args("sh", "-c", "touch /x 2>/dev/null && echo wrote || echo readonly; touch /tmp/y 2>/dev/null || echo tmp-ro");
        OciRuntime.Result r = run(b, newId("r"));
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains("readonly"), r.describe());
        assertFalse(Files.exists(b.rootfs.resolve("x")));
        assertTrue(Files.isWritable(b.rootfs), "the host's view of the rootfs stays writable");
        assertNoMountLeft(b, before);
    }

    @Test
    void aFailedCreateWithoutAMountNamespaceLeavesNothing() throws Exception {
        Bundle b = without("fail", "mount").args("probe", "sleep", "60");
        // the config's other mounts are made before this one fails
        b.addMount("/zz-bogus", "no-such-fstype", "none");
        assertNothingLeftAfterFailing(b, "(/zz-bogus): mount: No such device");
    }

    @Test
    void whatNeedsAMountNamespaceIsRefusedByFieldAndNothingIsLeft() throws Exception {
        refused("masked", b -> b.linux().putArray("maskedPaths").add("/proc/kcore"), "linux.maskedPaths: ");
        refused("rdonly", b -> b.linux().putArray("readonlyPaths").add("/proc/sys"), "linux.readonlyPaths: ");
        refused("both", b -> {
            b.linux().putArray("maskedPaths").add("/proc/kcore");
            b.linux().putArray("readonlyPaths").add("/proc/sys");
        }, "linux.maskedPaths, linux.readonlyPaths: cannot be applied without a mount namespace");
        refused("prop", b -> b.rootfsPropagation("rprivate"), "linux.rootfsPropagation: ");
        refused("host", b -> b.hostname("nouts").removeNamespace("uts"), "hostname: ");
    }

    private void refused(String hint, Consumer<Bundle> change, String message) throws Exception {
        Bundle b = without(hint, "mount").args("probe", "sleep", "60");
        change.accept(b);
        assertNothingLeftAfterFailing(b, message);
    }

    private void assertNothingLeftAfterFailing(Bundle b, String message) throws Exception {
        String id = newId("x");
        String cg = "/" + id + "-cg";
        b.cgroupsPath(cg);
        List<String> before = hostMounts();
        try {
            OciRuntime.Result r = create(b, id);
            assertEquals(1, r.exitCode(), r::describe);
            assertTrue(r.stderr().contains(message), "message names the field: " + message + "\n" + r.describe());
            assertFalse(Files.exists(rt.root().resolve(id)), "no state dir");
            assertEquals(List.of(), HostFs.cgroupDirs(cg), "no cgroup");
            Wait.until(SHORT, () -> HostFs.processesRootedUnder(b.rootfs).isEmpty(), () -> "no process: " + HostFs.processesRootedUnder(b.rootfs));
            assertNoMountLeft(b, before);
        } finally {
            HostFs.removeCgroups(cg);
        }
    }

    @Test
    void withoutAPidNamespaceTheContainerSeesTheHostsPidsLikeRunc() throws Exception {
        Bundle b = without("nopid", "pid").args("probe", "ns", "pid", "sleep", "60");
        String id = newId("p");
        OciRuntime.Result c = createAndStart(b, id);
        Wait.until(SHORT, () -> c.stdoutNow().contains("pid="), c::stdoutNow);
        Probe p = Probe.parse(c.stdoutNow());
        assertEquals(Env.hostNamespace("pid"), p.need("ns.pid"));
        assertEquals(rt.state(id).path("pid").asText(), p.need("pid"), "the pid it sees is its host pid");
        assertNotEquals(Env.hostNamespace("mnt"), p.need("ns.mnt"));
        OciRuntime.Result d = rt.run("delete", "--force", id);
        assertEquals(0, d.exitCode(), d::describe);

        Path runc = Env.runc().orElse(null);
        if (runc != null) {
            OciRuntime other = otherRuntime(runc, "runc");
            Bundle rb = bundle(other, "runc-nopid");
            rb.removeNamespace("pid").args("probe", "ns", "pid");
            OciRuntime.Result rr = run(other, rb, "runc-" + newId("p"));
            assertEquals(0, rr.exitCode(), rr::describe);
            assertEquals(Env.hostNamespace("pid"), Probe.parse(rr.stdout()).need("ns.pid"), "runc: the host's too");
            assertNotEquals("1", Probe.parse(rr.stdout()).need("pid"));
        }
    }

    @Test
    void aNetworkNamespaceMadeByIpNetnsIsJoinedByPath() throws Exception {
        String name = "jrit-" + Long.toHexString(System.nanoTime());
        assumeTrue(HostFs.sh("ip", "netns", "add", name) == 0, "ip netns add works on this host");
        try {
            Path path = Path.of("/run/netns", name);
            Bundle b = bundle("netns").namespace("network", path.toString());
            Probe p = probe(b, "ns");
            // a bind-mounted nsfs file, not a link: its inode is the namespace's number
            assertEquals("net:[" + Files.getAttribute(path, "unix:ino") + "]", p.need("ns.net"));
            assertNotEquals(Env.hostNamespace("net"), p.need("ns.net"));
        } finally {
            HostFs.sh("ip", "netns", "delete", name);
        }
    }

    /**
     * Every other type joined by path from one {@code unshare} process: user, uts, ipc, cgroup and mount as its
     * own, pid and time as its children's ({@code pid_for_children}, {@code time_for_children}). The joined mount
     * namespace is pivoted in as a new one would be (as runc does); the host's mounts are not touched.
     */
    @Test
    void everyOtherNamespaceTypeIsJoinedByPath() throws Exception {
        boolean time = Files.exists(Path.of("/proc/self/ns/time"));
        List<String> cmd = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--uts", "--ipc", "--cgroup",
                "--pid", "--fork", "--kill-child", "--mount", "--propagation", "private"));
        if (time) cmd.add("--time");
        cmd.addAll(List.of("sleep", "60"));
        Process owner = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("unshare.out").toFile()).start();
        List<String> before = hostMounts();
        try {
            Path ns = Path.of("/proc/" + owner.pid() + "/ns");
            Wait.until(SHORT, () -> !nsOf(ns.resolve("user")).equals(Env.hostNamespace("user"))
                    && !nsOf(ns.resolve("pid_for_children")).equals(Env.hostNamespace("pid")), () -> "unshare is set up");
            Map<String, String> joined = new java.util.LinkedHashMap<>(Map.of("user", "user", "uts", "uts", "ipc", "ipc",
                    "cgroup", "cgroup", "mount", "mnt", "pid", "pid_for_children"));
            if (time) joined.put("time", "time_for_children");
            Bundle b = bundle("joined").noHostname();
            for (var e : joined.entrySet()) b.namespace(e.getKey(), ns.resolve(e.getValue()).toString());
            b.namespace("network", null);
            b.linux().remove("uidMappings");
            b.linux().remove("gidMappings");
            // Only root is mapped in that user namespace: no gid=5 on devpts; its ipc namespace is joined, not
            // created, so no fresh mqueue either.
            b.removeMount("/dev/mqueue");
            for (JsonNode m : b.config().withArray("/mounts")) {
                if (!"/dev/pts".equals(m.path("destination").asText())) continue;
                for (Iterator<JsonNode> it = ((ObjectNode) m).withArray("/options").iterator(); it.hasNext(); ) {
                    if (it.next().asText().startsWith("gid=")) it.remove();
                }
            }
            Files.writeString(b.rootfs.resolve(MARKER), "in the rootfs\n");
            Probe p = probe(b, "ns", "stat", "/" + MARKER);
            for (var e : joined.entrySet()) {
                String probeKey = e.getKey().equals("mount") ? "mnt" : e.getKey();
                assertEquals(nsOf(ns.resolve(e.getValue())), p.need("ns." + probeKey), e.getKey() + " joined");
            }
            assertTrue(p.need("stat./" + MARKER).startsWith("type=f"), p.raw);
            assertEquals(before, hostMounts(), "the host's mounts are untouched");
            assertEquals(List.of(), HostFs.mountsMentioning(b.dir));
        } finally {
            owner.destroyForcibly();
            owner.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** runtime-spec: "The runtime MUST generate an error if path is not associated with a namespace of type type." */
    @Test
    void aPathToANamespaceOfAnotherTypeOrToNoNamespaceIsAnError() throws Exception {
        for (String path : List.of("/proc/self/ns/uts", "/etc/hostname")) {
            Bundle b = bundle("wrong" + (path.length() % 7)).namespace("network", path).args("probe", "sleep", "60");
            String id = newId("w");
            String cg = "/" + id + "-cg";
            b.cgroupsPath(cg);
            try {
                OciRuntime.Result r = create(b, id);
                assertEquals(1, r.exitCode(), r::describe);
                assertTrue(r.stderr().contains("(network " + path + "): setns " + path + ": Invalid argument"), r.describe());
                assertFalse(Files.exists(rt.root().resolve(id)), "no state dir");
                assertEquals(List.of(), HostFs.cgroupDirs(cg), "no cgroup");
                assertEquals(List.of(), HostFs.mountsMentioning(b.dir));
            } finally {
                HostFs.removeCgroups(cg);
            }
        }
    }

    private static String nsOf(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (java.io.IOException e) {
            return "err:" + e.getMessage();
        }
    }
}
