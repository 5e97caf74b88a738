package io.jrunc.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.it.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code docker run --runtime jrunc} with the flags people use, each checked by what the container sees. */
class DockerRunTest extends EngineTestBase {

    @Test
    void exitCodesReachDocker() {
        assertEquals(0, docker.runJrunc(BusyboxImage.NAME, "true").exit());
        assertEquals(3, docker.runJrunc(BusyboxImage.NAME, "sh", "-c", "exit 3").exit());
        // pid 1 cannot be killed from inside its namespace: under --init the shell is pid 2 and docker-init reports 128+9.
        assertEquals(137, docker.runJrunc("--init", BusyboxImage.NAME, "sh", "-c", "kill -9 $$").exit(), "killed by SIGKILL: 128+9");
    }

    @Test
    void commandThatCannotRunGivesDockersExitCodes() {
        Cmd.Result missing = docker.runJrunc(BusyboxImage.NAME, "no-such-command");
        assertEquals(127, missing.exit(), missing::describe);
        assertTrue(missing.err().contains("executable file not found"), missing::describe);
        Cmd.Result notExecutable = docker.runJrunc(BusyboxImage.NAME, "/etc/passwd");
        assertEquals(126, notExecutable.exit(), notExecutable::describe);
        assertTrue(notExecutable.err().contains("permission denied"), notExecutable::describe);
    }

    @Test
    void stdinWithInteractive() {
        Cmd.Result r = docker.cmdWithInput("one\ntwo\nthree\n", Docker.runArgs(DockerDaemon.RUNTIME, "-i", BusyboxImage.NAME, "tr", "a-z", "A-Z"));
        assertOk(r);
        assertEquals("ONE\nTWO\nTHREE", r.out().strip());
        Cmd.Result count = docker.cmdWithInput("a\nb\nc\nd\n", Docker.runArgs(DockerDaemon.RUNTIME, "-i", BusyboxImage.NAME, "wc", "-l"));
        assertOk(count);
        assertEquals("4", count.out().strip());
    }

    @Test
    void ttyFromConsoleSocket() {
        Probe plain = probe(List.of(), "tty");
        assertEquals("0", plain.need("tty.stdin"), "no -t: stdin is no terminal");
        Probe t = probe(List.of("-t"), "tty");
        assertEquals("1", t.need("tty.stdin"), t.raw);
        assertEquals("1", t.need("tty.stdout"), t.raw);
        assertEquals("/dev/pts/0", t.need("tty.name"), t.raw);
    }

    @Test
    void interactiveTtyDrivenThroughAPty() {
        String cmd = String.join(" ", docker.argv(Docker.runArgs(DockerDaemon.RUNTIME, "-it", BusyboxImage.NAME, "sh", "-c", "'read line; echo got:$line; probe tty'")));
        Cmd.Result r = Cmd.run(List.of(EngineEnv.SCRIPT.toString(), "-qec", cmd, "/dev/null"), "hello\n", Docker.TIMEOUT, docker.env());
        assertEquals(0, r.exit(), r::describe);
        String out = r.out().replace("\r", "");
        assertTrue(out.contains("got:hello"), () -> "the line typed reached the container through its pty:\n" + r.describe());
        Probe p = Probe.parse(out);
        assertEquals("1", p.need("tty.stdin"), r::describe);
        assertEquals("/dev/pts/0", p.need("tty.name"), r::describe);
    }

    @Test
    void envUserAndWorkdir() {
        Probe p = probe(List.of("-e", "FOO=bar", "-e", "EMPTY=", "-u", "1000:1000", "-w", "/work/dir"), "ids", "env", "cwd", "write", "/work/dir/f");
        assertEquals("1000", p.need("uid"));
        assertEquals("1000", p.need("gid"));
        assertEquals("1000", p.need("euid"));
        assertEquals("bar", p.need("env.FOO"));
        assertEquals("", p.need("env.EMPTY"));
        assertTrue(p.need("env.PATH").contains("/bin"), p.raw);
        assertEquals("/work/dir", p.need("cwd"), "docker creates the workdir");
        Probe named = probe(List.of("-u", "nobody"), "ids");
        assertEquals("65534", named.need("uid"), "docker resolves the name from the image's /etc/passwd");
    }

