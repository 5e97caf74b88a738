package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native front end (issue 14, docs/planner-protocol.md) against the cold path it stands in for: a call
 * through the planner gives the same output, exit code and fds as the same call on the cold path; the planner is
 * switched off by the environment and by the config file; a socket directory that is not the uid's own 0700
 * directory is never used; and the front end stays small (static, RSS under 1 MiB while it waits for a container).
 *
 * <p>The calls go to a copy of the installed front end ({@link FrontEndInstall}) whose launcher records every
 * cold path and planner start, so each test can tell which way a call went.
 */
class FrontEndTest extends ItBase {
    private static final Path ROOT_SOCKET_DIR = Path.of("/run/jrunc-planner");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static Path scratch;
    private static FrontEndInstall fe;
    private static Path config;

    @BeforeAll
    static void copyTheFrontEnd() throws IOException {
        scratch = Files.createTempDirectory(Path.of("/tmp"), "jrit-fe-");
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        fe = FrontEndInstall.copyOf(Env.binary(), scratch.resolve("prefix"));
        // The planners these tests start go away on their own soon after the class, whatever happens.
        config = scratch.resolve("config");
        Files.writeString(config, "planner-idle-seconds = 30\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterAll
    static void stopPlanners() {
        if (fe != null) fe.stopPlanner(ROOT_SOCKET_DIR);
        if (scratch != null) HostFs.deleteTree(scratch);
    }

    private record Outcome(int exitCode, String stdout, String stderr) {}

    /** The caller's environment without any planner setting, plus this class's config file and {@code extra}. */
    private static Map<String, String> env(String... extra) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("JRUNC_PLANNER");
        env.put("JRUNC_CONFIG", config.toString());
        for (int i = 0; i + 1 < extra.length; i += 2) env.put(extra[i], extra[i + 1]);
        return env;
    }

    /** Runs {@code command} in {@code cwd} with {@code env} and {@code stdin} as its input, and waits for it. */
    private Outcome call(List<String> command, Map<String, String> env, Path cwd, String stdin) throws Exception {
        Path calls = Files.createDirectories(work.resolve("fe-calls"));
        Path in = Files.createTempFile(calls, "in", "");
        Path out = Files.createTempFile(calls, "out", "");
        Path err = Files.createTempFile(calls, "err", "");
        Files.writeString(in, stdin);
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + CALL_TIMEOUT + ":\n" + Files.readString(err));
        }
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The copy's jrunc with this test's --root and --log. */
    private List<String> jrunc(String... args) {
        List<String> cmd = new ArrayList<>(List.of(fe.binary.toString(), "--root", rt.root().toString(), "--log", rt.log().toString(),
                "--log-format", "json"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A planner of the copy is up (the first call, if needed, started it). */
    private void warmUp() throws Exception {
        call(List.of(fe.binary.toString(), "--version"), env(), work, "");
        fe.awaitPlanner(ROOT_SOCKET_DIR, Duration.ofSeconds(30));
    }

    @Test
    void aCallThroughThePlannerForwardsArgvCwdEnvAndStdioLikeTheColdPath() throws Exception {
        warmUp();
        Bundle b = bundle();
        // stdin in, stdout and stderr out, fd 3 passed on because the caller's LISTEN_FDS says so, an exit code;
        // the bundle is named relative to the caller's cwd.
        b.args("sh", "-c", "read line; echo \"out:$line\"; echo err >&2; echo fd3 >&3; exit 7").write();
        Map<String, Outcome> byMode = new HashMap<>();
        Map<String, String> fd3 = new HashMap<>();
        for (String mode : List.of("on", "off")) {
            Path fd3File = work.resolve("fd3-" + mode);
            String id = newId(mode);
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec 3>>\"$0\"; exec \"$@\"", fd3File.toString()));
            cmd.addAll(jrunc("run", "--bundle", work.relativize(b.dir).toString(), id));
            long cold = fe.coldCalls();
            byMode.put(mode, call(cmd, env("JRUNC_PLANNER", mode, "LISTEN_FDS", "1"), work, "hello\n"));
            fd3.put(mode, Files.readString(fd3File));
            assertEquals(mode.equals("on") ? cold : cold + 1, fe.coldCalls(), "cold path calls with the planner " + mode);
        }
        Outcome warm = byMode.get("on");
        assertEquals(7, warm.exitCode(), () -> "the container's exit code:\n" + warm);
        assertEquals("out:hello\n", warm.stdout());
        assertEquals("fd3\n", fd3.get("on"));
        assertEquals(byMode.get("off"), warm, "the same call on the cold path");
        assertEquals(fd3.get("off"), fd3.get("on"));
    }

    @Test
    void exitCodesAndErrorsMatchTheColdPath() throws Exception {
        warmUp();
        Bundle b = bundle();
        b.args("true").write();
        String id = newId("ok");
        List<List<String>> calls = List.of(
                jrunc("run", "--bundle", b.dir.toString(), id),
                jrunc("state", "no-such-container"),
                jrunc("delete", "no-such-container"),
                jrunc("no-such-command"));
        for (List<String> c : calls) {
            long cold = fe.coldCalls();
            Outcome warm = call(c, env(), work, "");
            assertEquals(cold, fe.coldCalls(), () -> "went to the cold path with the planner on: " + c);
            Outcome coldOutcome = call(c, env("JRUNC_PLANNER", "off"), work, "");
            assertEquals(coldOutcome, warm, () -> "through the planner and on the cold path: " + c);
        }
    }

    @Test
    void theEnvironmentSwitchesThePlannerOffAndOnOverTheConfigFile() throws Exception {
        warmUp();
        Path on = scratch.resolve("config-on");
        Files.writeString(on, "# the planner is wanted here\nplanner = on\n");
        long starts = fe.plannerStarts(), cold = fe.coldCalls();
        for (String off : List.of("off", "0", "false", "no")) {
            Outcome r = call(List.of(fe.binary.toString(), "--version"), env("JRUNC_PLANNER", off, "JRUNC_CONFIG", on.toString()), work, "");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().startsWith("jrunc version"), r::toString);
        }
        assertEquals(cold + 4, fe.coldCalls(), "JRUNC_PLANNER=off|0|false|no: the cold path each time");
        assertEquals(starts, fe.plannerStarts(), "no planner started with the planner off");
        Path offConfig = scratch.resolve("config-off");
        Files.writeString(offConfig, "planner = off\n");
        call(List.of(fe.binary.toString(), "--version"), env("JRUNC_PLANNER", "on", "JRUNC_CONFIG", offConfig.toString()), work, "");
        assertEquals(cold + 4, fe.coldCalls(), "JRUNC_PLANNER=on wins over `planner = off` in the config file");
    }

