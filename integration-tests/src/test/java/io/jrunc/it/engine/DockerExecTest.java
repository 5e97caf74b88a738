package io.jrunc.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.it.Probe;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docker exec} into a container running under jrunc: the shim calls {@code jrunc exec --process FILE
 * --detach --pid-file P [--console-socket S] ID}. The process must join the container's namespaces and cgroup.
 */
class DockerExecTest extends EngineTestBase {
    private static final String WAIT = "echo ready; exec sleep 300";

    @Test
    void plainExecJoinsTheContainer() {
        String name = name("exec");
        String id = startDetached(name, List.of("--hostname", "exec-host", "-e", "FROM_RUN=1"), WAIT);
        Cmd.Result r = docker.cmd("exec", name, "probe", "ids", "hostname", "env", "ns", "tty");
        assertOk(r);
        Probe p = Probe.parse(r.out());
        assertEquals("0", p.need("uid"));
        assertEquals("exec-host", p.need("hostname"), "the exec is in the container's uts namespace");
        assertEquals("1", p.need("env.FROM_RUN"), "docker gives the exec the container's env");
        assertEquals("0", p.need("tty.stdin"));
        long pid = Long.parseLong(docker.inspect(name, "{{.State.Pid}}"));
        for (String ns : List.of("pid", "mnt", "net", "ipc", "uts")) {
            assertEquals(readLink("/proc/" + pid + "/ns/" + ns), p.need("ns." + ns), "the exec joined the container's " + ns + " namespace");
        }
        Cmd.Result ps = docker.cmd("exec", name, "ps", "-o", "pid,args");
        assertOk(ps);
        assertTrue(ps.out().lines().anyMatch(l -> l.strip().matches("1 +sleep 300")), () -> "pid 1 in the exec's pid namespace is the container's:\n" + ps.describe());
        Cmd.Result cg = docker.cmd("exec", name, "cat", "/proc/self/cgroup");
        assertOk(cg);
        assertTrue(cg.out().contains(engine.daemon.tag + "/" + id), () -> "the exec is in the container's cgroup:\n" + cg.describe());
    }

    @Test
    void execExitCodeAndStdin() {
        String name = name("exitc");
        startDetached(name, List.of(), WAIT);
        Cmd.Result r = docker.cmd("exec", name, "sh", "-c", "exit 7");
        assertEquals(7, r.exit(), r::describe);
        Cmd.Result in = docker.cmdWithInput("abc\n", "exec", "-i", name, "tr", "a-z", "A-Z");
        assertOk(in);
        assertEquals("ABC", in.out().strip());
        // Docker 20.10 answers every exec start failure with 126 (with runc too); the message says why.
        Cmd.Result missing = docker.cmd("exec", name, "no-such-command");
        assertEquals(126, missing.exit(), missing::describe);
        assertTrue((missing.out() + missing.err()).contains("executable file not found"), missing::describe);
    }

    @Test
    void execWithTty() {
        String name = name("exect");
        startDetached(name, List.of(), WAIT);
        Cmd.Result r = docker.cmd("exec", "-t", name, "probe", "tty");
        assertOk(r);
        Probe p = Probe.parse(r.out().replace("\r", ""));
        assertEquals("1", p.need("tty.stdin"), r::describe);
        assertTrue(p.need("tty.name").startsWith("/dev/pts/"), r::describe);
    }

    @Test
    void execAsUserInWorkdir() {
        String name = name("execu");
        startDetached(name, List.of("-u", "0:0", "-w", "/"), WAIT);
        Cmd.Result r = docker.cmd("exec", "-u", "1000:1000", "-w", "/tmp", name, "probe", "ids", "cwd", "caps");
        assertOk(r);
        Probe p = Probe.parse(r.out());
        assertEquals("1000", p.need("uid"));
        assertEquals("1000", p.need("gid"));
        assertEquals("/tmp", p.need("cwd"));
        assertEquals("0000000000000000", p.need("cap.eff"), "a non-root exec has no effective capabilities");
        Cmd.Result named = docker.cmd("exec", "-u", "nobody", name, "id", "-u");
        assertOk(named);
        assertEquals("65534", named.out().strip());
    }

    @Test
    void execKeepsTheContainersRestrictions() {
        String name = name("execr");
        startDetached(name, List.of("--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--memory", "64m"), WAIT);
        Cmd.Result r = docker.cmd("exec", name, "probe", "caps", "write", "/x", "read", "/sys/fs/cgroup/memory/memory.limit_in_bytes");
        assertOk(r);
        Probe p = Probe.parse(r.out());
        assertEquals("0000000000000000", p.need("cap.eff"));
        assertEquals("0000000000000000", p.need("cap.bnd"));
        assertEquals("1", p.need("nonewprivs"));
        assertEquals("2", p.need("seccomp"), "the container's seccomp filter applies to the exec");
        assertEquals("err:EROFS", p.need("write./x"));
        assertEquals("67108864", p.need("read./sys/fs/cgroup/memory/memory.limit_in_bytes"));
    }

    private static String readLink(String path) {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of(path)).toString();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + path + ": " + e);
        }
    }
}