    @Test
    void readOnlyRootWithTmpfs() {
        Probe p = probe(List.of("--read-only", "--tmpfs", "/run:size=1m,mode=1777"), "write", "/x", "write", "/run/y", "mounts", "stat", "/run");
        assertEquals("err:EROFS", p.need("write./x"), p.raw);
        assertEquals("ok", p.need("write./run/y"), p.raw);
        Probe.Mount run = p.mounts().get("/run");
        assertEquals("tmpfs", run.type(), p.raw);
        assertTrue(run.has("size=1024k"), p.raw);
        assertTrue(p.need("stat./run").contains("mode=1777"), p.raw);
        assertTrue(p.mounts().get("/").has("ro"), p.raw);
    }

    @Test
    void bindMountsReadOnlyAndReadWrite(@org.junit.jupiter.api.io.TempDir Path host) throws IOException {
        Path ro = Files.createDirectory(host.resolve("ro"));
        Path rw = Files.createDirectory(host.resolve("rw"));
        Files.writeString(ro.resolve("f"), "from-host");
        Probe p = probe(List.of("-v", ro + ":/ro:ro", "-v", rw + ":/rw"), "read", "/ro/f", "write", "/ro/new", "write", "/rw/new", "mounts");
        assertEquals("from-host", p.need("read./ro/f"));
        assertEquals("err:EROFS", p.need("write./ro/new"));
        assertEquals("ok", p.need("write./rw/new"));
        assertTrue(Files.exists(rw.resolve("new")), "the container's write reached the host directory");
        assertTrue(p.mounts().get("/ro").has("ro"), p.raw);
        assertTrue(p.mounts().get("/rw").has("rw"), p.raw);
    }

    @Test
    void capabilitiesAndNoNewPrivilegesLikeRunc() {
        List<String> flags = List.of("--cap-drop", "ALL", "--cap-add", "NET_BIND_SERVICE", "--security-opt", "no-new-privileges");
        Probe p = probe(flags, "caps", "ids");
        assertEquals("0000000000000400", p.need("cap.eff"), "only CAP_NET_BIND_SERVICE (10)");
        assertEquals("0000000000000400", p.need("cap.bnd"));
        assertEquals("0000000000000400", p.need("cap.prm"));
        assertEquals("1", p.need("nonewprivs"));
        Probe runc = probeWithRunc(flags, "caps", "ids");
        for (String k : List.of("cap.inh", "cap.prm", "cap.eff", "cap.bnd", "cap.amb", "nonewprivs", "seccomp")) {
            assertEquals(runc.get(k), p.get(k), k + " as with runc");
        }
    }

    @Test
    void defaultCapabilitiesAndSeccompLikeRunc() {
        Probe p = probe(List.of(), "caps");
        Probe runc = probeWithRunc(List.of(), "caps");
        assertEquals("00000000a80425fb", p.need("cap.eff"), "docker's 14 default capabilities");
        assertEquals("2", p.need("seccomp"), "docker's default seccomp profile is a filter");
        for (String k : List.of("cap.inh", "cap.prm", "cap.eff", "cap.bnd", "cap.amb", "nonewprivs", "seccomp")) {
            assertEquals(runc.get(k), p.get(k), k + " as with runc");
        }
        Cmd.Result denied = docker.runJrunc(BusyboxImage.NAME, "unshare", "-U", "true");
        assertNotEquals(0, denied.exit(), () -> "the default seccomp profile refuses unshare(CLONE_NEWUSER) without CAP_SYS_ADMIN:\n" + denied.describe());
    }

