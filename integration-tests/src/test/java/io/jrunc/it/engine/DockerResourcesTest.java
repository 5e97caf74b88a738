package io.jrunc.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.it.Probe;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docker run --runtime jrunc} with resource limits and devices: the cgroup files the container (and the host)
 * read, and what the limits do (a refused fork, an OOM kill, a device write refused).
 */
class DockerResourcesTest extends EngineTestBase {

    @Test
    void memoryLimit() {
        String name = name("mem");
        String id = startDetached(name, List.of("--memory", "64m"), "echo ready; cat /sys/fs/cgroup/memory/memory.limit_in_bytes; sleep 300");
        awaitLog(name, "67108864");
        assertEquals("67108864", read(engine.daemon.cgroupDir("memory", id).resolve("memory.limit_in_bytes")));
        long pid = Long.parseLong(docker.inspect(name, "{{.State.Pid}}"));
        assertTrue(read(Path.of("/proc/" + pid + "/cgroup")).contains(engine.daemon.tag + "/" + id), "the init is in the container's cgroup");
    }

    @Test
    void pidsLimitStopsForks() {
        Cmd.Result r = docker.runJrunc("--pids-limit", "5", BusyboxImage.NAME, "sh", "-c",
                "cat /sys/fs/cgroup/pids/pids.max; for i in 1 2 3 4 5 6 7 8; do sleep 5 & done; echo all-forked");
        assertEquals("5", r.out().lines().findFirst().orElse(""), r::describe);
        assertTrue(r.err().contains("can't fork"), () -> "the sixth task is refused:\n" + r.describe());
        assertTrue(!r.out().contains("all-forked") && r.exit() != 0, r::describe);
    }

    @Test
    void memoryLimitKillsAndDockerSeesTheOom() {
        String name = name("oom");
        Cmd.Result r = docker.cmd("run", "--runtime", DockerDaemon.RUNTIME, "--network", "none", "--name", name, "--memory", "16m", "--memory-swap", "16m",
                BusyboxImage.NAME, "sh", "-c", "sleep 1; tail /dev/zero; echo tail=$?; sleep 2; exit 3");
        // The OOM killer takes the child; the init outlives it, so the shim's OOM event reaches docker before the exit.
        // The first second: dockerd marks the container running only when the runtime's `start` has returned, and
        // that resets OOMKilled; an OOM in the JVM's last milliseconds of `start` would be forgotten (runc too, in a
        // narrower window).
        assertEquals(3, r.exit(), r::describe);
        assertEquals("tail=137", r.out().strip(), r::describe);
        assertEquals("true", docker.inspect(name, "{{.State.OOMKilled}}"), "the shim saw the cgroup's OOM event");
    }

    @Test
    void ulimitGroupsAndCpuset() {
        Probe p = probe(List.of("--ulimit", "nofile=1024:2048", "--group-add", "10", "--cpuset-cpus", "0"), "rlimits", "ids", "affinity");
        assertEquals("1024:2048", p.need("rlimit.NOFILE"));
        assertTrue(List.of(p.need("groups").split(",")).contains("10"), p.raw);
        assertEquals("0", p.need("affinity"), "cpuset.cpus 0 bounds the affinity");
    }

    @Test
    void cpusSetsTheQuota() {
        Cmd.Result r = docker.runJrunc("--cpus", "0.5", "--cpu-shares", "512", BusyboxImage.NAME, "sh", "-c",
                "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us /sys/fs/cgroup/cpu/cpu.shares");
        assertOk(r);
        assertEquals(List.of("50000", "100000", "512"), r.out().lines().toList());
    }

    @Test
    void devicesAndTheirCgroupPermissions() {
        // loop-control (10:237) is outside docker's default device rules, so ":r" is all the cgroup allows.
        List<String> flags = List.of("--device", "/dev/null:/dev/mynull", "--device", "/dev/loop-control:/dev/myloop:r");
        String[] probeArgs = {"stat", "/dev/mynull", "write", "/dev/mynull", "stat", "/dev/myloop", "read", "/dev/myloop", "write", "/dev/myloop"};
        Probe p = probe(flags, probeArgs);
        assertTrue(p.need("stat./dev/mynull").startsWith("type=c"), p.raw);
        assertTrue(p.need("stat./dev/mynull").contains("major=1 minor=3"), p.raw);
        assertEquals("ok", p.need("write./dev/mynull"));
        assertTrue(p.need("stat./dev/myloop").contains("major=10 minor=237"), p.raw);
        assertNotEquals("err:EPERM", p.need("read./dev/myloop"), "the devices cgroup allows reading");
        assertEquals("err:EPERM", p.need("write./dev/myloop"), "the devices cgroup allows only r");
        Probe runc = probeWithRunc(flags, probeArgs);
        for (String k : List.of("write./dev/mynull", "read./dev/myloop", "write./dev/myloop")) assertEquals(runc.get(k), p.get(k), k + " as with runc");
    }

}
