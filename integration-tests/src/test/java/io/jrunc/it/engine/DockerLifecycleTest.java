package io.jrunc.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.it.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docker does to a running container through the runtime: stop (kill TERM, later KILL), kill with a signal,
 * pause/unpause (freezer), top (ps --format json), update (update --resources -), stats (the shim reads the
 * cgroup), restart, and logs of a detached run.
 */
class DockerLifecycleTest extends EngineTestBase {
    /** pid 1 ignores TERM anyway; the trap says so explicitly. The loop keeps the container busy. */
    private static final String IGNORE_TERM = "trap '' TERM; echo ready; while :; do sleep 1; done";

    @Test
    void theContainerIsJruncsWithTheShimsRootAndPidFile() throws Exception {
        String name = name("state");
        String id = startDetached(name, List.of(), "echo ready; exec sleep 300");
        long pid = Long.parseLong(docker.inspect(name, "{{.State.Pid}}"));
        // dockerd gives the runc shim Root = EXECROOT/runtime-runc; the shim adds its namespace, moby.
        Path root = engine.daemon.dir.resolve("exec/runtime-runc/moby");
        Cmd.Result state = Cmd.run(List.of(io.jrunc.it.Env.binary().toString(), "--root", root.toString(), "state", id), null, Docker.TIMEOUT);
        assertOk(state);
        com.fasterxml.jackson.databind.JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper().readTree(state.out());
        assertEquals("running", s.get("status").asText(), state::describe);
        assertEquals(pid, s.get("pid").asLong(), "the pid docker reports is jrunc's init");
        Path bundle = engine.daemon.dir.resolve("exec/containerd/daemon/io.containerd.runtime.v2.task/moby").resolve(id);
        assertEquals(Long.toString(pid), Files.readString(bundle.resolve("init.pid")).strip(), "create wrote --pid-file");
        assertEquals(bundle.toString(), s.get("bundle").asText());
    }

    @Test
    void stopSendsKillAfterTheTimeoutToAContainerIgnoringTerm() {
        String name = name("stop");
        startDetached(name, List.of(), IGNORE_TERM);
        Cmd.Result r = docker.cmd("stop", "-t", "3", name);
        assertOk(r);
        assertTrue(r.took().toMillis() >= 3000, () -> "stop waited the timeout before KILL: " + r.describe());
        // After the timeout: kill KILL, delete, delete --force, each a JVM start (seconds on a loaded CI machine).
        assertTrue(r.took().toMillis() < 25000, () -> "stop finished soon after the timeout: " + r.describe());
        assertEquals("137", docker.inspect(name, "{{.State.ExitCode}}"), "killed by SIGKILL");
        assertEquals("exited", docker.inspect(name, "{{.State.Status}}"));
    }

    @Test
    void stopOfAContainerThatHandlesTermIsQuick() {
        String name = name("stopq");
        startDetached(name, List.of(), "trap 'echo got-term; exit 0' TERM; echo ready; while :; do sleep 1; done");
        Cmd.Result r = docker.cmd("stop", "-t", "30", name);
        assertOk(r);
        assertTrue(r.took().toMillis() < 15000, () -> "TERM ended it long before the 30 s timeout: " + r.describe());
        assertEquals("0", docker.inspect(name, "{{.State.ExitCode}}"));
        assertTrue(docker.cmd("logs", name).out().contains("got-term"));
    }

    @Test
    void killWithDefaultAndNamedSignals() {
        String name = name("kill");
        startDetached(name, List.of(), "trap 'echo got-usr1' USR1; trap 'echo got-hup' HUP; echo ready; while :; do sleep 1; done");
        assertOk(docker.cmd("kill", "--signal", "USR1", name));
        awaitLog(name, "got-usr1");
        assertOk(docker.cmd("kill", "--signal", "SIGHUP", name));
        awaitLog(name, "got-hup");
        assertEquals("running", docker.inspect(name, "{{.State.Status}}"));
        assertOk(docker.cmd("kill", name));
        Wait.until(Duration.ofSeconds(20), () -> docker.inspect(name, "{{.State.Status}}").equals("exited"), "the container to exit");
        assertEquals("137", docker.inspect(name, "{{.State.ExitCode}}"));
    }

    @Test
    void pauseFreezesAndUnpauseThaws(@TempDir Path host) throws IOException {
        String name = name("pause");
        String id = startDetached(name, List.of("-v", host + ":/out"), "echo ready; i=0; while :; do i=$((i+1)); echo $i > /out/n; usleep 100000; done");
        Path counter = host.resolve("n");
        Wait.until(Duration.ofSeconds(10), () -> Files.exists(counter), "the counter file");
        assertOk(docker.cmd("pause", name));
        assertEquals("paused", docker.inspect(name, "{{.State.Status}}"));
        assertEquals("FROZEN", Files.readString(engine.daemon.cgroupDir("freezer", id).resolve("freezer.state")).strip());
        String frozenAt = Files.readString(counter);
        sleep(1000);
        assertEquals(frozenAt, Files.readString(counter), "nothing runs while paused");
        assertOk(docker.cmd("unpause", name));
        assertEquals("running", docker.inspect(name, "{{.State.Status}}"));
        assertEquals("THAWED", Files.readString(engine.daemon.cgroupDir("freezer", id).resolve("freezer.state")).strip());
        Wait.until(Duration.ofSeconds(10), () -> !readQuietly(counter).equals(frozenAt), "the counter to move again after unpause");
    }

