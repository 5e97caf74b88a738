package io.jrunc.core.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jrunc.core.CollectedWarnings;
import io.jrunc.core.init.SealedHelperLauncher;
import io.jrunc.spec.Hook;
import io.jrunc.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook runner for real: jrunc-init (built by `make helper`) runs each hook with RUN_HOOK, so
 * this checks the C side too: argv[0] apart from the path, exactly the hook's env, the state on
 * stdin, the cwd, exit status and output in the error, exec failures, timeouts. No root needed.
 */
class HookRunnerTest {
    private static final Path HELPER = Path.of("../runtime-native/target/jrunc-init").toAbsolutePath().normalize();
    private static final HookState STATE = new HookState("c1", HookState.CREATING, 4242, "/b", Map.of("k", "v"));

    @TempDir
    Path tmp;

    @RegisterExtension
    final CollectedWarnings collected = new CollectedWarnings();

    private final HookRunner runner = new HookRunner(new SealedHelperLauncher(Syscalls.linux()), System.getenv());
    private final List<String> warnings = collected.warnings;
    private String previous;

    @BeforeEach
    void useBuiltHelper() {
        assumeTrue(Files.isExecutable(HELPER), "jrunc-init is built by `make helper`: " + HELPER);
        previous = System.setProperty("jrunc.init", HELPER.toString());
    }

    @AfterEach
    void restore() {
        if (previous == null) System.clearProperty("jrunc.init");
        else System.setProperty("jrunc.init", previous);
    }

    private static Hook sh(String script, List<String> env, Integer timeout) {
        return new Hook("/bin/sh", List.of("my-hook", "-c", script), env, timeout);
    }

    @Test
    void hookGetsTheStateOnStdinItsArgv0ItsEnvOnlyAndTheDirectory() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        String script = "cat > state; tr '\\0' ' ' < /proc/$$/cmdline > argv; /usr/bin/env > env; pwd > cwd";
        runner.runFatal(HookPoint.PRESTART, List.of(sh(script, List.of("A=1", "B=two words"), 5)), STATE, out);
        assertEquals(STATE.json(), Files.readString(out.resolve("state")));
        assertTrue(Files.readString(out.resolve("argv")).startsWith("my-hook -c "), "argv[0] is args[0], not the path");
        List<String> env = Files.readAllLines(out.resolve("env")).stream().filter(l -> !l.startsWith("PWD=")).sorted().toList();
        assertEquals(List.of("A=1", "B=two words"), env, "exactly the hook's env");
        assertEquals(out.toString(), Files.readString(out.resolve("cwd")).trim());
    }

    @Test
    void failureCarriesExitStatusStdoutAndStderrAndNamesTheHook() {
        Hook ok = sh("true", List.of(), null);
        Hook bad = sh("echo out; echo err >&2; exit 7", List.of(), null);
        HookFailure e = assertThrows(HookFailure.class,
                () -> runner.runFatal(HookPoint.CREATE_RUNTIME, List.of(ok, bad), STATE, tmp));
        assertEquals("hooks.createRuntime[1] (/bin/sh): error running hook: exit status 7, stdout: out\n, stderr: err\n",
                e.getMessage());
    }

    @Test
    void hookKilledBySignalSaysSo() {
        HookFailure e = assertThrows(HookFailure.class,
                () -> runner.runFatal(HookPoint.PRESTART, List.of(sh("kill -9 $$", List.of(), null)), STATE, tmp));
        assertTrue(e.getMessage().contains("error running hook: signal: "), e.getMessage());
    }

    @Test
    void hookThatCannotBeExecutedIsAnErrorNamingThePath() {
        Hook missing = new Hook(tmp.resolve("nope").toString(), null, null, null);
        HookFailure e = assertThrows(HookFailure.class, () -> runner.runFatal(HookPoint.PRESTART, List.of(missing), STATE, tmp));
        assertTrue(e.getMessage().startsWith("hooks.prestart[0] (" + missing.path() + "): error running hook: exec "), e.getMessage());
        assertTrue(e.getMessage().endsWith("No such file or directory"), e.getMessage());
    }

    @Test
    void hookPastItsTimeoutIsKilled() throws Exception {
        Path pid = tmp.resolve("pid");
        long t0 = System.nanoTime();
        HookFailure e = assertThrows(HookFailure.class, () -> runner.runFatal(HookPoint.PRESTART,
                List.of(sh("echo $$ > " + pid + "; exec sleep 30", List.of("PATH=/usr/bin:/bin"), 1)), STATE, tmp));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("hooks.prestart[0] (/bin/sh): hook ran past specified timeout of 1.0s", e.getMessage());
        assertTrue(ms >= 900 && ms < 10_000, "stopped after about a second: " + ms + " ms");
        long hook = Long.parseLong(Files.readString(pid).trim());
        assertFalse(ProcessHandle.of(hook).map(ProcessHandle::isAlive).orElse(false), "the hook was killed and reaped");
    }

    @Test
    void hookThatIgnoresStdinStillRuns() throws Exception {
        Path marker = tmp.resolve("ran");
        runner.runFatal(HookPoint.PRESTART, List.of(sh("exec 0<&-; echo yes > " + marker, List.of(), null)), STATE, tmp);
        assertEquals("yes", Files.readString(marker).trim());
    }

    @Test
    void warningPointsReportEachFailureAndRunTheRest() throws Exception {
        Path marker = tmp.resolve("second");
        runner.runWarning(HookPoint.POSTSTOP, List.of(sh("exit 2", List.of(), null), sh("echo x > " + marker, List.of(), null)),
                new HookState("c1", HookState.STOPPED, 0, "/b", Map.of()), tmp);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().startsWith("hooks.poststop[0] (/bin/sh): error running hook: exit status 2"), warnings.toString());
        assertTrue(Files.exists(marker), "the next hook ran");
    }

    @Test
    void hookWithoutEnvGetsTheCallersEnvironment() throws Exception {
        Path out = tmp.resolve("env");
        // The caller's environment, not the JVM's: a resident planner's is not its caller's.
        HookRunner forCaller = new HookRunner(new SealedHelperLauncher(Syscalls.linux()),
                Map.of("PATH", "/usr/bin:/bin", "FROM_CALLER", "yes"));
        forCaller.runFatal(HookPoint.PRESTART, List.of(sh("/usr/bin/env > " + out, null, null)), STATE, tmp);
        List<String> env = Files.readAllLines(out).stream().filter(l -> !l.startsWith("PWD=")).sorted().toList();
        assertEquals(List.of("FROM_CALLER=yes", "PATH=/usr/bin:/bin"), env, "Go's os/exec rule: nil env inherits");
    }
}
