package io.jrunc.core.cgroup;

import io.jrunc.sys.Syscalls;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.driver.CgroupDrivers;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jrunc.core.cgroup.v1.V1OomWatch;
import io.jrunc.spec.DeviceRule;
import io.jrunc.spec.HugepageLimit;
import io.jrunc.spec.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The v2 logic against the real kernel, on this host's cgroup2 mount (/sys/fs/cgroup/unified on a
 * hybrid host, /sys/fs/cgroup on a pure v2 one): the eBPF device filter really refuses devices,
 * the freezer really stops a process, hugetlb limits land; and the v1 OOM watch notices removal.
 * Needs root; skipped elsewhere. Each test uses its own cgroup, removed afterwards.
 */
class KernelCgroupTest {
    private Path v2Root;
    private Path cgroup;
    private Process shell;

    @BeforeEach
    void needsRootAndCgroup2() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        v2Root = List.of(Path.of("/sys/fs/cgroup/unified"), Path.of("/sys/fs/cgroup")).stream()
                .filter(p -> Files.exists(p.resolve("cgroup.controllers"))).findFirst().orElse(null);
        assumeTrue(v2Root != null, "no cgroup2 mount");
        cgroup = Files.createDirectory(v2Root.resolve("jrunc-unit-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24))));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (shell != null) {
            shell.destroyForcibly();
            shell.waitFor(5, TimeUnit.SECONDS);
        }
        if (cgroup != null) {
            if (Files.exists(cgroup.resolve("cgroup.freeze"))) Files.writeString(cgroup.resolve("cgroup.freeze"), "0");
            for (int i = 0; i < 100 && Files.exists(cgroup); i++) {
                try {
                    Files.delete(cgroup);
                } catch (IOException busy) {
                    Thread.sleep(20);
                }
            }
        }
    }

    /** A shell that first moves itself into the test cgroup, then runs {@code script}; returns its output. */
    private String inCgroup(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs") + " && " + script)
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes()).trim();
    }

    private static String probeDevice(String dev) {
        return "(head -c1 " + dev + " >/dev/null 2>&1 && echo " + dev + "=ok || echo " + dev + "=denied)";
    }

    @Test
    void theEbpfDeviceFilterRefusesWhatTheRulesDeny() throws Exception {
        DeviceRules rules = DeviceRules.forCreate(new Resources(List.of(new DeviceRule(false, null, null, null, "rwm")),
                null, null, null, null, null, null, null, null), List.of());
        CgroupDrivers.of(Syscalls.linux(), Map.of("", cgroup)).apply(ResourceRequest.forCreate(null, rules));
        String out = inCgroup(probeDevice("/dev/zero") + "; " + probeDevice("/dev/urandom") + "; " + probeDevice("/dev/mem")
                + "; " + probeDevice("/dev/vda") + "; " + probeDevice("/dev/loop0"));
        assertTrue(out.contains("/dev/zero=ok"), out);
        assertTrue(out.contains("/dev/urandom=ok"), out);
        assertTrue(out.contains("/dev/mem=denied"), out);
        assertFalse(out.contains("/dev/loop0=ok"), out);
    }

    @Test
    void allowAllButOneDevice() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/vda")) && Files.exists(Path.of("/dev/loop0")), "needs /dev/vda (254:0) and /dev/loop0");
        // As in runc, the built-in rules come after the config's: denying /dev/zero (c 1:5) is undone by them.
        DeviceRules rules = DeviceRules.forCreate(new Resources(List.of(new DeviceRule(true, "a", null, null, "rwm"),
                new DeviceRule(false, "b", 254L, 0L, "rwm"), new DeviceRule(false, "c", 1L, 5L, "rwm")),
                null, null, null, null, null, null, null, null), List.of());
        CgroupDrivers.of(Syscalls.linux(), Map.of("", cgroup)).apply(ResourceRequest.forCreate(null, rules));
        String out = inCgroup(probeDevice("/dev/vda") + "; " + probeDevice("/dev/loop0") + "; " + probeDevice("/dev/zero"));
        assertTrue(out.contains("/dev/vda=denied"), out);
        assertTrue(out.contains("/dev/loop0=ok"), out);
        assertTrue(out.contains("/dev/zero=ok"), out);
    }

    @Test
    void aSecondFilterReplacesTheFirst() throws Exception {
        CgroupDriver d = CgroupDrivers.of(Syscalls.linux(), Map.of("", cgroup));
        d.apply(ResourceRequest.forCreate(null, DeviceRules.of(List.of(new CgroupDeviceRule('a', -1, -1, "rwm", false, "x")))));
        d.apply(ResourceRequest.forCreate(null, DeviceRules.of(List.of(new CgroupDeviceRule('a', -1, -1, "rwm", true, "x")))));
        assertTrue(inCgroup(probeDevice("/dev/zero")).contains("=ok"), "the deny-all program was detached");
    }

    @Test
    void theV2FreezerStopsACounter() throws Exception {
        Path count = Files.createTempFile("jrunc-count", "");
        try {
            shell = new ProcessBuilder("/bin/sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs")
                    + "; i=0; while :; do i=$((i+1)); echo $i > " + count + "; sleep 0.02; done").start();
            waitFor(() -> read(count) > 3);
            Freezer f = new Freezer(Map.of("", cgroup));
            assertTrue(f.available());
            f.freeze(true);
            assertTrue(f.isFrozen());
            assertEquals("1", new CgroupDir(cgroup).readKeyValues("cgroup.events").get("frozen").toString());
            long frozenAt = read(count);
            Thread.sleep(300);
            assertEquals(frozenAt, read(count), "nothing ran while frozen");
            f.freeze(false);
            waitFor(() -> read(count) > frozenAt + 3);
        } finally {
            Files.deleteIfExists(count);
        }
    }

    @Test
    void hugetlbLimitsLandOnTheV2Side() throws Exception {
        assumeTrue(Files.readString(v2Root.resolve("cgroup.controllers")).contains("hugetlb"), "no hugetlb in cgroup2");
        CgroupDrivers.of(Syscalls.linux(), Map.of("", cgroup)).apply(ResourceRequest.forCreate(new Resources(null, null, null, null, null,
                List.of(new HugepageLimit("2MB", 4194304)), null, null, null), null));
        assertEquals("4194304", Files.readString(cgroup.resolve("hugetlb.2MB.max")).trim());
        assertTrue(CgroupDrivers.of(Syscalls.linux(), Map.of("", cgroup)).stats().hugetlb().containsKey("2MB"));
    }

    @Test
    void theV1OomWatchEndsWhenTheMemoryCgroupIsRemoved() throws Exception {
        Path mem = ownV1MemoryCgroup();
        assumeTrue(mem != null, "no v1 memory controller");
        Path dir = Files.createDirectory(mem.resolve("jrunc-unit-oom-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24))));
        try (OomWatch w = V1OomWatch.open(Syscalls.linux(), new CgroupDir(dir))) {
            assertEquals(OomWatch.Outcome.TIMEOUT, w.await(50));
            Files.delete(dir);
            assertEquals(OomWatch.Outcome.GONE, w.await(5000));
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static Path ownV1MemoryCgroup() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && f[1].equals("memory")) {
                Path p = Path.of("/sys/fs/cgroup/memory" + f[2]);
                return Files.isDirectory(p) ? p : null;
            }
        }
        return null;
    }

    private static long read(Path file) {
        try {
            String s = Files.readString(file).trim();
            return s.isEmpty() ? 0 : Long.parseLong(s);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (cond.getAsBoolean()) return;
            Thread.sleep(20);
        }
        fail("condition not met within 10 s");
    }
}
