package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 3: `run` and `exec` in the foreground forward SIGINT and SIGHUP also when they
 * were ignored at launch, as a shell starts `jrunc run X &` (SIGINT) and as `nohup` does (SIGHUP).
 * jrunc is launched through `sh -c "trap '' INT HUP; exec jrunc ..."` (ignored dispositions survive
 * execve). The container's process is not a pid namespace's init, so the forwarded signal both
 * shows (the probe's trap prints it) and then kills it (the probe re-raises it with SIG_DFL), and
 * jrunc exits 128 + N as runc does. Before the fix, the JVM installed no handler over the ignored
 * signal: nothing was forwarded and jrunc ran on until the test's time-out.
 */
class SignalsIgnoredAtLaunchTest extends ItBase {

    @Test
    void runForwardsSigintAndSighupIgnoredAtLaunch() {
        for (String[] sig : new String[][] {{"INT", "2", "130"}, {"HUP", "1", "129"}}) {
            Bundle b = bundle("b" + sig[0]).removeNamespace("pid").args("probe", "trap", "60", "kill-self", sig[0]);
            b.write();
            String id = rt.track(newId("ign" + sig[0].toLowerCase()));
            OciRuntime.Spawned run = spawnIgnoringIntAndHup(sig[0], "run", "--bundle", b.dir.toString(), id);
            assertForwarded(run, sig);
        }
    }

    @Test
    void execInTheForegroundForwardsSigintAndSighupIgnoredAtLaunch() {
        String id = newId("c");
        createAndStart(bundle().args("sleep", "120"), id);
        for (String[] sig : new String[][] {{"INT", "2", "130"}, {"HUP", "1", "129"}}) {
            OciRuntime.Spawned exec = spawnIgnoringIntAndHup(sig[0], "exec", id, "probe", "trap", "60", "kill-self", sig[0]);
            assertForwarded(exec, sig);
        }
    }

    private static void assertForwarded(OciRuntime.Spawned p, String[] sig) {
        try {
            p.awaitStdout("trap=ready", SHORT);
            p.signal(sig[0]);
            OciRuntime.Result r = p.await(SHORT);
            assertTrue(r.stdout().contains("caught=" + sig[1]), "the container got SIG" + sig[0] + ": " + r.describe());
            assertEquals(Integer.parseInt(sig[2]), r.exitCode(), "128 + SIG" + sig[0] + ", as runc: " + r.describe());
        } finally {
            p.process.destroyForcibly();
        }
    }

    /** Starts jrunc with SIGINT and SIGHUP ignored, as a shell's background job and nohup have them. */
    private OciRuntime.Spawned spawnIgnoringIntAndHup(String tag, String... args) {
        List<String> cmd = rt.command(OciRuntime.Opts.defaults(), args);
        List<String> real = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' INT HUP; exec \"$@\"", "sh"));
        real.addAll(cmd);
        Path out = work.resolve(args[0] + "-" + tag + ".stdout");
        Path err = work.resolve(args[0] + "-" + tag + ".stderr");
        try {
            Process p = new ProcessBuilder(real).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(new java.io.File("/dev/null")).start();
            return rt.new Spawned(p, cmd, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + real, e);
        }
    }
}
