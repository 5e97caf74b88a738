package io.jrunc.cli.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner serves only callers that would see what it sees and make files as it does: same
 * namespaces, credentials, capabilities, umask, root directory and LSM label. Real processes as
 * callers: this JVM, a plain child, and children started in another mount namespace, with other
 * credentials or fewer capabilities, another umask or chroot-ed (unshare(1), setpriv(1), chroot(1)
 * and ldd(1), probed for: without them, or without the privilege they need, those cases skip).
 */
class SameContextTest {
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void reap() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** A child that sleeps once it is set up (the wrapper execs sleep, so its pid is the sleeper's). */
    private int child(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(p);
        // Wait for the exec of sleep: until then /proc/PID is the wrapper's, or the JVM's fork.
        Path comm = Path.of("/proc/" + p.pid() + "/comm");
        for (int i = 0; i < 500 && p.isAlive() && !Files.readString(comm).trim().equals("sleep"); i++) Thread.sleep(10);
        assumeTrue(p.isAlive(), () -> String.join(" ", command) + " could not run here: " + output(p));
        return (int) p.pid();
    }

    private static String output(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes());
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }

    private static boolean onPath(String tool) {
        return Stream.of("/usr/bin", "/bin", "/usr/sbin", "/sbin").anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    @Test
    void thisProcessIsInItsOwnContext() {
        assertNull(SameContext.difference((int) ProcessHandle.current().pid()));
    }

    @Test
    void aPlainChildIsServed() throws Exception {
        assertNull(SameContext.difference(child("sleep", "30")));
    }

    @Test
    void aCallerInAnotherMountNamespaceTakesTheColdPath() throws Exception {
        assumeTrue(onPath("unshare"), "unshare(1) is not installed");
        int pid = child("unshare", "--mount", "sleep", "30");
        assertEquals("mnt namespace", SameContext.difference(pid));
    }

    @Test
    void aCallerInAnotherUtsNamespaceTakesTheColdPath() throws Exception {
        assumeTrue(onPath("unshare"), "unshare(1) is not installed");
        int pid = child("unshare", "--uts", "sleep", "30");
        assertEquals("uts namespace", SameContext.difference(pid));
    }

    @Test
    void aCallerWithFewerCapabilitiesTakesTheColdPath() throws Exception {
        assumeTrue(onPath("setpriv"), "setpriv(1) is not installed");
        assumeTrue(capabilities("CapEff:") != 0, "this JVM has no capabilities to drop");
        int pid = child("setpriv", "--inh-caps=-all", "--bounding-set=-all", "sleep", "30");
        String why = SameContext.difference(pid);
        assertNotNull(why);
        assertTrue(why.startsWith("capabilities ("), why);
    }

    @Test
    void aCallerWithAnotherUmaskTakesTheColdPath() throws Exception {
        assumeTrue(!statusLine("Umask:").isEmpty(), "this kernel shows no Umask: in /proc/PID/status (before Linux 4.7)");
        String other = statusLine("Umask:").equals("0077") ? "022" : "077";
        int pid = child("sh", "-c", "umask " + other + "; exec sleep 30");
        assertEquals("umask", SameContext.difference(pid));
    }

    @Test
    void aCallerWithAnotherGidTakesTheColdPath() throws Exception {
        assumeTrue(onPath("setpriv"), "setpriv(1) is not installed");
        int pid = child("setpriv", "--regid", otherId("Gid:"), "--keep-groups", "sleep", "30");
        assertEquals("credentials (Gid)", SameContext.difference(pid));
    }

    @Test
    void aCallerWithOtherSupplementaryGroupsTakesTheColdPath() throws Exception {
        assumeTrue(onPath("setpriv"), "setpriv(1) is not installed");
        int pid = child("setpriv", "--groups", otherId("Gid:"), "sleep", "30");
        assertEquals("credentials (Groups)", SameContext.difference(pid));
    }

    @Test
    void aCallerWithAnotherUidTakesTheColdPath() throws Exception {
        assumeTrue(onPath("setpriv"), "setpriv(1) is not installed");
        String id = otherId("Uid:");
        int pid = child("setpriv", "--reuid", id, "--regid", id, "--clear-groups", "sleep", "30");
        assertEquals("credentials (Uid)", SameContext.difference(pid));
    }

    @Test
    void aChrootedCallerTakesTheColdPath(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("chroot") && onPath("ldd"), "chroot(1) or ldd(1) is not installed");
        Path root = sleepOnly(tmp.resolve("root"));
        int pid = child("chroot", root.toString(), "/sleep", "30");
        assertEquals("root directory", SameContext.difference(pid));
    }

    @Test
    void aCallerThatIsGoneTakesTheColdPath() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(5, TimeUnit.SECONDS);
        String why = SameContext.difference((int) p.pid());
        assertNotNull(why, "a pid with no /proc entry cannot be compared, so it is not served");
        assertTrue(why.contains("/proc/" + p.pid()), why);
    }

    /** A directory with sleep(1) at its top and the libraries ldd(1) says it needs, to chroot into. */
    private static Path sleepOnly(Path dir) throws Exception {
        Path sleep = Files.isExecutable(Path.of("/usr/bin/sleep")) ? Path.of("/usr/bin/sleep") : Path.of("/bin/sleep");
        Files.createDirectories(dir);
        Files.copy(sleep, dir.resolve("sleep"));
        Process ldd = new ProcessBuilder("ldd", sleep.toString()).redirectErrorStream(true).start();
        // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)", "/lib64/ld-linux-x86-64.so.2 (0x...)";
        // a static sleep has none.
        for (String line : new String(ldd.getInputStream().readAllBytes()).split("\n")) {
            for (String word : line.trim().split("\\s+")) {
                if (!word.startsWith("/")) continue;
                Path copy = dir.resolve(word.substring(1));
                Files.createDirectories(copy.getParent());
                if (!Files.exists(copy)) Files.copy(Path.of(word), copy);
            }
        }
        ldd.waitFor(5, TimeUnit.SECONDS);
        return dir;
    }

    private static String statusLine(String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) return line.substring(key.length()).trim();
        }
        return "";
    }

    /** An id that is not this JVM's real uid or gid ({@code key} "Uid:" or "Gid:"), as a string for setpriv. */
    private static String otherId(String key) throws Exception {
        long mine = Long.parseLong(statusLine(key).split("\\s+")[0]);
        return String.valueOf(mine == 54321 ? 54322 : 54321);
    }

    private static long capabilities(String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) return Long.parseUnsignedLong(line.substring(key.length()).trim(), 16);
        }
        return 0;
    }
}
