package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The resident planner behind the native front end (issue 14, sections Safety and Tests; docs/planner-protocol.md),
 * on real containers: a planner killed with -9 at a chosen moment of create, foreground run and exec and of a
 * read-only call, a stale socket, 50 concurrent calls, a peer of another uid, a build-id mismatch, idle exit, the
 * planner's cgroup, and the socket kept out of containers.
 *
 * <p>Every test drives a private copy of the install under test ({@link PlannerInstall}), so it has a planner of its
 * own, started by its own first call, that it may kill; the copy and its planner go away after the test. Bundles
 * get their config from the original install's cold path, which starts no planner. The moments are held
 * deterministically (a hook that waits, a container that waits for a file, a FIFO as state.json), never slept for.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PlannerTest extends ItBase {
    /** The clear error of a call the planner died in (docs/planner-protocol.md, "When the planner fails"). */
    private static final String NOT_REPEATED = "the planner exited during this call; it was not repeated";
    /** Generous: a planner is a JVM starting on a busy machine. */
    private static final Duration PLANNER_UP = Duration.ofSeconds(60);
    private static final Duration CALL = Duration.ofSeconds(90);

    private PlannerInstall install;
    private OciRuntime specSource;

    @BeforeEach
    void ownInstall() throws IOException {
        PlannerInstall.assumePlannerFrontEnd(Env.binary());
        install = PlannerInstall.copyOf(Env.binary(), work.resolve("install"));
        rt = new OciRuntime(install.binary, work);
        // `spec` on the original install's cold path: bundles are made without starting this test's planner.
        specSource = new OciRuntime(PlannerFrontEnd.libdirOf(Env.binary()).resolve("jrunc-java"), work);
    }

    @AfterEach
    void dropInstall() {
        // The install goes first, so ItBase's clean-up must not call its binary again: do it here, before.
        if (rt != null) rt.cleanup();
        rt = null;
        if (install != null) install.close();
    }

    @Override
    protected Bundle bundle(String name) {
        return Bundle.create(specSource, work.resolve(name));
    }

    // ---- kill -9 in the middle of a call ---------------------------------------------------------------------------

    @Test
    void killDuringCreateFailsClearlyAndLeavesNothingAfterTheNextCall() throws IOException {
        PlannerInstall.Planner planner = warmPlanner();
        Path hookPid = work.resolve("hook.pid");
        Path release = work.resolve("hook.release");
        Bundle b = bundle().args("sleep", "60");
        // createRuntime runs after the container's cgroups, namespaces and init exist: the create is held half made.
        ObjectNode hook = b.config().withObject("/hooks").withArray("createRuntime").addObject();
        hook.put("path", "/bin/sh");
        hook.putArray("args").add("sh").add("-c").add("echo $$ > " + hookPid + "; while [ ! -e " + release + " ]; do sleep 0.1; done");
        b.write();
        String id = rt.track(newId("create"));
        try (TrialCgroup cg = TrialCgroup.create("plcreate")) {
            Process create = startIn(cg, "create", "--bundle", b.dir.toString(), id);
            Wait.until(CALL, () -> Files.exists(hookPid) || !create.isAlive(), "the createRuntime hook to run");
            assertTrue(create.isAlive(), () -> "create ended before its hook held it: " + callOutput("create"));
            install.kill9(planner);
            int rc = waitFor(create);
            Files.createFile(release);
            assertEquals(1, rc, () -> "create whose planner died: " + callOutput("create"));
            assertTrue(callOutput("create").contains(NOT_REPEATED), () -> "the clear error on stderr: " + callOutput("create"));
            // The init and the helper die with their socket to the planner (create was not committed).
            Wait.until(SHORT, () -> cg.pids().isEmpty(), () -> "the half-made container's processes to die: " + cg.pids());

            assertTrue(Files.isDirectory(rt.root().resolve(id)), "the killed create left its state dir: there is something to clean");
            OciRuntime.Result d = rt.run(OciRuntime.Opts.defaults().timeout(CALL), "delete", "--force", id);
            assertEquals(0, d.exitCode(), d::describe);
            assertFalse(Files.exists(rt.root().resolve(id)), "the state dir is gone after delete --force");
            assertEquals(List.of(), HostFs.cgroupDirs("/" + id), "no cgroup of the container is left");
            assertFalse(Files.exists(cg.dir.resolve(id)), "no cgroup of the container under the caller's");
            assertTrue(cg.pids().isEmpty(), () -> "no process left: " + cg.pids());
            assertNotEquals(0, rt.run("state", id).exitCode(), "the container does not exist");
        }
        PlannerInstall.Planner fresh = nextPlanner(planner);
        assertEquals(install.binary, frontEndOfARun(3), "the next calls are served by the fresh planner " + fresh.pid());
    }

    @Test
    void killDuringForegroundRunLeavesTheContainerAndTheFrontEndExitsWithItsStatus() throws IOException {
        PlannerInstall.Planner planner = warmPlanner();
        Bundle b = bundle().args("sh", "-c", untilGo(7));
        b.write();
        String id = rt.track(newId("run"));
        try (TrialCgroup cg = TrialCgroup.create("plrun")) {
            Process run = startIn(cg, "run", "--bundle", b.dir.toString(), id);
            awaitServedAndWaiting(run, "run");
            long init = rt.state(id).path("pid").asLong();
            install.kill9(planner);
            assertTrue(alive(init), "the container outlives its planner");
            releaseAndExpectExit(run, "run", b, 7);
            // The front end ran the cleanup on the cold path: as after any foreground run, nothing is left.
            Wait.until(SHORT, () -> cg.pids().isEmpty(), () -> "no process left: " + cg.pids());
            assertFalse(Files.exists(rt.root().resolve(id)), "run's container was deleted");
            assertEquals(List.of(), HostFs.cgroupDirs("/" + id), "no cgroup of the container is left");
            assertFalse(Files.exists(cg.dir.resolve(id)), "no cgroup of the container under the caller's");
        }
        PlannerInstall.Planner fresh = nextPlanner(planner);
        assertEquals(install.binary, frontEndOfARun(3), "the next calls are served by the fresh planner " + fresh.pid());
    }

    @Test
    void killDuringForegroundExecLeavesTheContainerAndTheFrontEndExitsWithItsStatus() throws IOException {
        PlannerInstall.Planner planner = warmPlanner();
        Bundle b = bundle().args("sleep", "600");
        String id = newId("exec");
        createAndStart(b, id);
        long init = rt.state(id).path("pid").asLong();
        try (TrialCgroup cg = TrialCgroup.create("plexec")) {
            Process exec = startIn(cg, "exec", id, "sh", "-c", untilGo(5));
            awaitServedAndWaiting(exec, "exec");
            install.kill9(planner);
            releaseAndExpectExit(exec, "exec", b, 5);
            Wait.until(SHORT, () -> cg.pids(cg.dir.resolve(id)).isEmpty(), () -> "no process left outside the container: " + cg.pids());
        }
        JsonNode state = rt.state(id);
        assertEquals("running", state.path("status").asText(), "the container is untouched");
        assertEquals(init, state.path("pid").asLong(), "the same init");
        Wait.until(SHORT, () -> containerPids(id).equals(List.of(init)), () -> "only the init left in the container: " + containerPids(id));
        nextPlanner(planner);
    }

    @Test
    void readOnlyCallInFlightIsRepeatedOnTheColdPath() throws Exception {
        PlannerInstall.Planner planner = warmPlanner();
        Bundle b = bundle().args("sleep", "600");
        String id = newId("ro");
        createOk(b, id);
        Path stateJson = rt.root().resolve(id).resolve("state.json");
        assertTrue(Files.isRegularFile(stateJson), "jrunc keeps the state in " + stateJson);
        byte[] saved = Files.readAllBytes(stateJson);
        Files.delete(stateJson);
        assertEquals(0, HostFs.sh("mkfifo", "-m", "0600", stateJson.toString()), "mkfifo " + stateJson);
        OutputStream writer = null;
        try {
            OciRuntime.Spawned state = rt.spawn(OciRuntime.Opts.defaults().timeout(CALL), "state", id);
            // Opening the FIFO's writing end returns once a reader opened the other: the planner, reading state.json.
            CompletableFuture<OutputStream> opened = CompletableFuture.supplyAsync(() -> {
                try {
                    return new FileOutputStream(stateJson.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer = opened.get(CALL.toSeconds(), TimeUnit.SECONDS);
            Wait.until(SHORT, () -> hasOpen(planner.pid(), stateJson), "the planner to hold state.json open");
            install.kill9(planner);
            // The front end repeats the call itself (exec of the cold path: same pid), which reads state.json again.
            Wait.until(CALL, () -> hasOpen(state.pid(), stateJson) || !state.process.isAlive(), "the cold path to open state.json");
            assertTrue(state.process.isAlive(), () -> "the call ended instead of being repeated: " + state.await(SHORT).describe());
            writer.write(saved);
            writer.close();
            writer = null;
            OciRuntime.Result r = state.await(CALL);
            assertEquals(0, r.exitCode(), r::describe);
            assertEquals(id, JSON.readTree(r.stdout()).path("id").asText(), r::describe);
            assertFalse(r.stderr().contains(NOT_REPEATED), r::describe);
        } finally {
            if (writer != null) writer.close();
            Files.deleteIfExists(stateJson);
            Files.write(stateJson, saved);
        }
        assertEquals("created", rt.status(id), "the container is untouched");
        nextPlanner(planner);
    }

    @Test
    void staleSocketIsReplacedByTheNextPlanner() throws IOException {
        PlannerInstall.Planner planner = warmPlanner();
        install.kill9(planner);
        assertTrue(PlannerInstall.isSocket(planner.socket()), "a planner killed with -9 leaves its socket file (the stale case)");

        OciRuntime.Result list = rt.run(OciRuntime.Opts.defaults().timeout(CALL), "list", "-q");
        assertEquals(0, list.exitCode(), list::describe);
        PlannerInstall.Planner fresh = nextPlanner(planner);
        // nextPlanner saw the fresh planner listening there (its own fd): the stale file was replaced.
        assertEquals(planner.socket(), fresh.socket(), "the same socket path");
        assertEquals(install.binary, frontEndOfARun(4), "a run is served by the new planner");
    }

    // ---- load, peers, versions, lifetime, placement -----------------------------------------------------------

    @Test
    @Timeout(value = 480, unit = TimeUnit.SECONDS)
    void fiftyConcurrentRunsAllGetTheirExitCodeAndLeaveRunningContainersAlone() throws Exception {
        PlannerInstall.Planner planner = warmPlanner();
        Bundle base = bundle().args("sleep", "600");
        String bystander = newId("by");
        createAndStart(base, bystander);
        long bystanderInit = rt.state(bystander).path("pid").asLong();

        int n = 50;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(newId("c" + i));
        List<OciRuntime.Spawned> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path dir = smallBundle(base, "b" + i, "sh", "-c", "exit " + (i + 1));
            calls.add(rt.spawn(OciRuntime.Opts.defaults(), "run", "--bundle", dir.toString(), ids.get(i)));
        }
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OciRuntime.Result r = calls.get(i).await(Duration.ofSeconds(300));
            if (r.exitCode() != i + 1) wrong.add("expected exit " + (i + 1) + ": " + r.describe());
        }
        assertEquals(List.of(), wrong, "every concurrent run exits with its container's code");
        for (String id : ids) assertFalse(Files.exists(rt.root().resolve(id)), "run deleted its container " + id);

        JsonNode state = rt.state(bystander);
        assertEquals("running", state.path("status").asText(), "the running container is untouched");
        assertEquals(bystanderInit, state.path("pid").asLong());
        assertEquals(List.of(planner), install.planners(), "one planner served them all and is still there");
    }

    @Test
    void peerOfAnotherUidIsRefused() throws IOException {
        TestUser user = TestUser.ensure();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "unshare (util-linux) is needed for a private mount namespace");
        PlannerInstall.Planner planner = warmPlanner();
        // First line of defence: the socket directory, root's and 0700, keeps other uids from the socket's path.
        Path dir = planner.socket().getParent();
        assertEquals(0, Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS), dir + " belongs to root");
        assertEquals(0700, (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777, dir + " has mode 0700");
        Process look = new ProcessBuilder("setpriv", "--reuid=" + user.uid, "--regid=" + user.gid, "--init-groups",
                "/bin/sh", "-c", "test -e \"$0\"", planner.socket().toString()).inheritIO().start();
        assertEquals(1, waitFor(look), "the test user cannot even see " + planner.socket());
        // Second: the planner itself. Give the other uid the socket inode at a path of its own (a bind mount in a
        // private mount namespace; the inode made connectable by anyone) and let that uid's front end call through
        // it (its socket directory is $XDG_RUNTIME_DIR/ plus the name of root's). Only SO_PEERCRED stands in the way.
        Files.setPosixFilePermissions(planner.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
        Path xdg = work.resolve("xdg");
        Path userSocket = xdg.resolve(planner.socket().getParent().getFileName()).resolve(planner.socket().getFileName());
        Files.createDirectories(userSocket.getParent());
        Files.createFile(userSocket);
        user.own(xdg);
        assertEquals(0, HostFs.sh("chmod", "-R", "go-rwx", xdg.toString()));
        // The test user must reach the copied install and the xdg dir.
        assertEquals(0, HostFs.sh("chmod", "0755", work.toString()));

        ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "--propagation", "private", "/bin/sh", "-c",
                "mount --bind \"$0\" \"$1\" && exec setpriv --reuid=$2 --regid=$3 --init-groups env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin"
                        + " XDG_RUNTIME_DIR=\"$4\" \"$5\" --version",
                planner.socket().toString(), userSocket.toString(), Long.toString(user.uid), Long.toString(user.gid), xdg.toString(),
                install.binary.toString())
                .redirectErrorStream(true).redirectInput(new File("/dev/null"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, waitFor(p), () -> "the other uid's call (refused by the planner, then the cold path): " + out);
        assertTrue(out.contains("version"), out);
        Wait.until(SHORT, () -> planner.logText().contains("uid " + user.uid),
                () -> "the planner's log to name the refused uid " + user.uid + ":\n" + planner.logText());
        assertTrue(planner.logText().contains("refused"), planner::logText);
        assertTrue(install.planners().contains(planner), "the root planner goes on serving");
        assertEquals(install.binary, frontEndOfARun(6), "root's calls are still served");
    }

    @Test
    void plannerOfAnotherBuildIsNeverUsed() throws IOException {
        PlannerInstall.Planner planner = warmPlanner();
        Path buildId = install.libdir.resolve("build-id");
        String old = Files.readString(buildId).strip();
        String other = old.equals("0".repeat(64)) ? "1".repeat(64) : "0".repeat(64);
        // `make install` over a running planner: the front end and the files on disk are the new build.
        Files.writeString(buildId, other + "\n");
        assertTrue(frontEndOfARun(8).getFileName().toString().startsWith("java"),
                "the call after the build changed takes the cold path (the old planner answered MISMATCH)");
        Wait.until(PLANNER_UP, () -> !alive(planner.pid()), "the old planner to exit");
        PlannerInstall.Planner fresh = nextPlanner(planner);
        Wait.until(SHORT, () -> fresh.logText().contains(other), () -> "the new planner's log names the new build:\n" + fresh.logText());
        assertEquals(install.binary, frontEndOfARun(9), "the new planner serves");
    }

    @Test
    void idlePlannerExitsAndNotWhileACallIsInFlight() throws IOException {
        int idleSeconds = 2;
        Path config = work.resolve("jrunc-config");
        Files.writeString(config, "# test config\nplanner = on\nplanner-idle-seconds = " + idleSeconds + "\n");
        Path wrapper = work.resolve("jrunc-with-config");
        Files.writeString(wrapper, "#!/bin/sh\nexec env JRUNC_CONFIG=" + config + " " + install.binary + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        rt = new OciRuntime(wrapper, work);

        PlannerInstall.Planner planner = warmPlanner();
        // The planner logs its settings right after it starts listening.
        Wait.until(SHORT, () -> planner.logText().contains("idle exit after " + idleSeconds + " s"),
                () -> "the planner to log the configured idle time:\n" + planner.logText());
        // A foreground run is a call in flight for as long as its container runs: no idle exit meanwhile.
        Bundle b = bundle().args("sh", "-c", untilGo(4));
        String id = newId("idle");
        OciRuntime.Spawned run = spawnRun(b, id);
        run.awaitStdout("up", CALL);
        assertEquals(install.binary, PlannerInstall.exeOf(run.pid()), "the run is served by the planner");
        long inFlightSince = System.nanoTime();
        while (System.nanoTime() - inFlightSince < (idleSeconds * 2 + 1) * 1_000_000_000L) {
            assertTrue(alive(planner.pid()), "the planner stays while a call is in flight");
            sleep(200);
        }
        Files.createFile(b.rootfs.resolve("tmp/go"));
        OciRuntime.Result r = run.await(CALL);
        assertEquals(4, r.exitCode(), r::describe);
        long ended = System.nanoTime();
        Wait.until(Duration.ofSeconds(idleSeconds + 30), () -> !alive(planner.pid()), "the idle planner to exit");
        assertTrue(System.nanoTime() - ended >= (idleSeconds - 1) * 1_000_000_000L, "not before it was idle");
        assertFalse(Files.exists(planner.socket()), "an exiting planner removes its socket");
        assertTrue(planner.logText().contains("idle"), planner::logText);
    }

    @Test
    void plannerStartedFromAnEnginesCgroupDoesNotStayThere() throws IOException {
        try (TrialCgroup cg = TrialCgroup.create("plcg")) {
            // The first call comes from inside the cgroup, as from a containerd shim's: it starts the planner.
            Process first = startIn(cg, "--version");
            assertEquals(0, waitFor(first), () -> callOutput("--version"));
            PlannerInstall.Planner planner = install.awaitPlanner(PLANNER_UP);
            String name = cg.dir.getFileName().toString();
            String cgroups = Files.readString(Path.of("/proc/" + planner.pid() + "/cgroup"));
            assertFalse(cgroups.contains(name), () -> "the planner left " + cg.dir + "; /proc/" + planner.pid() + "/cgroup:\n" + cgroups
                    + "\nplanner log:\n" + planner.logText());
            assertFalse(cg.pids().contains(planner.pid()), "the planner is not in the caller's cgroup");
        }
    }

    @Test
    void containerNeverSeesThePlannersSocket() throws IOException {
        PlannerInstall.Planner planner = warmPlanner();
        Bundle b = bundle().args("sh", "-c", untilGo(0));
        String id = newId("sock");
        OciRuntime.Spawned run = spawnRun(b, id);
        run.awaitStdout("up", CALL);
        assertEquals(install.binary, PlannerInstall.exeOf(run.pid()), "the run is served by the planner");
        long init = rt.state(id).path("pid").asLong();
        assertNoSocket(init, planner);

        Path pidFile = work.resolve("exec.pid");
        OciRuntime.Spawned exec = rt.spawn(OciRuntime.Opts.defaults(), "exec", "--pid-file", pidFile.toString(), id,
                "sh", "-c", "echo in; while [ ! -e /tmp/go-exec ]; do sleep 0.1; done");
        exec.awaitStdout("in", CALL);
        assertEquals(install.binary, PlannerInstall.exeOf(exec.pid()), "the exec is served by the planner");
        assertNoSocket(Long.parseLong(Files.readString(pidFile).strip()), planner);

        // The exec'd process first: it would be killed with the container when the init exits.
        Files.createFile(b.rootfs.resolve("tmp/go-exec"));
        OciRuntime.Result e = exec.await(CALL);
        assertEquals(0, e.exitCode(), e::describe);
        Files.createFile(b.rootfs.resolve("tmp/go"));
        OciRuntime.Result r = run.await(CALL);
        assertEquals(0, r.exitCode(), r::describe);
    }

    /** No fd of the container's process is a socket (its stdio are files here), and the socket's path is not in its mount namespace. */
    private static void assertNoSocket(long pid, PlannerInstall.Planner planner) throws IOException {
        List<String> fds = new ArrayList<>();
        try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : list.toList()) fds.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
        }
        assertTrue(fds.stream().noneMatch(f -> f.contains("socket:")), () -> "process " + pid + " holds a socket: " + fds);
        Path seen = Path.of("/proc/" + pid + "/root").resolve(Path.of("/").relativize(planner.socket()));
        assertFalse(Files.exists(seen, LinkOption.NOFOLLOW_LINKS), "the socket's path inside the container: " + seen);
        assertFalse(Files.exists(Path.of("/proc/" + pid + "/root").resolve(Path.of("/").relativize(planner.socket().getParent()))),
                "the socket directory inside the container");
    }

    /**
     * A bundle of {@code base}'s config running {@code args}, with a rootfs of its own that is only busybox (a hard
     * link to base's) as /bin/sh: cheap enough for 50, and no two containers share a rootfs.
     */
    private Path smallBundle(Bundle base, String name, String... args) throws IOException {
        Path dir = work.resolve(name);
        Path rootfs = dir.resolve("rootfs");
        for (String d : List.of("bin", "proc", "sys", "dev", "tmp", "etc", "run")) Files.createDirectories(rootfs.resolve(d));
        Files.createLink(rootfs.resolve("bin/busybox"), base.rootfs.resolve("bin/busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
        Files.writeString(rootfs.resolve(HostFs.OWNER_MARKER), rootfs + "\n");
        ObjectNode config = base.config().deepCopy();
        ArrayNode a = config.withObject("/process").putArray("args");
        for (String s : args) a.add(s);
        config.withObject("/root").put("path", "rootfs");
        Files.writeString(dir.resolve("config.json"), JSON.writeValueAsString(config));
        return dir;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** This test's planner, started by a first call and listening. */
    private PlannerInstall.Planner warmPlanner() {
        assertEquals(List.of(), install.planners(), "the private install has no planner yet");
        OciRuntime.Result v = rt.run(OciRuntime.Opts.defaults().timeout(CALL), "--version");
        assertEquals(0, v.exitCode(), v::describe);
        return install.awaitPlanner(PLANNER_UP);
    }

    /** A shell script for a container's process: says "up", waits until /tmp/go exists, exits with {@code code}. */
    private static String untilGo(int code) {
        return "echo up; while [ ! -e /tmp/go ]; do sleep 0.1; done; exit " + code;
    }

    /** Until the {@link #untilGo} process of a foreground call from {@link #startIn} is up, served by the planner. */
    private void awaitServedAndWaiting(Process call, String command) {
        Wait.until(CALL, () -> callStdout(command).contains("up") || !call.isAlive(), () -> command + "'s process to start: " + callOutput(command));
        assertEquals(install.binary, PlannerInstall.exeOf(call.pid()), command + " is served by the planner (its front end waits)");
    }

    /** With the planner gone: the front end still waits; once released, it exits with the process's code and no error. */
    private void releaseAndExpectExit(Process call, String command, Bundle b, int code) throws IOException {
        assertTrue(call.isAlive(), "the front end still waits for the process of " + command);
        Files.createFile(b.rootfs.resolve("tmp/go"));
        assertEquals(code, waitFor(call), () -> command + " exits with the process's status: " + callOutput(command));
        assertFalse(callOutput(command).contains(NOT_REPEATED), () -> "nothing was interrupted: " + callOutput(command));
    }

    /** The planner that the next call starts after {@code old} died (that call itself takes the cold path). */
    private PlannerInstall.Planner nextPlanner(PlannerInstall.Planner old) {
        // Each call that finds no planner starts one: when a start came to nothing (seen once on a busy machine,
        // cause unknown), the next call's start counts as well. Every call must work all the same.
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            OciRuntime.Result v = rt.run(OciRuntime.Opts.defaults().timeout(CALL), "--version");
            assertEquals(0, v.exitCode(), v::describe);
            try {
                return install.awaitNewPlanner(old, PLANNER_UP.dividedBy(2));
            } catch (AssertionError e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Runs a container in the foreground that waits for a file and exits with {@code code}; returns the executable
     * of the front end's process while the container ran: the front end itself when a planner served the call,
     * java when the call went the cold path.
     */
    private Path frontEndOfARun(int code) throws IOException {
        Bundle b = bundle("probe-run-" + code).args("sh", "-c", untilGo(code));
        String id = newId("fe" + code);
        OciRuntime.Spawned run = spawnRun(b, id);
        run.awaitStdout("up", CALL);
        Path exe = PlannerInstall.exeOf(run.pid());
        Files.createFile(b.rootfs.resolve("tmp/go"));
        OciRuntime.Result r = run.await(CALL);
        assertEquals(code, r.exitCode(), r::describe);
        return exe;
    }

    /** A call started from inside {@code cg} (so everything it starts is found there); stdout/stderr in files named after args[0]. */
    private Process startIn(TrialCgroup cg, String... args) {
        try {
            Path calls = Files.createDirectories(work.resolve("planner-calls"));
            return new ProcessBuilder(cg.wrap(rt.command(OciRuntime.Opts.defaults(), args)))
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(calls.resolve(args[0] + ".stdout").toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(calls.resolve(args[0] + ".stderr").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String callStdout(String command) {
        return OciRuntime.read(work.resolve("planner-calls").resolve(command + ".stdout"));
    }

    private String callOutput(String command) {
        return "stdout: " + callStdout(command).strip() + "\nstderr: "
                + OciRuntime.read(work.resolve("planner-calls").resolve(command + ".stderr")).strip();
    }

    private static int waitFor(Process p) {
        return Wait.exitCode(p, CALL);
    }

    /** Whether process {@code pid} has {@code file} open. */
    private static boolean hasOpen(long pid, Path file) {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** The pids of the container's processes, from {@code ps --format json}. */
    private List<Long> containerPids(String id) {
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().timeout(CALL), "ps", "--format", "json", id);
        assertEquals(0, r.exitCode(), r::describe);
        List<Long> pids = new ArrayList<>();
        try {
            for (JsonNode n : (ArrayNode) JSON.readTree(r.stdout())) pids.add(n.asLong());
        } catch (IOException | ClassCastException e) {
            throw new AssertionError("ps printed no JSON array: " + r.describe(), e);
        }
        return pids;
    }
}
