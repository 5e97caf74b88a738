package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CVE-2024-21626 class: no fd of the host reaches the container, and the process's cwd is inside the
 * container whatever process.cwd says. runc leaked an fd of /sys/fs/cgroup; with process.cwd set to
 * /proc/self/fd/N the container started with its cwd on the host.
 */
class FdLeakTest extends ItBase {
    /** What an fd of the runtime itself would point at. */
    private List<String> runtimeTraces() {
        return List.of(rt.root().toString(), "/usr/local/lib/jrunc", ".jar", "memfd:", "socket:", "anon_inode:",
                rt.log().toString(), Attacks.helperBinary().toString());
    }

    @Test
    void containerSeesOnlyItsStdio() {
        Probe p = probe(bundle(), "fds");
        assertEquals("0,1,2", p.need("fds"), p.raw);
        assertTrue(p.need("fd.0").equals("/dev/null") || p.need("fd.0").startsWith("pipe:"), "stdin is the runtime's: " + p.raw);
        for (String fd : List.of("fd.1", "fd.2")) {
            String t = p.need(fd);
            assertTrue(t.startsWith(work.resolve("calls").toString()) || t.startsWith("pipe:"), fd + " is the caller's own: " + p.raw);
        }
    }

    @Test
    void fdsLeakedToTheRuntimeDoNotReachTheContainer() throws IOException {
        Path leaked = Files.writeString(work.resolve("leaked-to-the-runtime"), "");
        Bundle b = bundle().args("probe", "fds");
        b.write();
        String id = rt.track(newId("leak"));
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().fd3(leaked), "run", "--bundle", b.dir.toString(), id);
        assertEquals(0, r.exitCode(), r::describe);
        Probe p = Probe.parse(r.stdout());
        assertEquals("0,1,2", p.need("fds"), "the caller's fd 3 stays out without --preserve-fds: " + p.raw);
        for (String v : p.all().values()) for (String trace : runtimeTraces()) assertFalse(v.contains(trace), v);

        String kept = rt.track(newId("kept"));
        r = rt.run(OciRuntime.Opts.defaults().fd3(leaked), "run", "--preserve-fds", "1", "--bundle", b.dir.toString(), kept);
        assertEquals(0, r.exitCode(), r::describe);
        p = Probe.parse(r.stdout());
        assertEquals("0,1,2,3", p.need("fds"), "and comes in with it (the test's leak is real): " + p.raw);
        assertEquals(leaked.toString(), p.need("fd.3"));
    }

    /**
     * process.cwd naming a magic link (a fd of the init, its cwd or root) or climbing with "..": the container
     * either is refused or starts with a cwd inside its root; a relative path from there never reaches the host.
     */
    @Test
    void cwdCannotLeadOutOfTheContainer() {
        List<String> cwds = new ArrayList<>(List.of("/proc/self/cwd", "/proc/self/root", "/proc/1/cwd", "/proc/thread-self/fd/4",
                "/../../..", "/tmp/../../../..", "/escape-fd", "/escape-up"));
        for (int fd = 3; fd <= 10; fd++) cwds.add("/proc/self/fd/" + fd);
        Bundle b = bundle();
        try {
            Files.createSymbolicLink(b.rootfs.resolve("escape-fd"), Path.of("/proc/self/fd/4"));
            Files.createSymbolicLink(b.rootfs.resolve("escape-up"), Path.of("../../../../../../../.."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String marker = b.rootfs.toAbsolutePath().toString();
        for (String cwd : cwds) {
            b.cwd(cwd).args("probe", "cwd", "read", "../../../../../../../../" + HostFs.OWNER_MARKER);
            String id = newId("cwd");
            OciRuntime.Result r = run(b, id);
            if (r.exitCode() != 0) {
                if (!Env.binaryIsRunc()) assertTrue(r.stderr().contains("process.cwd"), "a refusal names process.cwd (" + cwd + "): " + r.describe());
                continue;
            }
            Probe p = Probe.parse(r.stdout());
            String seen = p.need("cwd");
            assertTrue(seen.startsWith("/") && !seen.contains("unreachable"), "cwd " + cwd + " is inside the root: " + p.raw);
            assertEquals(marker, p.need("read.../../../../../../../../" + HostFs.OWNER_MARKER),
                    "climbing from cwd " + cwd + " ends at the container's own root: " + p.raw);
            for (String trace : runtimeTraces()) assertFalse(seen.contains(trace), seen);
        }
    }

    /** The created container's init (the helper) holds its socket, the state dir and the container's root, nothing of the JVM. */
    @Test
    void waitingInitHoldsNothingOfTheRuntime() throws IOException {
        assumeFalse(Env.binaryIsRunc(), "checks jrunc-init's own fds (runc's waiting init holds its exec fifo, an epoll fd and pipes)");
        String id = newId("waiting");
        createOk(bundle().args("probe", "sleep", "30"), id);
        int pid = rt.state(id).path("pid").asInt();
        Path stateDir = rt.root().resolve(id);
        Map<Integer, String> fds = new java.util.TreeMap<>();
        try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : list.toList()) fds.put(Integer.parseInt(fd.getFileName().toString()), Files.readSymbolicLink(fd).toString());
        }
        for (var e : fds.entrySet()) {
            if (e.getKey() <= 2) continue;
            String t = e.getValue();
            assertTrue(t.startsWith("socket:") || t.equals(stateDir.toString()) || t.equals("/"),
                    "fd " + e.getKey() + " -> " + t + " is the socket, the state dir or the container's root: " + fds);
        }
    }
}
