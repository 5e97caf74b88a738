package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CVE-2025-52881 class: the runtime's writes into /proc (sysctls, oom_score_adj) must reach procfs and
 * nothing else, whatever the container's /proc looks like. Each test gives the container a /proc where the
 * file to be written is something else (a host file bound over it, a plain directory tree of decoys, a
 * symlink) and checks that no decoy is ever written; where the container starts, the value must have
 * reached the real procfs file, seen from the host.
 */
class ProcWriteTest extends ItBase {
    private static final String IP_FORWARD = "/proc/sys/net/ipv4/ip_forward";

    @Test
    void sysctlNeverWritesAFileBoundOverItsProcPath() throws IOException {
        Path decoy = Files.writeString(work.resolve("decoy"), "decoy\n");
        Bundle b = bundle().args("probe", "sleep", "30");
        b.addMount(IP_FORWARD, "bind", decoy.toString(), "bind");
        b.linux().putObject("sysctl").put("net.ipv4.ip_forward", "1");
        assertWrittenToProcfsOrRefused(b, "1");
        assertEquals("decoy\n", Files.readString(decoy), "the bound host file was not written");
    }

    @Test
    void sysctlNeverWritesIntoAProcThatIsNotProcfs() throws IOException {
        assumeFalse(Env.binaryIsRunc11(), "runc 1.1 predates the fix of CVE-2025-52881: it writes the sysctl into the rootfs file");
        // Without a proc mount nothing after the pivot may need /proc/self/fd: no masks, read-only paths or read-only root.
        Bundle b = bundle().args("probe", "sleep", "30").removeMount("/proc").readonlyRoot(false);
        Path decoy = b.rootfs.resolve(IP_FORWARD.substring(1));
        Files.createDirectories(decoy.getParent());
        Files.writeString(decoy, "decoy\n");
        b.linux().remove("maskedPaths");
        b.linux().remove("readonlyPaths");
        b.linux().putObject("sysctl").put("net.ipv4.ip_forward", "1");
        assertWrittenToProcfsOrRefused(b, "1");
        assertEquals("decoy\n", Files.readString(decoy), "the rootfs file posing as the sysctl was not written");
    }

    @Test
    void oomScoreAdjNeverFollowsASymlinkedProcSelf() throws IOException {
        // Without a proc mount nothing after the pivot may need /proc/self/fd: no masks, read-only paths or read-only root.
        Bundle b = bundle().args("probe", "sleep", "30").removeMount("/proc").readonlyRoot(false);
        Path decoyDir = Files.createDirectories(b.rootfs.resolve("decoy"));
        Files.writeString(decoyDir.resolve("oom_score_adj"), "decoy\n");
        Files.createSymbolicLink(b.rootfs.resolve("proc/self"), Path.of("/decoy"));
        b.linux().remove("maskedPaths");
        b.linux().remove("readonlyPaths");
        b.process().put("oomScoreAdj", 500);
        String id = newId("oom");
        OciRuntime.Result r = create(b, id);
        if (r.exitCode() == 0) {
            int pid = rt.state(id).path("pid").asInt();
            assertEquals("500", Files.readString(Path.of("/proc/" + pid + "/oom_score_adj")).strip(),
                    "the init's real oom_score_adj got the value");
        } else if (!Env.binaryIsRunc()) {
            assertTrue(r.stderr().contains("refusing to write"), "a refusal says why: " + r.describe());
        }
        assertEquals("decoy\n", Files.readString(decoyDir.resolve("oom_score_adj")), "the decoy was not written");
    }

    /**
     * Either the container is created and the sysctl has {@code value} in its network namespace (read on the
     * host through nsenter, which reads the real procfs), or create refused with a reason.
     */
    private void assertWrittenToProcfsOrRefused(Bundle b, String value) throws IOException {
        String id = newId("sysctl");
        OciRuntime.Result r = create(b, id);
        if (r.exitCode() != 0) {
            // runc refuses differently (no mounts inside /proc, no create without /proc/self/fd).
            if (!Env.binaryIsRunc()) assertTrue(r.stderr().contains("refusing to write"), "a refusal says why: " + r.describe());
            return;
        }
        int pid = rt.state(id).path("pid").asInt();
        Process p = new ProcessBuilder("nsenter", "-t", Integer.toString(pid), "-n", "cat", IP_FORWARD).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertEquals(value, new String(p.getInputStream().readAllBytes()).strip(), "the container's own sysctl got the value");
    }
}
