package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resource limits on this machine's real cgroups (hybrid: v1 controllers plus cgroup2 at
 * /sys/fs/cgroup/unified): each limit is checked in the cgroup files and, where a process can run
 * into it, by running into it (a fork loop at pids.max, an allocation OOM-killed at the memory
 * limit, huge pages past hugetlb's); pause really stops a counter; update changes a running
 * container; Docker's resources config is applied; events, ps and delete work through the cgroups.
 */
class CgroupsTest extends ItBase {

    @BeforeEach
    void hybridHost() {
        assumeTrue(CgroupFiles.hybrid(), "these tests read the v1 and cgroup2 files of a hybrid host");
    }

    private static ObjectNode resources(Bundle b) {
        return b.linux().withObject("/resources");
    }

    private static List<String> values(String output, String key) {
        List<String> out = new ArrayList<>();
        for (String l : output.split("\n")) if (l.startsWith(key + "=")) out.add(l.substring(key.length() + 1));
        return out;
    }

    private static String last(String output, String key) {
        List<String> v = values(output, key);
        return v.isEmpty() ? null : v.getLast();
    }

    private OciRuntime.Result ok(String... args) {
        OciRuntime.Result r = rt.run(args);
        assertEquals(0, r.exitCode(), r::describe);
        return r;
    }

    private String lastLoggedError() {
        List<JsonNode> lines = rt.logLines();
        for (int i = lines.size() - 1; i >= 0; i--) if ("error".equals(lines.get(i).path("level").asText())) return lines.get(i).path("msg").asText();
        return "";
    }

    @Test
    void memoryLimitIsWrittenAndAnAllocationPastItIsOomKilledAndReportedByEvents() throws Exception {
        // The allocation starts once `events` is watching (its first stats line says so).
        HostFeatures.assumeSwapAccounting();
        Bundle b = bundle().args("sh", "-c", "while [ ! -e /tmp/go ]; do sleep 0.05; done; exec probe alloc 64");
        resources(b).putObject("memory").put("limit", 16 << 20).put("swap", 16 << 20);
        String id = newId("oom");
        OciRuntime.Result c = createAndStart(b, id);
        CgroupFiles cg = new CgroupFiles(id);
        assertEquals(Long.toString(16 << 20), cg.read("memory", "memory.limit_in_bytes"));
        assertEquals(Long.toString(16 << 20), cg.read("memory", "memory.memsw.limit_in_bytes"), "swap is memory+swap on v1");
        OciRuntime.Spawned events = rt.spawn(OciRuntime.Opts.defaults(), "events", "--interval", "200ms", id);
        events.awaitStdout("{\"type\":\"stats\"", SHORT);
        Files.writeString(b.rootfs.resolve("tmp/go"), "");
        awaitStopped(id);
        assertTrue(cg.read("memory", "memory.oom_control").matches("(?s).*oom_kill [1-9].*"), cg.read("memory", "memory.oom_control"));
        String out = c.stdoutNow();
        assertFalse(out.contains("alloc.done"), "the allocation did not get through: " + out);
        assertTrue(Integer.parseInt(last(out, "alloc")) < 16, "killed before 16 MiB: " + out);
        events.awaitStdout("{\"type\":\"oom\",\"id\":\"" + id + "\"}", SHORT);
        ok("delete", id);
        OciRuntime.Result e = events.await(SHORT);
        assertEquals(0, e.exitCode(), "events ends by itself when the container's cgroup is removed: " + e.describe());
    }

    @Test
    void pidsLimitStopsAForkLoop() {
        Bundle b = bundle().args("probe", "forkloop", "50");
        resources(b).putObject("pids").put("limit", 10);
        String id = newId("pids");
        OciRuntime.Result c = createAndStart(b, id);
        awaitStopped(id);
        assertEquals("10", new CgroupFiles(id).read("pids", "pids.max"));
        String out = c.stdoutNow();
        assertEquals("EAGAIN", last(out, "fork.err"), out);
        assertEquals("9", last(out, "forked"), "the probe plus 9 children make 10: " + out);
        ok("delete", id);
    }

    @Test
    void pauseFreezesTheContainerAndResumeThawsIt() {
        String id = newId("pause");
        OciRuntime.Result c = createAndStart(bundle().args("probe", "count"), id);
        Wait.until(SHORT, () -> values(c.stdoutNow(), "count").size() > 3, "counting");
        ok("pause", id);
        assertEquals("paused", rt.status(id));
        assertEquals("FROZEN", new CgroupFiles(id).read("freezer", "freezer.state"));
        int frozenAt = values(c.stdoutNow(), "count").size();
        sleep(600);
        assertEquals(frozenAt, values(c.stdoutNow(), "count").size(), "no count while paused");
        OciRuntime.Result again = rt.run("pause", id);
        assertEquals(1, again.exitCode());
        assertEquals("container not running", lastLoggedError());
        ok("resume", id);
        assertEquals("running", rt.status(id));
        Wait.until(SHORT, () -> values(c.stdoutNow(), "count").size() > frozenAt + 3, "counting again after resume");
        assertEquals(1, rt.run("resume", id).exitCode());
        assertEquals("container not paused", lastLoggedError());
    }

    @Test
    void aCreatedContainerCanBePausedResumedAndStarted() {
        String id = newId("pausecreated");
        createOk(bundle().args("probe", "echo", "started"), id);
        ok("pause", id);
        assertEquals("paused", rt.status(id));
        ok("resume", id);
        assertEquals("created", rt.status(id));
        ok("start", id);
        awaitStopped(id);
    }

    @Test
    void deleteForceOfAPausedContainerKillsItAndRemovesItsCgroups() {
        String id = newId("delpaused");
        createAndStart(bundle().args("probe", "count"), id);
        long pid = rt.state(id).path("pid").asLong();
        ok("pause", id);
        OciRuntime.Result refused = rt.run("delete", id);
        assertEquals(1, refused.exitCode());
        assertTrue(lastLoggedError().contains("not stopped: paused"), lastLoggedError());
        CgroupFiles cg = new CgroupFiles(id);
        List<String> hierarchies = List.of("memory", "pids", "freezer", "cpu", "devices", "unified");
        for (String h : hierarchies) assertTrue(cg.exists(h), h + " cgroup exists while the container does");
        ok("delete", "--force", id);
        Wait.until(SHORT, () -> !alive(pid), "the frozen init got SIGKILL once thawed");
        for (String h : hierarchies) assertFalse(cg.exists(h), h + " cgroup removed by delete");
    }

    @Test
    void sigkillToAPausedContainerThawsItSoItDies() {
        String id = newId("killpaused");
        createAndStart(bundle().args("probe", "count"), id);
        ok("pause", id);
        ok("kill", id, "KILL");
        awaitStopped(id);
    }

    @Test
    void updateChangesTheLimitsOfARunningContainer() throws Exception {
        HostFeatures.assumeSwapAccounting();
        Bundle b = bundle().args("sh", "-c", "while [ ! -e /tmp/go ]; do sleep 0.1; done; probe forkloop 20; sleep 60");
        resources(b).putObject("memory").put("limit", 64 << 20);
        resources(b).putObject("pids").put("limit", 100);
        String id = newId("update");
        OciRuntime.Result c = createAndStart(b, id);
        ok("update", "--memory", "32m", "--memory-swap", "64M", "--memory-reservation", "16m", "--cpu-share", "512",
                "--cpu-quota", "20000", "--cpu-period", "50000", "--pids-limit", "5", "--cpuset-cpus", "0", id);
        CgroupFiles cg = new CgroupFiles(id);
        assertEquals(Long.toString(32 << 20), cg.read("memory", "memory.limit_in_bytes"));
        assertEquals(Long.toString(64 << 20), cg.read("memory", "memory.memsw.limit_in_bytes"));
        assertEquals(Long.toString(16 << 20), cg.read("memory", "memory.soft_limit_in_bytes"));
        assertEquals("512", cg.read("cpu", "cpu.shares"));
        assertEquals("20000", cg.read("cpu", "cpu.cfs_quota_us"));
        assertEquals("50000", cg.read("cpu", "cpu.cfs_period_us"));
        assertEquals("5", cg.read("pids", "pids.max"));
        assertEquals("0", cg.read("cpuset", "cpuset.cpus"));
        Files.writeString(b.rootfs.resolve("tmp/go"), "");
        Wait.until(SHORT, () -> last(c.stdoutNow(), "forked") != null, "the fork loop ran");
        assertTrue(Integer.parseInt(last(c.stdoutNow(), "forked")) < 5, "the new pids limit stops it: " + c.stdoutNow());
        assertEquals("EAGAIN", last(c.stdoutNow(), "fork.err"));

        // The shim's form: a linux.resources document on stdin; unlimited memory lifts memsw too.
        Path doc = work.resolve("update.json");
        Files.writeString(doc, "{\"memory\":{\"limit\":-1},\"pids\":{\"limit\":20},\"cpu\":{\"shares\":256}}");
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().stdin(doc), "update", "--resources", "-", id);
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("9223372036854771712", cg.read("memory", "memory.limit_in_bytes"));
        assertEquals("9223372036854771712", cg.read("memory", "memory.memsw.limit_in_bytes"));
        assertEquals("20", cg.read("pids", "pids.max"));
        assertEquals("256", cg.read("cpu", "cpu.shares"));

        OciRuntime.Result below = rt.run("update", "--memory", "100k", id);
        assertEquals(1, below.exitCode());
        assertTrue(lastLoggedError().contains("unable to set memory limit to 102400 (current usage: "), lastLoggedError());
        OciRuntime.Result bad = rt.run("update", "--memory", "abc", id);
        assertEquals(1, bad.exitCode());
        assertEquals("invalid value for memory: invalid size: 'abc'", lastLoggedError());
    }

    @Test
    void dockersResourcesConfigIsApplied() throws Exception {
        HostFeatures.assumeSwapAccounting(); // Docker's --memory sets a memory+swap limit too
        JsonNode docker = JSON.readTree(Env.moduleDir().resolve("../test-fixtures/docker/resources.json")
                .normalize().toFile());
        Bundle b = bundle().args("probe", "sleep", "30");
        b.linux().set("resources", docker.path("linux").path("resources").deepCopy());
        String id = newId("docker");
        // Docker's own path is /docker/<64 hex>; an absolute path of the same form, unique to this test.
        String path = "/jrit-docker/" + id;
        b.cgroupsPath(path);
        try {
            createAndStart(b, id);
            CgroupFiles cg = new CgroupFiles(path);
            assertEquals("67108864", cg.read("memory", "memory.limit_in_bytes"));
            assertEquals("134217728", cg.read("memory", "memory.memsw.limit_in_bytes"));
            assertEquals("50000", cg.read("cpu", "cpu.cfs_quota_us"));
            assertEquals("100000", cg.read("cpu", "cpu.cfs_period_us"));
            assertEquals("1024", cg.read("cpu", "cpu.shares"), "shares 0 leaves the default");
            assertEquals("0", cg.read("cpuset", "cpuset.cpus"));
            assertEquals("50", cg.read("pids", "pids.max"));
            String devices = cg.read("devices", "devices.list");
            assertTrue(devices.contains("c 5:1 rwm"), devices);
            assertFalse(devices.contains("c 10:229"), "Docker denies /dev/fuse: " + devices);
            assertFalse(devices.contains("a *:* rwm"), devices);
            ok("delete", "--force", id);
            assertFalse(cg.exists("memory"));
        } finally {
            rt.run("delete", "--force", id);
            HostFs.removeCgroups("/jrit-docker");
        }
    }

    @Test
    void oneMebibyteOfMemoryIsEnoughToRunTrue() throws Exception {
        HostFeatures.assumeSwapAccounting();
        Bundle b = bundle().args("true");
        resources(b).putObject("memory").put("limit", 1 << 20).put("swap", 1 << 20);
        String id = newId("tiny");
        createOk(b, id);
        // What waits in a created container is the init helper alone: its RSS, and all the cgroup was charged for.
        long pid = rt.state(id).path("pid").asLong();
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        assertTrue(rss.find(), status);
        assertTrue(Long.parseLong(rss.group(1)) < 256, "the waiting init's RSS is " + rss.group(1) + " kB");
        CgroupFiles cg = new CgroupFiles(id);
        assertTrue(Long.parseLong(cg.read("memory", "memory.max_usage_in_bytes")) < 1 << 20, cg.read("memory", "memory.max_usage_in_bytes"));
        ok("start", id);
        awaitStopped(id);
        assertEquals("0", cg.read("memory", "memory.failcnt"), "never hit the limit");
        ok("delete", id);
        Bundle again = bundle("again").args("true");
        resources(again).putObject("memory").put("limit", 1 << 20).put("swap", 1 << 20);
        OciRuntime.Result r = run(again, newId("tinyrun"));
        assertEquals(0, r.exitCode(), "run too: " + r.describe());
    }

    @Test
    void cpuCpusetAndBlockIoThrottleFiles() {
        HostFeatures.assumeCfsBurst();
        HostFeatures.assumeRtGroupScheduling();
        HostFeatures.assumeBlockDevice(254, 0);
        Bundle b = bundle().args("probe", "sleep", "30");
        ObjectNode cpu = resources(b).putObject("cpu");
        cpu.put("shares", 512).put("quota", 20000).put("period", 50000).put("burst", 1000).put("realtimePeriod", 1000000)
                .put("realtimeRuntime", 1000).put("cpus", "0").put("mems", "0").put("idle", 0);
        ObjectNode io = resources(b).putObject("blockIO");
        io.putArray("throttleReadBpsDevice").addObject().put("major", 254).put("minor", 0).put("rate", 1048576);
        io.putArray("throttleWriteIOPSDevice").addObject().put("major", 254).put("minor", 0).put("rate", 100);
        String id = newId("cpuio");
        createAndStart(b, id);
        CgroupFiles cg = new CgroupFiles(id);
        assertEquals("512", cg.read("cpu", "cpu.shares"));
        assertEquals("20000", cg.read("cpu", "cpu.cfs_quota_us"));
        assertEquals("50000", cg.read("cpu", "cpu.cfs_period_us"));
        assertEquals("1000", cg.read("cpu", "cpu.cfs_burst_us"));
        assertEquals("1000000", cg.read("cpu", "cpu.rt_period_us"));
        assertEquals("1000", cg.read("cpu", "cpu.rt_runtime_us"));
        assertEquals("0", cg.read("cpuset", "cpuset.cpus"));
        assertEquals("254:0 1048576", cg.read("blkio", "blkio.throttle.read_bps_device"));
        assertEquals("254:0 100", cg.read("blkio", "blkio.throttle.write_iops_device"));
    }

    /** The weight file of the scheduler the host has: blkio.bfq.weight (BFQ) or blkio.weight (CFQ). */
    private static String blkioWeightFile() {
        return Files.exists(CgroupFiles.MOUNT.resolve("blkio/blkio.bfq.weight")) ? "blkio.bfq.weight" : "blkio.weight";
    }

    @Test
    void blockIoWeightIsWrittenAndUpdated() {
        HostFeatures.assumeBlkioWeight();
        Bundle b = bundle().args("probe", "sleep", "30");
        resources(b).putObject("blockIO").put("weight", 500);
        String id = newId("ioweight");
        createAndStart(b, id);
        CgroupFiles cg = new CgroupFiles(id);
        assertEquals("500", cg.read("blkio", blkioWeightFile()));
        ok("update", "--blkio-weight", "300", id);
        assertEquals("300", cg.read("blkio", blkioWeightFile()));
    }

    @Test
    void blockIoWeightWithoutAWeightedSchedulerIsRefusedNamingTheField() {
        assumeFalse(HostFeatures.blkioWeight(), "blkio weight present: this test checks the error where it is absent");
        Bundle b = bundle().args("true");
        resources(b).putObject("blockIO").put("weight", 500);
        String id = newId("noweight");
        assertEquals(1, create(b, id).exitCode());
        assertTrue(lastLoggedError().startsWith("linux.resources.blockIO.weight: no blkio.weight or blkio.bfq.weight in "), lastLoggedError());
        assertTrue(lastLoggedError().endsWith("(the I/O scheduler has no weights: use bfq)"), lastLoggedError());
        assertFalse(Files.exists(rt.root().resolve(id)), "no state left");
        assertFalse(new CgroupFiles(id).exists("blkio"), "no cgroup left");

        String running = newId("noweightupd");
        createAndStart(bundle("upd").args("probe", "sleep", "30"), running);
        assertEquals(1, rt.run("update", "--blkio-weight", "300", running).exitCode());
        assertTrue(lastLoggedError().startsWith("linux.resources.blockIO.weight: no blkio.weight or blkio.bfq.weight in "), lastLoggedError());
    }

    @Test
    void hugetlbGoesToTheCgroup2SideOfThisHybridHost() throws Exception {
        HostFeatures.assumeHugetlbInCgroup2();
        Path nr = Path.of("/proc/sys/vm/nr_hugepages");
        String before = Files.readString(nr).trim();
        try {
            Files.writeString(nr, "4");
            assumeTrue(Integer.parseInt(Files.readString(nr).trim()) >= 2, "could not reserve two huge pages");
            Bundle b = bundle().args("probe", "hugealloc", "1", "hugealloc", "2");
            resources(b).putArray("hugepageLimits").addObject().put("pageSize", "2MB").put("limit", 2 << 20);
            String id = newId("huge");
            OciRuntime.Result c = createAndStart(b, id);
            awaitStopped(id);
            assertEquals(Long.toString(2 << 20), new CgroupFiles(id).read("unified", "hugetlb.2MB.max"));
            assertEquals(List.of("ok", "err:ENOMEM"), values(c.stdoutNow(), "hugealloc"), "one page fits the limit, two do not");
            ok("delete", id);
        } finally {
            Files.writeString(nr, before);
        }
    }

    @Test
    void unifiedEntriesGoToTheCgroup2Side() {
        Bundle b = bundle().args("probe", "sleep", "30");
        resources(b).putObject("unified").put("cgroup.max.descendants", "3");
        String id = newId("unified");
        createAndStart(b, id);
        assertEquals("3", new CgroupFiles(id).read("unified", "cgroup.max.descendants"));

        Bundle bad = bundle("bad").args("true");
        resources(bad).putObject("unified").put("pids.max", "3");
        String badId = newId("unifiedbad");
        assertEquals(1, create(bad, badId).exitCode());
        assertEquals("linux.resources.unified[\"pids.max\"]: can't be set: controller \"pids\" not available", lastLoggedError());
    }

    @Test
    void aFieldThisHostCannotApplyIsNamedAndNothingIsLeftBehind() {
        assumeFalse(HostFeatures.netCls(), "net_cls present: this test checks the error where it is absent");
        Bundle b = bundle().args("true");
        resources(b).putObject("network").put("classID", 1048577);
        String id = newId("netcls");
        assertEquals(1, create(b, id).exitCode());
        assertTrue(lastLoggedError().startsWith("linux.resources.network.classID: the net_cls cgroup controller is"), lastLoggedError());
        assertFalse(Files.exists(rt.root().resolve(id)), "no state left");
        assertFalse(new CgroupFiles(id).exists("memory"), "no cgroup left");
    }

    @Test
    void leafWeightWithoutCfqIsRefusedNamingTheField() {
        assumeFalse(Files.exists(CgroupFiles.MOUNT.resolve("blkio/blkio.leaf_weight")),
                "blkio leaf weight present (CFQ): this test checks the error where it is absent");
        Bundle leaf = bundle("leaf").args("true");
        resources(leaf).putObject("blockIO").put("leafWeight", 500);
        assertEquals(1, create(leaf, newId("leaf")).exitCode());
        assertTrue(lastLoggedError().startsWith("linux.resources.blockIO.leafWeight: leaf weights are not supported by this kernel"),
                lastLoggedError());
    }

    @Test
    void kernelMemoryIsIgnoredWithRuncsWarning() {
        HostFeatures.assumeKmemFiles();
        Bundle b = bundle().args("true");
        resources(b).putObject("memory").put("kernel", 10 << 20).put("kernelTCP", 10 << 20);
        String id = newId("kmem");
        OciRuntime.Result r = create(b, id);
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(rt.logLines().stream().anyMatch(l -> "warning".equals(l.path("level").asText())
                && l.path("msg").asText().equals("Kernel memory settings are ignored and will be removed")), rt.logLines().toString());
        assertNotEquals(Long.toString(10 << 20), new CgroupFiles(id).read("memory", "memory.kmem.limit_in_bytes"));
    }

    @Test
    void theDevicesControllerEnforcesTheRules() {
        // A block device a container may not open unless allowed: loop0 (7:0); reading an unbound one gives nothing.
        assumeTrue(Files.exists(Path.of("/dev/loop0")), "needs /dev/loop0 (7:0)");
        Bundle b = bundle().args("probe", "read", "/dev/it-disk", "read", "/dev/it-zero");
        b.addDevice("/dev/it-disk", "b", 7, 0, 0600, 0, 0);
        b.addDevice("/dev/it-zero", "c", 1, 5, 0666, 0, 0);
        Probe denied = probe(b, "read", "/dev/it-disk", "read", "/dev/it-zero");
        assertEquals("err:EPERM", denied.need("read./dev/it-disk"), "a node is no permission: the cgroup denies the disk");
        assertTrue(denied.need("read./dev/it-zero").isEmpty(), "/dev/zero (1:5) is on runc's built-in list");

        Bundle allowed = bundle("allowed");
        allowed.addDevice("/dev/it-disk", "b", 7, 0, 0600, 0, 0);
        resources(allowed).withArray("/devices").addObject().put("allow", true).put("type", "b").put("major", 7).put("minor", 0)
                .put("access", "r");
        Probe ok = probe(allowed, "read", "/dev/it-disk");
        assertFalse(ok.need("read./dev/it-disk").startsWith("err:"), "allowed for reading: " + ok.raw);
    }

    @Test
    void eventsPrintsStatsOnceOrEveryIntervalUntilTheContainerIsGone() throws Exception {
        Bundle b = bundle().args("probe", "sleep", "30");
        resources(b).putObject("memory").put("limit", 64 << 20);
        resources(b).putObject("pids").put("limit", 42);
        String id = newId("events");
        createAndStart(b, id);
        OciRuntime.Result once = ok("events", "--stats", id);
        JsonNode e = JSON.readTree(once.stdout());
        assertEquals("stats", e.path("type").asText());
        assertEquals(id, e.path("id").asText());
        assertEquals(64 << 20, e.path("data").path("memory").path("usage").path("limit").asLong());
        assertEquals(42, e.path("data").path("pids").path("limit").asInt());
        assertEquals(1, e.path("data").path("pids").path("current").asInt());
        assertTrue(e.path("data").path("network_interfaces").isNull());

        OciRuntime.Spawned stream = rt.spawn(OciRuntime.Opts.defaults(), "events", "--interval", "300ms", id);
        Wait.until(SHORT, () -> stream.stdoutNow().split("\n").length >= 2, () -> "two stats lines: " + stream.stdoutNow());
        ok("delete", "--force", id);
        OciRuntime.Result ended = stream.await(SHORT);
        assertEquals(0, ended.exitCode(), ended.describe());
        for (String line : ended.stdout().split("\n")) assertEquals("stats", JSON.readTree(line).path("type").asText());

        String stopped = newId("eventsstopped");
        createAndStart(bundle("quick").args("true"), stopped);
        awaitStopped(stopped);
        assertEquals(1, rt.run("events", "--stats", stopped).exitCode());
        assertEquals("container with id " + stopped + " is not running", lastLoggedError());
        assertEquals(1, rt.run("events", "--interval", "0", stopped).exitCode());
        assertEquals("duration interval must be greater than 0", lastLoggedError());
    }

    @Test
    void psListsTheContainersProcesses() throws Exception {
        String id = newId("ps");
        OciRuntime.Result c = createAndStart(bundle().args("sh", "-c", "probe count > /dev/null & probe count > /dev/null & wait"), id);
        Wait.until(SHORT, () -> new CgroupFiles(id).read("pids", "cgroup.procs").split("\n").length == 3, "three processes");
        JsonNode pids = JSON.readTree(ok("ps", "--format", "json", id).stdout());
        assertEquals(3, pids.size(), pids.toString());
        String procs = new CgroupFiles(id).read("pids", "cgroup.procs");
        for (JsonNode p : pids) assertTrue(procs.contains(p.asText()), p + " is in the container's cgroup: " + procs);

        String table = ok("ps", id).stdout();
        String[] lines = table.split("\n");
        assertTrue(lines[0].matches("UID\\s+PID\\s+PPID\\s+C\\s+STIME\\s+TTY\\s+TIME\\s+CMD"), table);
        assertEquals(4, lines.length, table);

        String custom = ok("ps", id, "-o", "pid,comm").stdout();
        Matcher m = Pattern.compile("(?m)^\\s*(\\d+) (\\S+)$").matcher(custom);
        int n = 0;
        while (m.find()) n++;
        assertEquals(3, n, custom);
        assertEquals(1, rt.run("ps", "--format", "xml", id).exitCode());
        assertEquals("invalid format option", lastLoggedError());
        assertEquals(1, rt.run("ps", id, "-o", "comm").exitCode());
        assertEquals("couldn't find PID field in ps output", lastLoggedError());
    }

    @Test
    void killAllThroughTheCgroupEmptiesIt() {
        String id = newId("killall");
        createAndStart(bundle().args("sh", "-c", "probe count > /dev/null & probe count > /dev/null & wait"), id);
        Wait.until(SHORT, () -> new CgroupFiles(id).read("pids", "cgroup.procs").split("\n").length == 3, "three processes");
        ok("kill", "--all", id, "KILL");
        awaitStopped(id);
        Wait.until(SHORT, () -> new CgroupFiles(id).read("pids", "cgroup.procs").isEmpty(), "the cgroup is empty");
    }
}
