package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CVE-2025-31133 class: maskedPaths are hidden by binding the container's /dev/null over them. When
 * /dev comes from the bundle (a bind mount, so the runtime does not create the devices) that /dev/null
 * may be a symlink (to /proc/sys/kernel/core_pattern, say: the mask would then expose a writable
 * core_pattern) or a planted file. The runtime must refuse, not bind whatever it finds.
 */
class MaskedNullTest extends ItBase {

    @BeforeEach
    void fixedInThisRuntime() {
        assumeFalse(Env.binaryIsRunc11(), "runc 1.1 predates the fix of CVE-2025-31133: it binds whatever /dev/null is");
    }
    /** A file of the rootfs added to maskedPaths (the host may lack /proc/kcore and its kin). */
    private static final String MASKED = "/etc/masked-secret";

    @Test
    void symlinkToAProcFileIsRefused() throws IOException {
        assertRefused(devWith(dev -> Files.createSymbolicLink(dev.resolve("null"), Path.of("/proc/sys/kernel/core_pattern"))));
    }

    @Test
    void symlinkToAHostFileIsRefused() throws IOException {
        Path secret = Files.writeString(work.resolve("secret"), "secret\n");
        assertRefused(devWith(dev -> Files.createSymbolicLink(dev.resolve("null"), secret)));
        assertEquals("secret\n", Files.readString(secret));
        assertTrue(HostFs.mountsMentioning(secret).isEmpty(), "the host file is mounted nowhere");
    }

    @Test
    void plantedRegularFileIsRefused() throws IOException {
        Path dev = devWith(d -> Files.writeString(d.resolve("null"), "planted\n"));
        assertRefused(dev);
        assertEquals("planted\n", Files.readString(dev.resolve("null")));
    }

    @Test
    void anotherCharDeviceIsRefused() throws IOException {
        assertRefused(devWith(d -> assertEquals(0, HostFs.sh("mknod", d.resolve("null").toString(), "c", "1", "5"))));
    }

    /** The control: the same bound /dev with a real null device works, and the mask is that device. */
    @Test
    void realNullDeviceMasks() throws IOException {
        Path dev = devWith(d -> assertEquals(0, HostFs.sh("mknod", d.resolve("null").toString(), "c", "1", "3")));
        Probe p = probe(bundleWithDev(dev), "stat", MASKED);
        assertEquals("c", field(p.need("stat." + MASKED), "type"), p.raw);
        assertEquals("1", field(p.need("stat." + MASKED), "major"), p.raw);
        assertEquals("3", field(p.need("stat." + MASKED), "minor"), p.raw);
    }

    /**
     * The swap: /dev/null flips between the real device and a symlink to core_pattern while containers start.
     * Each either is refused or masks with the real device; none ever shows core_pattern at the masked path.
     */
    @Test
    void nullSwappedForASymlinkWhileCreatingIsNeverFollowed() throws Exception {
        Path dev = devWith(d -> {
            assertEquals(0, HostFs.sh("mknod", d.resolve("null").toString(), "c", "1", "3"));
            Files.createSymbolicLink(d.resolve("null.alt"), Path.of("/proc/sys/kernel/core_pattern"));
        });
        Bundle b = bundleWithDev(dev).args("probe", "stat", MASKED, "read", MASKED);
        Process swapper = new ProcessBuilder(Tools.attack().toString(), "swap", dev.resolve("null").toString(),
                dev.resolve("null.alt").toString(), "90").redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 10; i++) {
                OciRuntime.Result r = run(b, newId("swap" + i));
                if (r.exitCode() != 0) {
                    assertTrue(r.stderr().contains("not the null device") || r.stderr().contains("/dev/"), r.describe());
                    continue;
                }
                Probe p = Probe.parse(r.stdout());
                assertEquals("", p.need("read." + MASKED), "reads as the null device: " + r.describe());
                String stat = p.need("stat." + MASKED);
                assertEquals("c", field(stat, "type"), "masked with the real device, never core_pattern: " + r.describe());
                assertEquals("3", field(stat, "minor"), r.describe());
            }
        } finally {
            Files.writeString(dev.resolve("null.alt.stop"), "");
            swapper.waitFor(30, TimeUnit.SECONDS);
        }
        String out = new String(swapper.getInputStream().readAllBytes());
        assertTrue(Long.parseLong(out.replaceAll("(?s).*swaps=(\\d+).*", "$1")) > 1000, "the swap loop really ran: " + out);
    }

    private interface DevSetup {
        void prepare(Path dev) throws IOException;
    }

    /** A directory to bind at /dev: ptmx and pts as the container needs them, and what {@code setup} puts there. */
    private Path devWith(DevSetup setup) throws IOException {
        Path dev = Files.createDirectories(work.resolve("dev-src"));
        Files.createDirectories(dev.resolve("pts"));
        Files.createSymbolicLink(dev.resolve("ptmx"), Path.of("pts/ptmx"));
        setup.prepare(dev);
        return dev;
    }

    private Bundle bundleWithDev(Path dev) {
        Bundle b = bundle().removeMount("/dev");
        // /dev first: the other /dev mounts (pts, shm, mqueue) go on top of it.
        var mounts = b.config().withArray("/mounts");
        var bind = mounts.insertObject(1);
        bind.put("destination", "/dev").put("type", "bind").put("source", dev.toString());
        bind.putArray("options").add("rbind").add("rw");
        try {
            Files.writeString(b.rootfs.resolve(MASKED.substring(1)), "hidden\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        b.linux().withArray("/maskedPaths").add(MASKED);
        return b;
    }

    private void assertRefused(Path dev) {
        Bundle b = bundleWithDev(dev);
        String id = newId("mask");
        OciRuntime.Result r = create(b, id);
        assertNotEquals(0, r.exitCode(), "create must fail: " + r.describe());
        assertTrue(r.stderr().contains("maskedPaths") && r.stderr().contains("not the null device"),
                "the error names the masked path and the reason: " + r.describe());
        assertEquals(1, rt.run("state", id).exitCode(), "nothing is left of the container");
    }

    private static String field(String stat, String name) {
        for (String part : stat.split(" ")) if (part.startsWith(name + "=")) return part.substring(name.length() + 1);
        throw new AssertionError("no " + name + " in " + stat);
    }
}
