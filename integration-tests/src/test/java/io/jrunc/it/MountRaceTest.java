package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CVE-2021-30465 class: mount destinations are resolved inside the rootfs even while the rootfs
 * changes under the runtime. On the host, {@code rootfs/mnt/x} is swapped (renameat2 RENAME_EXCHANGE) with
 * a symlink to a host directory as fast as possible, while containers with many mounts under /mnt/x are
 * created. A destination resolved through the symlink would put a mount on, or create directories in,
 * the host directory.
 *
 * <p>The host directory is a shared mount and the container's root propagation "private" (only / itself,
 * not recursive), so the container's copy of that mount stays a peer of the host's: a mount that escaped
 * onto it would show up in the host's mount table, not just in the container's namespace.
 */
class MountRaceTest extends ItBase {
    private static final int CONTAINERS = 12;
    /**
     * The race wins most creates (every one that meets a swapped component fails, as it must), so
     * after CONTAINERS attempts the test keeps going, up to this many, until one got through: a
     * faster create meets the swap loop in more of its 49 mounts, and 12 alone were not always enough.
     */
    private static final int MAX_ATTEMPTS = 100;
    private static final int MOUNTS = 16;

    @Test
    void swappingADestinationForASymlinkNeverReachesTheHost() throws Exception {
        assumeFalse(Env.binaryIsRunc11(), "runc 1.1 loses this race: it creates directories in the host dir (then refuses to mount)");
        Path hostDir = Files.createDirectories(work.resolve("host-dir"));
        Files.writeString(hostDir.resolve("intact"), "intact\n");
        assertEquals(0, HostFs.sh("mount", "--bind", hostDir.toString(), hostDir.toString()));
        assertEquals(0, HostFs.sh("mount", "--make-shared", hostDir.toString()));
        Path bindSource = Files.createDirectories(work.resolve("bind-source"));
        Files.writeString(bindSource.resolve("file"), "bound\n");

        Bundle b = bundle().args("probe", "sleep", "30").rootfsPropagation("private");
        Path mnt = Files.createDirectories(b.rootfs.resolve("mnt"));
        Files.createDirectories(mnt.resolve("x"));
        Files.createSymbolicLink(mnt.resolve("x.alt"), hostDir);
        for (int i = 0; i < MOUNTS; i++) {
            b.addMount("/mnt/x/t" + i, "tmpfs", "tmpfs", "size=64k");
            b.addMount("/mnt/x/d" + i, "bind", bindSource.toString(), "bind");
            b.addMount("/mnt/x/f" + i, "bind", bindSource.resolve("file").toString(), "bind");
        }
        b.addMount("/mnt/x", "tmpfs", "tmpfs", "size=64k");

        Process swapper = new ProcessBuilder(Tools.attack().toString(), "swap", mnt.resolve("x").toString(),
                mnt.resolve("x.alt").toString(), "90").redirectErrorStream(true).start();
        int created = 0;
        List<String> failures = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_ATTEMPTS && (i < CONTAINERS || created == 0); i++) {
                String id = newId("race" + i);
                OciRuntime.Result r = create(b, id);
                if (r.exitCode() == 0) created++;
                else failures.add(r.stderr().strip());
                assertHostUntouched(hostDir, "after create " + i + ": " + r.describe());
                rt.run("delete", "--force", id);
            }
        } finally {
            Files.writeString(mnt.resolve("x.alt.stop"), "");
            swapper.waitFor(30, TimeUnit.SECONDS);
        }
        String out = new String(swapper.getInputStream().readAllBytes());
        long swaps = Long.parseLong(out.replaceAll("(?s).*swaps=(\\d+).*", "$1"));
        assertTrue(swaps > 1000, "the swap loop really ran: " + out);
        // runc 1.1 gives up on (nearly) every create while the swap runs; jrunc's mounts must really be made.
        if (!Env.binaryIsRunc()) assertTrue(created > 0, "some creates got through the race, so mounts were really made: " + failures);
        assertHostUntouched(hostDir, "at the end");
    }

    private static void assertHostUntouched(Path hostDir, String when) {
        try (var list = Files.list(hostDir)) {
            assertEquals(List.of("intact"), list.map(p -> p.getFileName().toString()).toList(), "nothing created in the host dir " + when);
            assertEquals("intact\n", Files.readString(hostDir.resolve("intact")), when);
        } catch (IOException e) {
            throw new AssertionError(when, e);
        }
        for (String mp : HostFs.mountPoints()) {
            assertTrue(!mp.startsWith(hostDir + "/"), "no mount under the host dir " + when + ": " + mp);
        }
        long onIt = HostFs.mountPoints().stream().filter(mp -> mp.equals(hostDir.toString())).count();
        assertEquals(1, onIt, "only the test's own bind sits on the host dir " + when);
    }
}
