package io.jrunc.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrunc.it.Env;
import io.jrunc.it.Probe;
import io.jrunc.it.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * containerd without Docker: {@code ctr run --runc-binary JRUNC} (the runc v2 shim's BinaryName option) with the
 * suite's image, imported into a containerd namespace of its own from a {@code docker save} archive.
 */
class ContainerdTest extends EngineTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ctr ctr;
    private Path runtimeRoot;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void ctr() throws Exception {
        ctr = engine.ctr();
        runtimeRoot = Files.createDirectories(engine.daemon.dir.resolve("ctr-runtime-root"));
    }

    @AfterEach
    void removeTasksAndContainers() {
        for (String id : ids) {
            ctr.cmd("task", "kill", "-s", "SIGKILL", id);
            Wait.until(Duration.ofSeconds(20), () -> !ctr.cmd("task", "ls").out().contains(id + " ") || taskStatus(id).equals("STOPPED"), "task " + id + " to stop");
            ctr.cmd("task", "rm", "-f", id);
            ctr.cmd("container", "rm", id);
        }
    }

    private String newId(String hint) {
        String id = "jrit-ctr-" + hint + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        ids.add(id);
        return id;
    }

    /** {@code ctr run [--rm|-d] --runc-binary JRUNC --runc-root ROOT [extra] IMAGE ID CMD...}. */
    private Cmd.Result ctrRun(boolean detach, String id, List<String> extra, String... cmd) {
        List<String> a = new ArrayList<>(List.of("run", detach ? "-d" : "--rm", "--runc-binary", Env.binary().toString(), "--runc-root", runtimeRoot.toString()));
        a.addAll(extra);
        a.add(BusyboxImage.CONTAINERD_REF);
        a.add(id);
        a.addAll(List.of(cmd));
        return ctr.cmd(a.toArray(String[]::new));
    }

    @Test
    void runWithJruncAsTheRuncBinary() {
        String id = newId("run");
        Cmd.Result r = ctrRun(false, id, List.of(), "probe", "ids", "ns", "caps", "mounts");
        assertOk(r);
        Probe p = Probe.parse(r.out());
        assertEquals("0", p.need("uid"));
        for (String ns : List.of("pid", "mnt", "ipc", "uts")) assertTrue(!p.need("ns." + ns).equals(Env.hostNamespace(ns)), "own " + ns + " namespace");
        assertEquals("proc", p.mounts().get("/proc").type(), p.raw);
        assertEquals(5, ctrRun(false, newId("exit"), List.of(), "sh", "-c", "exit 5").exit(), "ctr run returns the task's exit code");
    }

    @Test
    void memoryLimitOption() throws Exception {
        String id = newId("mem");
        assertOk(ctrRun(true, id, List.of("--memory-limit", "67108864"), "sh", "-c", "while :; do sleep 1; done"));
        Wait.until(Duration.ofSeconds(20), () -> taskStatus(id).equals("RUNNING"), () -> "RUNNING: " + ctr.cmd("task", "ls").describe());
        // containerd's default spec has no cgroup mount; ctr's cgroupsPath is /NAMESPACE/ID.
        String cgroup = "/" + ctr.namespace + "/" + id;
        assertEquals("67108864", Files.readString(Path.of("/sys/fs/cgroup/memory" + cgroup, "memory.limit_in_bytes")).strip());
        assertTrue(Files.readString(Path.of("/proc/" + taskPid(id) + "/cgroup")).contains(":memory:" + cgroup + "\n"), "the task is in that cgroup");
    }

    @Test
    void detachedTaskIsJruncsContainerThroughItsLifecycle() throws Exception {
        String id = newId("task");
        assertOk(ctrRun(true, id, List.of(), "sh", "-c", "while :; do sleep 1; done"));
        Wait.until(Duration.ofSeconds(20), () -> taskStatus(id).equals("RUNNING"), () -> "RUNNING: " + ctr.cmd("task", "ls").describe());
        long pid = taskPid(id);
        JsonNode state = jruncState(id);
        assertEquals("running", state.get("status").asText(), "jrunc keeps the task's state: " + state);
        assertEquals(pid, state.get("pid").asLong());

        Cmd.Result ps = ctr.cmd("task", "ps", id);
        assertOk(ps);
        assertTrue(ps.out().lines().anyMatch(l -> l.trim().startsWith(pid + " ") || l.trim().equals(Long.toString(pid))), ps::describe);

        assertOk(ctr.cmd("task", "pause", id));
        assertEquals("PAUSED", taskStatus(id));
        assertEquals("paused", jruncState(id).get("status").asText());
        assertOk(ctr.cmd("task", "resume", id));
        assertEquals("RUNNING", taskStatus(id));

        Cmd.Result metrics = ctr.cmd("task", "metrics", "--format", "json", id);
        assertOk(metrics);
        assertTrue(JSON.readTree(metrics.out()).path("memory").path("usage").path("usage").asLong() > 0, metrics::describe);

        assertOk(ctr.cmd("task", "kill", "-s", "SIGKILL", id));
        Wait.until(Duration.ofSeconds(20), () -> taskStatus(id).equals("STOPPED"), () -> "STOPPED: " + ctr.cmd("task", "ls").describe());
        assertOk(ctr.cmd("task", "rm", id));
        Cmd.Result gone = jrunc("state", id);
        assertTrue(gone.exit() != 0 && gone.err().contains("does not exist"), () -> "the shim deleted the container in jrunc:\n" + gone.describe());
    }

    @Test
    void execIntoATask() {
        String id = newId("exec");
        assertOk(ctrRun(true, id, List.of(), "sh", "-c", "while :; do sleep 1; done"));
        Wait.until(Duration.ofSeconds(20), () -> taskStatus(id).equals("RUNNING"), "RUNNING");
        Cmd.Result r = ctr.cmd("task", "exec", "--exec-id", "e1", id, "probe", "ids", "ns");
        assertOk(r);
        Probe p = Probe.parse(r.out());
        assertEquals("0", p.need("uid"));
        long pid = taskPid(id);
        for (String ns : List.of("pid", "mnt", "ipc", "uts")) {
            assertEquals(readLink("/proc/" + pid + "/ns/" + ns), p.need("ns." + ns), "the exec joined the task's " + ns + " namespace");
        }
        Cmd.Result exit = ctr.cmd("task", "exec", "--exec-id", "e2", id, "sh", "-c", "exit 6");
        assertEquals(6, exit.exit(), exit::describe);
    }

    private static String readLink(String path) {
        try {
            return Files.readSymbolicLink(Path.of(path)).toString();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + path + ": " + e);
        }
    }

    private Cmd.Result jrunc(String... args) {
        List<String> a = new ArrayList<>(List.of(Env.binary().toString(), "--root", runtimeRoot.resolve(ctr.namespace).toString()));
        a.addAll(List.of(args));
        return Cmd.run(a, null, Docker.TIMEOUT);
    }

    private JsonNode jruncState(String id) throws Exception {
        Cmd.Result r = jrunc("state", id);
        assertOk(r);
        return JSON.readTree(r.out());
    }

    /** The STATUS column of {@code ctr task ls} for the id, or "" when it has no task. */
    private String taskStatus(String id) {
        return taskColumns(id).map(c -> c[2]).orElse("");
    }

    private long taskPid(String id) {
        return Long.parseLong(taskColumns(id).orElseThrow()[1]);
    }

    private java.util.Optional<String[]> taskColumns(String id) {
        return ctr.cmd("task", "ls").out().lines().map(l -> l.trim().split("\\s+")).filter(c -> c.length >= 3 && c[0].equals(id)).findFirst();
    }
}
