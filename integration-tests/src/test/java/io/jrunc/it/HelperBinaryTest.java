package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The CVE-2019-5736 class: the runtime's own binary must not be writable from inside a container.
 *
 * <p>A created container's init is the runtime's helper until `start`. A second container that joins
 * its pid namespace sees that helper as its pid 1 and tries what the 2019 exploit did: open
 * {@code /proc/1/exe} for writing, and keep an O_PATH handle to reopen it for writing once the helper
 * has exec'd the user's program (then nothing runs the binary, so ETXTBSY no longer protects it).
 * Every write puts back the bytes already there, so even a successful attack damages nothing.
 */
class HelperBinaryTest extends ItBase {
    private static final Duration ATTACK = Duration.ofSeconds(30);

    /** Without CAP_SYS_PTRACE the waiting init's /proc files are out of reach altogether (it is not dumpable). */
    @Test
    void waitingInitIsOutOfReachWithoutPtrace() {
        assumeFalse(Env.binaryIsRunc11(), "runc 1.1 leaves its waiting init dumpable (its exec fifo is reachable)");
        Path helper = Attacks.helperBinary();
        String before = Attacks.sha256(helper);
        Probe p = attackFromSibling(false);
        assertTrue(Attacks.refused(p.need("exe.held")), "no handle on the helper's exe: " + p.raw);
        assertTrue(Attacks.refused(p.need("exe.wronly")), p.raw);
        assertTrue(Attacks.refused(p.need("exe.rdwr")), p.raw);
        // Their numbers may be listed, but no fd of the helper (one is the host's state dir) can be followed.
        p.all().forEach((k, v) -> {
            if (k.matches("fd\\.\\d+(\\.open)?")) assertTrue(Attacks.refused(v), k + ": " + p.raw);
        });
        assertEquals(before, Attacks.sha256(helper), "the helper binary on the host is unchanged");
    }

    /**
     * With CAP_SYS_PTRACE the sibling reaches /proc/1/exe, but it is a sealed memfd copy: no open or write
     * through it changes anything, before or after the helper has exec'd.
     */
    @Test
    void sealedCopyCannotBeWrittenEvenWithPtrace() {
        Path helper = Attacks.helperBinary();
        String before = Attacks.sha256(helper);
        Probe p = attackFromSibling(true);
        assertEquals("ok", p.need("exe.held"), "with CAP_SYS_PTRACE the handle is granted: " + p.raw);
        String link = p.need("exe.link");
        assertNotEquals(helper.toString(), link, "the helper does not run from the installed file: " + p.raw);
        // runc 1.1 runs from a read-only bind of itself instead (exe "/", writes fail with EROFS).
        if (!Env.binaryIsRunc()) assertTrue(link.startsWith("/memfd:"), "the helper runs from a memfd: " + p.raw);
        assertEquals("yes", p.need("exe.changed"), "the waiting init exec'd the container's program: " + p.raw);
        for (String mode : new String[] {"exe.wronly", "exe.rdwr", "exe.reopen.wronly", "exe.reopen.rdwr"}) {
            String open = p.need(mode);
            assertTrue(open.equals("ok") || Attacks.refused(open), mode + ": " + p.raw);
            if (open.equals("ok")) assertTrue(Attacks.refused(p.need(mode + ".write")), mode + " write refused: " + p.raw);
        }
        if (!Env.binaryIsRunc()) {
            int seals = Integer.parseInt(p.need("exe.seals"), 16);
            assertEquals(0xf, seals & 0xf, "sealed against write, shrink, grow and further seal changes: " + p.raw);
        }
        assertEquals(before, Attacks.sha256(helper), "the helper binary on the host is unchanged");
    }

    /**
     * Container A is created (its init waits on the exec fifo); container B joins A's pid namespace and runs
     * the attack against pid 1. Once B holds its handle, A is started, and the attack tries again.
     */
    private Probe attackFromSibling(boolean ptrace) {
        Bundle a = bundle("waiting").args("probe", "sleep", "60");
        String waiting = newId("waiting");
        createOk(a, waiting);
        int pid = rt.state(waiting).path("pid").asInt();

        Bundle b = bundle("attacker");
        Attacks.install(b);
        b.namespace("pid", "/proc/" + pid + "/ns/pid");
        if (ptrace) Attacks.addCapability(b, "CAP_SYS_PTRACE");
        b.args("sh", "-c", "attack fds 1; exec attack exe 1 20");
        String attacker = newId("attacker");
        OciRuntime.Result run = createAndStart(b, attacker);
        Wait.until(ATTACK, () -> run.stdoutNow().contains("exe.held="), () -> "attack to start:\n" + run.stdoutNow());

        OciRuntime.Result start = rt.run("start", waiting);
        assertEquals(0, start.exitCode(), start::describe);
        Wait.until(ATTACK, () -> run.stdoutNow().contains("exe.done=1"), () -> "attack to finish:\n" + run.stdoutNow());
        Probe p = Probe.parse(run.stdoutNow());
        assertFalse(p.raw.contains(".write=ok"), "no write reached the helper binary: " + p.raw);
        return p;
    }
}