    @Test
    void theConfigFileSwitchesThePlannerOff() throws Exception {
        Path offConfig = scratch.resolve("config-off-only");
        Files.writeString(offConfig, "planner-idle-seconds = 30\n  planner   =   off   # no resident JVM on this machine\n");
        long starts = fe.plannerStarts(), cold = fe.coldCalls();
        Bundle b = bundle();
        b.args("sh", "-c", "exit 3").write();
        Outcome r = call(jrunc("run", "--bundle", b.dir.toString(), newId("cfg")), env("JRUNC_CONFIG", offConfig.toString()), work, "");
        assertEquals(3, r.exitCode(), r::toString);
        assertEquals(cold + 1, fe.coldCalls(), "`planner = off`: the cold path");
        assertEquals(starts, fe.plannerStarts(), "`planner = off`: no planner started");
    }

    @Test
    void aSocketDirectoryThatIsNotTheUidsOwn0700DirectoryIsNeverUsed() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is needed to run as another uid");
        int nobody = 65534;
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path xdg = Files.createDirectory(work.resolve("xdg"));
        Files.setAttribute(xdg, "unix:uid", nobody);
        Path dir = xdg.resolve("jrunc-planner");
        List<String> cmd = List.of("/usr/bin/setpriv", "--reuid=" + nobody, "--regid=" + nobody, "--clear-groups",
                fe.binary.toString(), "--version");
        Map<String, String> env = env("XDG_RUNTIME_DIR", xdg.toString());
        try {
            // Group and other bits set, though the uid's own: refused.
            Files.createDirectory(dir);
            Files.setAttribute(dir, "unix:uid", nobody);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            expectColdPathWithoutPlanner(cmd, env, "a socket directory of mode 0755");
            // 0700 but root's: refused.
            Files.setAttribute(dir, "unix:uid", 0);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            expectColdPathWithoutPlanner(cmd, env, "a socket directory of another owner");
            // A symlink to the uid's own 0700 directory: refused.
            Files.delete(dir);
            Path real = Files.createDirectory(xdg.resolve("real"));
            Files.setAttribute(real, "unix:uid", nobody);
            Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
            Files.createSymbolicLink(dir, real);
            expectColdPathWithoutPlanner(cmd, env, "a socket directory that is a symlink");
            // The control: no directory at all is the first call of this uid, which starts its planner.
            Files.delete(dir);
            long starts = fe.plannerStarts();
            call(cmd, env, work, "");
            assertEquals(starts + 1, fe.plannerStarts(), "no socket directory yet: the front end starts a planner");
            fe.awaitPlanner(dir, Duration.ofSeconds(30));
        } finally {
            fe.stopPlanner(dir);
        }
    }

    private void expectColdPathWithoutPlanner(List<String> cmd, Map<String, String> env, String what) throws Exception {
        long starts = fe.plannerStarts(), cold = fe.coldCalls();
        Outcome r = call(cmd, env, work, "");
        assertEquals(0, r.exitCode(), () -> what + ": " + r);
        assertEquals(cold + 1, fe.coldCalls(), what + ": the cold path");
        assertEquals(starts, fe.plannerStarts(), what + ": no planner started there");
    }

    @Test
    void theFrontEndStaysUnderOneMibWhileItWaitsForAForegroundContainer() throws Exception {
        warmUp();
        Bundle b = bundle();
        b.args("sleep", "1").write();
        long cold = fe.coldCalls();
        ProcessBuilder pb = new ProcessBuilder(jrunc("run", "--bundle", b.dir.toString(), newId("rss")))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(work.resolve("rss.out").toFile()).redirectError(work.resolve("rss.err").toFile());
        pb.environment().clear();
        pb.environment().putAll(env());
        Process p = pb.start();
        long peakKb = 0;
        while (p.isAlive()) {
            peakKb = Math.max(peakKb, vmHwmKb(p.pid()));
            sleep(20);
        }
        assertEquals(0, p.exitValue(), () -> "run failed: " + read(work.resolve("rss.err")));
        assertEquals(cold, fe.coldCalls(), "the run went through the planner");
        assertTrue(peakKb > 0, "VmHWM was read while the front end ran");
        long peak = peakKb;
        assertTrue(peak <= 1024, () -> "the front end's VmHWM is " + peak + " kB, over 1 MiB");
    }

    @Test
    void theFrontEndIsAStaticExecutable() throws IOException {
        // ELF64 program headers: no PT_INTERP (3, a dynamic loader) and no PT_DYNAMIC (2).
        try (RandomAccessFile f = new RandomAccessFile(Env.binary().toFile(), "r")) {
            byte[] head = new byte[64];
            f.readFully(head);
            ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            assertTrue(PlannerFrontEnd.isElf(Env.binary()), Env.binary() + " is not an ELF executable");
            assertEquals(2, head[4], "ELF64");
            long phoff = h.getLong(32);
            int phentsize = Short.toUnsignedInt(h.getShort(54));
            int phnum = Short.toUnsignedInt(h.getShort(56));
            for (int i = 0; i < phnum; i++) {
                f.seek(phoff + (long) i * phentsize);
                int type = Integer.reverseBytes(f.readInt());
                assertFalse(type == 3 || type == 2, "program header " + i + " is PT_INTERP or PT_DYNAMIC: the front end is dynamically linked");
            }
        }
        assertTrue(Files.size(Env.binary()) < 256 * 1024, "the front end is " + Files.size(Env.binary()) + " bytes");
    }

    private static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            // the process just exited
        }
        return 0;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