    @Test
    void initIsDockerInit() {
        Cmd.Result r = docker.runJrunc("--init", BusyboxImage.NAME, "sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline; echo; echo me=$$; exit 5");
        assertEquals(5, r.exit(), r::describe);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("/sbin/docker-init -- sh -c"), r::describe);
        assertNotEquals("me=1", lines.get(1), "the command is not pid 1 under --init");
    }

    @Test
    void hostname() {
        Probe p = probe(List.of("--hostname", "engine-host"), "hostname");
        assertEquals("engine-host", p.need("hostname"));
    }

    @Test
    void sysctlsInTheContainersNamespaces() throws IOException {
        String hostShm = read(Path.of("/proc/sys/kernel/shm_rmid_forced"));
        String hostFwd = read(Path.of("/proc/sys/net/ipv4/ip_forward"));
        String flip = hostShm.equals("1") ? "0" : "1";
        Probe p = probe(List.of("--sysctl", "kernel.shm_rmid_forced=" + flip, "--sysctl", "net.ipv4.ip_forward=1"),
                "read", "/proc/sys/kernel/shm_rmid_forced", "read", "/proc/sys/net/ipv4/ip_forward");
        assertEquals(flip, p.need("read./proc/sys/kernel/shm_rmid_forced"));
        assertEquals("1", p.need("read./proc/sys/net/ipv4/ip_forward"));
        assertEquals(hostShm, read(Path.of("/proc/sys/kernel/shm_rmid_forced")), "the host's ipc namespace is untouched");
        assertEquals(hostFwd, read(Path.of("/proc/sys/net/ipv4/ip_forward")), "the host's net namespace is untouched");
    }

    /**
     * --privileged: every capability Docker knows (some of which this host's bounding set may lack: runtime-spec
     * says warn, not fail, and runc 1.1.5 fails it), every host device, no seccomp, no masked or read-only paths,
     * sysfs and cgroups writable.
     */
    @Test
    void privileged() throws IOException {
        Cmd.Result t = docker.runJrunc("--privileged", BusyboxImage.NAME, "true");
        assertEquals(0, t.exit(), t::describe);
        Probe p = probe(List.of("--privileged"), "caps");
        long host = hostBounding();
        long eff = Long.parseUnsignedLong(p.need("cap.eff"), 16);
        assertEquals(0, eff & ~host, "nothing beyond the host's bounding set: " + p.raw);
        // Docker 20.10 asks for every capability up to CAP_AUDIT_READ (37); newer ones for more.
        long docker2010 = (1L << 38) - 1;
        assertEquals(host & docker2010, eff & docker2010, "every capability the host can give: " + p.raw);
        assertEquals("0", p.need("seccomp"), "unconfined: " + p.raw);
        Cmd.Result r = docker.runJrunc("--privileged", BusyboxImage.NAME, "sh", "-c",
                "ls /dev; echo ---; cat /proc/mounts");
        assertEquals(0, r.exit(), r::describe);
        String[] parts = r.out().split("---\n");
        java.util.Set<String> dev = java.util.Set.of(parts[0].split("\\s+"));
        try (var hostDev = Files.list(Path.of("/dev"))) {
            for (Path d : hostDev.toList()) {
                String name = d.getFileName().toString();
                boolean node = !Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !Files.isSymbolicLink(d) && !Files.isRegularFile(d, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                // Docker leaves out the host's console and pty multiplexer and gives the container its own.
                if (node && !name.equals("console") && !name.equals("ptmx")) assertTrue(dev.contains(name), "host device /dev/" + name + ": " + r.describe());
            }
        }
        List<String> mounts = parts[1].lines().toList();
        assertTrue(mounts.stream().anyMatch(l -> l.matches("\\S+ /sys sysfs rw,.*")), "sysfs writable: " + mounts);
        assertTrue(mounts.stream().anyMatch(l -> l.matches("\\S+ /sys/fs/cgroup/\\S+ cgroup2? rw,.*")), "cgroups writable: " + mounts);
        assertTrue(mounts.stream().noneMatch(l -> l.split(" ")[1].startsWith("/proc/")), "nothing masked or read-only under /proc: " + mounts);
    }

    private static long hostBounding() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapBnd:")) return Long.parseUnsignedLong(line.substring(7).trim(), 16);
        }
        throw new AssertionError("no CapBnd in /proc/self/status");
    }
}
