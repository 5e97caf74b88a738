package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code run}: foreground exit code, 128+N when killed by signal N, --detach, signals forwarded to the container. */
class RunTest extends ItBase {

    @Test
    void foregroundRunReturnsTheContainersExitCode() {
        Bundle b = bundle();
        for (int code : new int[] {0, 7, 255}) {
            b.args("probe", "echo", "code" + code, "exit", Integer.toString(code));
            String id = newId("exit" + code);
            OciRuntime.Result r = run(b, id);
            assertEquals(code, r.exitCode(), r::describe);
            assertEquals("code" + code, Probe.parse(r.stdout()).need("echo"), "container stdout passes through");
        }
    }

    @Test
    void stderrOfTheContainerPassesThrough() {
        Bundle b = bundle().args("sh", "-c", "echo to-out; echo to-err >&2; exit 4");
        OciRuntime.Result r = run(b, newId("stderr"));
        assertEquals(4, r.exitCode(), r::describe);
        assertEquals("to-out", r.stdout().strip());
        assertTrue(r.stderr().contains("to-err"), r.describe());
    }

    @Test
    void runExitsWith128PlusSignalWhenTheContainerIsKilled() {
        Bundle b = bundle().args("probe", "sleep", "60");
        String id = newId("sigkill");
        OciRuntime.Spawned run = spawnRun(b, id);
        rt.awaitStatus(id, "running", SHORT);
        OciRuntime.Result k = rt.run("kill", id, "KILL");
        assertEquals(0, k.exitCode(), k::describe);
        OciRuntime.Result r = run.await(SHORT);
        assertEquals(128 + 9, r.exitCode(), r::describe);
    }

    @Test
    void processKilledBySignalItSentItselfGives128PlusN() {
        // Not pid 1 (no pid namespace): a pid-1 init cannot be killed by a signal it has no handler for.
        Bundle b = bundle().removeNamespace("pid").args("probe", "kill-self", "TERM");
        OciRuntime.Result r = run(b, newId("selfterm"));
        assertEquals(128 + 15, r.exitCode(), r::describe);
        b.args("probe", "kill-self", "USR1");
        OciRuntime.Result r2 = run(b, newId("selfusr1"));
        assertEquals(128 + 10, r2.exitCode(), r2::describe);
    }

    @Test
    void detachReturnsAtOnceAndLeavesTheContainerRunning() {
        Bundle b = bundle().args("probe", "echo", "detached", "sleep", "60");
        String id = newId("detach");
        OciRuntime.Result r = run(b, id, "--detach");
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.took().compareTo(Duration.ofSeconds(20)) < 0, "run -d does not wait for the container");
        StateJson.assertState(rt.state(id), id, "running", b.dir);
        Wait.until(SHORT, () -> r.stdoutNow().contains("echo=detached"), () -> "container output: " + r.stdoutNow());

        String id2 = newId("d");
        OciRuntime.Result r2 = run(b, id2, "-d");
        assertEquals(0, r2.exitCode(), r2::describe);
        assertEquals("running", rt.status(id2));
    }

    @Test
    void signalsSentToTheRuntimeAreForwardedToTheContainer() {
        for (String[] sig : new String[][] {{"TERM", "15"}, {"USR1", "10"}}) {
            Bundle b = bundle("b" + sig[0]).args("probe", "trap", "60", "exit", "3");
            String id = newId("fwd" + sig[0].toLowerCase());
            OciRuntime.Spawned run = spawnRun(b, id);
            run.awaitStdout("trap=ready", SHORT);
            run.signal(sig[0]);
            OciRuntime.Result r = run.await(SHORT);
            assertTrue(r.stdout().contains("caught=" + sig[1]), "container saw SIG" + sig[0] + ": " + r.describe());
            assertEquals(3, r.exitCode(), "run goes on until the container exits: " + r.describe());
        }
    }
}
