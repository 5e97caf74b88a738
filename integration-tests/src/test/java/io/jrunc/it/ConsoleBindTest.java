package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CVE-2025-52565 class: with a terminal, the pty slave is bound over /dev/console, as runc does. When
 * /dev comes from the bundle, /dev/console may be a symlink (to a file whose contents the pty would then
 * replace, or a /proc file) or a directory; the runtime must refuse it, also when it is swapped in while
 * the container is created, and never bind the pty anywhere else.
 */
class ConsoleBindTest extends ItBase {

    @BeforeEach
    void fixedInThisRuntime() {
        assumeFalse(Env.binaryIsRunc11(), "runc 1.1 predates the fix of CVE-2025-52565: it binds the pty over whatever /dev/console is");
    }

    /** A running recvtty (src/test/c/recvtty.c) that takes the pty master from {@code --console-socket}. */
    private record Receiver(Process process, Path socket, Path errFile) {
        String err() { return OciRuntime.read(errFile); }
    }

    private Receiver receiver(String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve("tty-" + name));
        Path sock = dir.resolve("console.sock");
        Path err = dir.resolve("recvtty.err");
        Process p = new ProcessBuilder(Tools.recvtty().toString(), sock.toString())
                .redirectOutput(dir.resolve("recvtty.out").toFile()).redirectError(err.toFile())
                .redirectInput(new File("/dev/null")).start();
        Receiver r = new Receiver(p, sock, err);
        Wait.until(SHORT, () -> r.err().contains("recvtty=listening"), () -> "recvtty to listen: " + r.err());
        return r;
    }

    @Test
    void consoleIsThePtyBoundOverDevConsole() throws IOException {
        Receiver tty = receiver("plain");
        try {
            String id = newId("console");
            createOk(bundle().terminal(true).args("probe", "sleep", "30"), id, "--console-socket", tty.socket().toString());
            List<String> mounts = initMountPoints(id);
            assertTrue(mounts.contains("/dev/console"), "the pty is bound over /dev/console: " + mounts);
        } finally {
            tty.process().destroyForcibly();
        }
    }

    @Test
    void symlinkAtDevConsoleIsRefused() throws IOException {
        Path victim = Files.writeString(work.resolve("host-victim"), "victim\n");
        for (String target : List.of("/etc/victim", victim.toString(), "/proc/sys/kernel/core_pattern")) {
            Path dev = devWith(d -> Files.createSymbolicLink(d.resolve("console"), Path.of(target)));
            assertRefused(dev, "symlink", "to " + target);
            HostFs.deleteTree(dev);
        }
        assertEquals("victim\n", Files.readString(victim));
        assertTrue(HostFs.mountsMentioning(victim).isEmpty(), "the host file is mounted nowhere");
    }

    @Test
    void directoryAtDevConsoleIsRefused() throws IOException {
        assertRefused(devWith(d -> Files.createDirectories(d.resolve("console"))), "directory", "a directory");
    }

    /** /dev/console flips between a plain file and a symlink to /etc/victim while containers are created. */
    @Test
    void consoleSwappedForASymlinkWhileCreatingIsNeverFollowed() throws Exception {
        Path dev = devWith(d -> {
            Files.writeString(d.resolve("console"), "");
            Files.createSymbolicLink(d.resolve("console.alt"), Path.of("/etc/victim"));
        });
        Bundle b = bundleWithDev(dev).terminal(true).args("probe", "sleep", "30");
        Process swapper = new ProcessBuilder(Tools.attack().toString(), "swap", dev.resolve("console").toString(),
                dev.resolve("console.alt").toString(), "120").redirectErrorStream(true).start();
        List<String> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Receiver tty = receiver("swap" + i);
                try {
                    String id = newId("swap" + i);
                    OciRuntime.Result r = create(b, id, "--console-socket", tty.socket().toString());
                    if (r.exitCode() != 0) {
                        assertTrue(r.stderr().contains("refusing to bind the console"), r.describe());
                        outcomes.add("refused");
                    } else {
                        List<String> mounts = initMountPoints(id);
                        assertFalse(mounts.contains("/etc/victim"), "the pty never lands on the symlink's target: " + mounts);
                        // The file that was checked got the pty; the swapper may have renamed it since.
                        assertTrue(mounts.contains("/dev/console") || mounts.contains("/dev/console.alt"), mounts.toString());
                        outcomes.add("bound");
                    }
                    rt.run("delete", "--force", id);
                } finally {
                    tty.process().destroyForcibly();
                }
                assertEquals("victim\n", Files.readString(b.rootfs.resolve("etc/victim")));
            }
        } finally {
            Files.writeString(dev.resolve("console.alt.stop"), "");
            swapper.waitFor(30, TimeUnit.SECONDS);
        }
        String out = new String(swapper.getInputStream().readAllBytes());
        assertTrue(Long.parseLong(out.replaceAll("(?s).*swaps=(\\d+).*", "$1")) > 1000, "the swap loop really ran: " + out);
        assertTrue(outcomes.contains("bound") || outcomes.contains("refused"), outcomes.toString());
    }

    private interface DevSetup {
        void prepare(Path dev) throws IOException;
    }

    /** A directory to bind at /dev with a real null device, ptmx and pts, plus what {@code setup} adds. */
    private Path devWith(DevSetup setup) throws IOException {
        Path dev = Files.createDirectories(work.resolve("dev-src"));
        Files.createDirectories(dev.resolve("pts"));
        Files.createSymbolicLink(dev.resolve("ptmx"), Path.of("pts/ptmx"));
        assertEquals(0, HostFs.sh("mknod", dev.resolve("null").toString(), "c", "1", "3"));
        setup.prepare(dev);
        return dev;
    }

    private Bundle bundleWithDev(Path dev) {
        Bundle b = bundle("bundle-" + dev.getFileName()).removeMount("/dev");
        var bind = b.config().withArray("/mounts").insertObject(1);
        bind.put("destination", "/dev").put("type", "bind").put("source", dev.toString());
        bind.putArray("options").add("rbind").add("rw");
        try {
            Files.writeString(b.rootfs.resolve("etc/victim"), "victim\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return b;
    }

    private void assertRefused(Path dev, String kind, String what) throws IOException {
        Bundle b = bundleWithDev(dev).terminal(true).args("probe", "sleep", "30");
        Receiver tty = receiver(kind + Integer.toHexString(what.hashCode()));
        try {
            String id = newId("console");
            OciRuntime.Result r = create(b, id, "--console-socket", tty.socket().toString());
            assertNotEquals(0, r.exitCode(), "create must fail with /dev/console " + what + ": " + r.describe());
            assertTrue(r.stderr().contains("refusing to bind the console over /dev/console") && r.stderr().contains(kind),
                    "the error says why: " + r.describe());
            assertEquals(1, rt.run("state", id).exitCode(), "nothing is left of the container");
            assertEquals("victim\n", Files.readString(b.rootfs.resolve("etc/victim")));
        } finally {
            tty.process().destroyForcibly();
        }
    }

    /** Mount points of the created container's init, from its mountinfo as the host sees it. */
    private List<String> initMountPoints(String id) throws IOException {
        int pid = rt.state(id).path("pid").asInt();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4) out.add(HostFs.unescape(f[4]));
        }
        return out;
    }
}
