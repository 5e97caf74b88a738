package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * oomScoreAdj, personality, ioPriority, scheduler, execCPUAffinity and timeOffsets, each seen from inside a real
 * container by the probe; and their errors naming the config field.
 */
class ProcessAttributesTest extends ItBase {
    private static final int CAP_SYS_RESOURCE = 24;

    private OciRuntime.Result failingRun(Bundle b) {
        OciRuntime.Result r = run(b, newId("f"));
        assertEquals(1, r.exitCode(), r::describe);
        return r;
    }

    @Test
    void oomScoreAdjIsTheInits() {
        Bundle b = bundle();
        b.process().put("oomScoreAdj", 500);
        assertEquals("500", probe(b, "oom").need("oom_score_adj"));
    }

    @Test
    void oomScoreAdjBelowWhatTheHostGrantsNamesTheField() throws IOException {
        Bundle b = bundle();
        b.process().put("oomScoreAdj", -500);
        if (hostHasCapability(CAP_SYS_RESOURCE)) {
            assertEquals("-500", probe(b, "oom").need("oom_score_adj"));
            return;
        }
        // This machine's bounding set lacks CAP_SYS_RESOURCE, which lowering the value needs: the kernel says no.
        OciRuntime.Result r = failingRun(b);
        assertTrue(r.stderr().contains("process.oomScoreAdj (-500): write /proc/self/oom_score_adj: Permission denied"), r.describe());
        b.process().put("oomScoreAdj", 2000);
        assertTrue(failingRun(b).stderr().contains("process.oomScoreAdj: must be between -1000 and 1000, got 2000"));
    }

    @Test
    void personalityLinux32() {
        Bundle b = bundle();
        b.linux().putObject("personality").put("domain", "LINUX32");
        Probe p = probe(b, "personality");
        assertEquals("0x8", p.need("personality"));
        assertEquals("i686", p.need("machine"));
        b.linux().putObject("personality").put("domain", "LINUX");
        assertEquals("x86_64", probe(b, "personality").need("machine"));
        b.linux().putObject("personality").put("domain", "LINUX16");
        assertTrue(failingRun(b).stderr().contains("linux.personality.domain: unknown domain \"LINUX16\""));
    }

    /** As a non-root user without capabilities: the privileged settings are made before the capabilities are cut. */
    @Test
    void schedulerAndIoPriorityNeedPrivilegesTheProcessNoLongerHas() {
        Bundle b = bundle().user(1000, 1000);
        b.process().putObject("capabilities");
        b.process().putObject("scheduler").put("policy", "SCHED_BATCH").put("nice", -5).putArray("flags").add("SCHED_FLAG_RESET_ON_FORK");
        b.process().putObject("ioPriority").put("class", "IOPRIO_CLASS_RT").put("priority", 3);
        Probe p = probe(b, "ids", "caps", "sched", "ioprio");
        assertEquals("1000", p.need("uid"));
        assertEquals("0000000000000000", p.need("cap.eff"));
        assertEquals("3", p.need("sched.policy"), "SCHED_BATCH");
        assertEquals("-5", p.need("sched.nice"));
        assertEquals("1", p.need("sched.flags"), "SCHED_FLAG_RESET_ON_FORK");
        assertEquals("1", p.need("ioprio.class"), "IOPRIO_CLASS_RT");
        assertEquals("3", p.need("ioprio.level"));
    }

    @Test
    void idleClasses() {
        Bundle b = bundle();
        b.process().putObject("scheduler").put("policy", "SCHED_IDLE");
        b.process().putObject("ioPriority").put("class", "IOPRIO_CLASS_IDLE").put("priority", 7);
        Probe p = probe(b, "sched", "ioprio");
        assertEquals("5", p.need("sched.policy"));
        assertEquals("3", p.need("ioprio.class"));
    }

    @Test
    void schedulerAndIoPriorityErrorsNameTheField() {
        Bundle b = bundle();
        b.process().putObject("scheduler").put("policy", "SCHED_FOO");
        assertTrue(failingRun(b).stderr().contains("process.scheduler.policy: unknown policy \"SCHED_FOO\""));
        b.process().remove("scheduler");
        b.process().putObject("ioPriority").put("class", "IOPRIO_CLASS_BE").put("priority", 9);
        assertTrue(failingRun(b).stderr().contains("process.ioPriority.priority: must be between 0 and 7, got 9"));
    }

    @Test
    void finalAffinityIsWhatTheProcessRunsWith() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two CPUs");
        Bundle b = bundle();
        b.process().putObject("execCPUAffinity").put("initial", "0").put("final", "1");
        assertEquals("1", probe(b, "affinity").need("affinity"));
    }

    @Test
    void initialAffinityAloneStays() {
        Bundle b = bundle();
        b.process().putObject("execCPUAffinity").put("initial", "0");
        assertEquals("0", probe(b, "affinity").need("affinity"));
    }

    @Test
    void affinityOutsideTheMachineNamesTheField() {
        Bundle b = bundle();
        b.process().putObject("execCPUAffinity").put("final", "4000");
        OciRuntime.Result r = failingRun(b);
        assertTrue(r.stderr().contains("process.execCPUAffinity.final (4000): sched_setaffinity: Invalid argument"), r.describe());
        b.process().putObject("execCPUAffinity").put("initial", "0-x");
        assertTrue(failingRun(b).stderr().contains("process.execCPUAffinity.initial: invalid CPU list \"0-x\""));
    }

    @Test
    void timeOffsetsShiftMonotonicAndBoottimeInsideATimeNamespace() throws Exception {
        HostFeatures.assumeTimeNamespace();
        Bundle b = bundle().namespace("time", null);
        var offsets = b.linux().putObject("timeOffsets");
        offsets.putObject("monotonic").put("secs", 86400).put("nanosecs", 0);
        offsets.putObject("boottime").put("secs", 172800).put("nanosecs", 0);
        Probe before = hostProbe("timens");
        Probe inside = probe(b, "timens");
        Probe after = hostProbe("timens");
        long mono = Long.parseLong(inside.need("clock.monotonic"));
        long boot = Long.parseLong(inside.need("clock.boottime"));
        assertTrue(mono >= Long.parseLong(before.need("clock.monotonic")) + 86400
                && mono <= Long.parseLong(after.need("clock.monotonic")) + 86400, "monotonic " + mono + " vs host " + before + after);
        assertTrue(boot >= Long.parseLong(before.need("clock.boottime")) + 172800
                && boot <= Long.parseLong(after.need("clock.boottime")) + 172800, "boottime " + boot + " vs host " + before + after);
        assertNotEquals(before.need("ns.time"), inside.need("ns.time"), "a time namespace of its own");
    }

    @Test
    void timeOffsetsWithoutATimeNamespaceAreRefused() {
        Bundle b = bundle().removeNamespace("time");
        b.linux().putObject("timeOffsets").putObject("monotonic").put("secs", 10);
        assertTrue(failingRun(b).stderr().contains("linux.timeOffsets: time namespace offsets specified, but the config has no time namespace"));
    }

    /** Runs the probe on the host itself, for the clocks the container's are compared with. */
    private static Probe hostProbe(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Tools.probe().toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return Probe.parse(out);
    }

    static boolean hostHasCapability(int cap) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapBnd:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << cap)) != 0;
        }
        return false;
    }
}