    @Test
    void topListsTheContainersProcesses() {
        String name = name("top");
        startDetached(name, List.of(), "echo ready; exec sleep 321");
        long pid = Long.parseLong(docker.inspect(name, "{{.State.Pid}}"));
        Cmd.Result r = docker.cmd("top", name);
        assertOk(r);
        assertTrue(r.out().lines().anyMatch(l -> l.contains("sleep 321") && List.of(l.trim().split("\\s+")).contains(Long.toString(pid))),
                () -> "docker top shows the init by host pid " + pid + ":\n" + r.describe());
    }

    @Test
    void updateChangesTheLiveCgroup() throws IOException {
        String name = name("update");
        String id = startDetached(name, List.of("--memory", "64m", "--pids-limit", "50"), "echo ready; exec sleep 300");
        Cmd.Result r = docker.cmd("update", "--memory", "128m", "--memory-swap", "256m", "--pids-limit", "20", "--cpus", "0.25", "--cpu-shares", "256", name);
        assertOk(r);
        assertEquals("134217728", cgroupFile("memory", id, "memory.limit_in_bytes"));
        assertEquals("268435456", cgroupFile("memory", id, "memory.memsw.limit_in_bytes", "268435456"));
        assertEquals("20", cgroupFile("pids", id, "pids.max"));
        assertEquals("25000", cgroupFile("cpu", id, "cpu.cfs_quota_us"));
        assertEquals("256", cgroupFile("cpu", id, "cpu.shares"));
        assertEquals("134217728", docker.inspect(name, "{{.HostConfig.Memory}}"));
        assertEquals("running", docker.inspect(name, "{{.State.Status}}"), "update leaves the container running");
    }

    @Test
    void statsShowsMemoryAndPids() {
        String name = name("stats");
        startDetached(name, List.of("--memory", "64m"), "echo ready; exec sleep 300");
        Cmd.Result r = docker.cmd("stats", "--no-stream", "--format", "{{.MemUsage}}|{{.PIDs}}", name);
        assertOk(r);
        Matcher m = Pattern.compile("([0-9.]+)([KMG]i?B) / 64MiB\\|(\\d+)").matcher(r.out().strip());
        assertTrue(m.matches(), () -> "memory usage against the 64 MiB limit, and pids:\n" + r.describe());
        assertTrue(Double.parseDouble(m.group(1)) > 0, r::describe);
        assertEquals("1", m.group(3), "one process: sleep");
    }

    @Test
    void restartRunsTheContainerAgain() {
        String name = name("restart");
        startDetached(name, List.of(), "echo ready; echo run-$$-$(cat /proc/uptime); trap 'exit 0' TERM; while :; do sleep 1; done");
        long firstPid = Long.parseLong(docker.inspect(name, "{{.State.Pid}}"));
        String firstStart = docker.inspect(name, "{{.State.StartedAt}}");
        Cmd.Result r = docker.cmd("restart", "-t", "5", name);
        assertOk(r);
        assertEquals("running", docker.inspect(name, "{{.State.Status}}"));
        assertNotEquals(firstPid, Long.parseLong(docker.inspect(name, "{{.State.Pid}}")), "a new init");
        assertNotEquals(firstStart, docker.inspect(name, "{{.State.StartedAt}}"));
        Wait.until(Duration.ofSeconds(20), () -> docker.cmd("logs", name).out().lines().filter(l -> l.startsWith("run-")).count() == 2,
                () -> "two runs in the log: " + docker.cmd("logs", name).describe());
        assertFalseProcess(firstPid);
    }

    @Test
    void detachedRunThenLogs() {
        String name = name("logs");
        Cmd.Result r = docker.cmd("run", "-d", "--runtime", DockerDaemon.RUNTIME, "--network", "none", "--name", name, BusyboxImage.NAME,
                "sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 4");
        assertOk(r);
        Cmd.Result w = docker.cmd("wait", name);
        assertOk(w);
        assertEquals("4", w.out().strip(), "docker wait reports the exit code");
        Cmd.Result logs = docker.cmd("logs", name);
        assertOk(logs);
        assertEquals("to-stdout", logs.out().strip());
        assertEquals("to-stderr", logs.err().strip());
    }

    @Test
    void removeForceOfARunningContainer() {
        String name = name("rmf");
        startDetached(name, List.of(), IGNORE_TERM);
        long pid = Long.parseLong(docker.inspect(name, "{{.State.Pid}}"));
        Cmd.Result r = docker.cmd("rm", "-f", name);
        assertOk(r);
        assertTrue(r.took().toMillis() < 15000, r::describe);
        assertNotEquals(0, docker.cmd("inspect", name).exit(), "gone");
        assertFalseProcess(pid);
    }

    private String cgroupFile(String controller, String id, String file) throws IOException {
        return Files.readString(engine.daemon.cgroupDir(controller, id).resolve(file)).strip();
    }

    /** A file that only exists with swap accounting on: the expected value when it is absent. */
    private String cgroupFile(String controller, String id, String file, String whenAbsent) throws IOException {
        Path p = engine.daemon.cgroupDir(controller, id).resolve(file);
        return Files.exists(p) ? Files.readString(p).strip() : whenAbsent;
    }

    private static void assertFalseProcess(long pid) {
        Wait.until(Duration.ofSeconds(10), () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "host pid " + pid + " to be gone");
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
