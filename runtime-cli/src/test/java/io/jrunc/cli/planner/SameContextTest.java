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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The planner serves only callers that would see what it sees: same namespaces, capabilities and LSM
 * label. Real processes as callers: this JVM, a plain child, and children started in another mount
 * namespace or with fewer capabilities (unshare(1) and setpriv(1), probed for: without them, or
 * without the privilege they need, those cases skip).
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
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
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
    void aCallerThatIsGoneTakesTheColdPath() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(5, TimeUnit.SECONDS);
        String why = SameContext.difference((int) p.pid());
        assertNotNull(why, "a pid with no /proc entry cannot be compared, so it is not served");
        assertTrue(why.contains("/proc/" + p.pid()), why);
    }

    private static long capabilities(String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) return Long.parseUnsignedLong(line.substring(key.length()).trim(), 16);
        }
        return 0;
    }
}
