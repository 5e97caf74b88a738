package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OCI hooks on real containers (runtime-spec config.md "POSIX-platform Hooks", runtime.md
 * "Lifecycle"): each runs once, at its point, in the namespace the spec says, with the state on
 * stdin, its args (args[0] as argv[0]) and exactly its env; timeouts kill; failures of the hooks
 * of create fail it and leave nothing; those of poststart and poststop are warnings.
 */
class HooksTest extends ItBase {
    private static final List<String> CREATE_HOOKS = List.of("prestart", "createRuntime", "createContainer");

    /**
     * runc 1.1 runs poststart during create and fails create with it, gives createContainer and
     * startContainer the pid inside the container, lets `start` succeed when startContainer fails
     * and names hooks "#0" instead of by field (docs/hooks.md): every test here sees one of these.
     */
    @org.junit.jupiter.api.BeforeEach
    void notRunc11() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Env.binaryIsRunc11(),
                "runc 1.1 runs hooks where runtime-spec 1.2 does not (docs/hooks.md)");
    }

    private HookRecorder recorder() {
        return new HookRecorder(work.resolve("hooks"));
    }

    /** Every point gets one recording hook; startContainer's runs the container's busybox. */
    private Bundle withEveryHook(HookRecorder rec, Path prestartPath, String... containerArgs) {
        Bundle b = bundle().args(containerArgs);
        b.config().withObject("/annotations").put("org.example.hooks", "yes");
        rec.bindInto(b);
        String host = rec.dir.toString();
        String busybox = Env.busybox().toString();
        HookRecorder.add(b, "prestart", HookRecorder.hook(prestartPath.toString(), "prestart", host, null, null));
        HookRecorder.add(b, "createRuntime", HookRecorder.hook(busybox, "createRuntime", host, null, 10));
        HookRecorder.add(b, "createContainer", HookRecorder.hook(busybox, "createContainer", host, null, 10));
        HookRecorder.add(b, "startContainer", HookRecorder.hook("/bin/busybox", "startContainer", HookRecorder.IN_CONTAINER, null, 10));
        HookRecorder.add(b, "poststart", HookRecorder.hook(busybox, "poststart", host, null, null));
        HookRecorder.add(b, "poststop", HookRecorder.hook(busybox, "poststop", host, null, null));
        return b;
    }

    private static String ns(String path) {
        try {
            return Files.readSymbolicLink(Path.of(path)).toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A host process whose /proc/PID/exe is busybox, as Docker's prestart hook is /proc/<dockerd>/exe. */
    private static Process sleeper() throws IOException {
        return new ProcessBuilder(Env.busybox().toString(), "sleep", "600").start();
    }

    @Test
    void everyHookRunsOnceAtItsPointInItsNamespaceWithStateArgsAndEnv() throws Exception {
        HookRecorder rec = recorder();
        Process sleeper = sleeper();
        try {
            Bundle b = withEveryHook(rec, Path.of("/proc/" + sleeper.pid() + "/exe"), "probe", "sleep", "60");
            String id = newId("all");
            String hostMnt = ns("/proc/self/ns/mnt"), hostPid = ns("/proc/self/ns/pid");

            createOk(b, id);
            assertEquals(CREATE_HOOKS, rec.order(), "create runs prestart, createRuntime, createContainer in order");
            JsonNode st = rt.state(id);
            long pid = st.get("pid").asLong();
            String ctrMnt = ns("/proc/" + pid + "/ns/mnt"), ctrPid = ns("/proc/" + pid + "/ns/pid");
            assertFalse(ctrMnt.equals(hostMnt), "the container has a mount namespace of its own");
            for (String name : CREATE_HOOKS) {
                Map<String, String> run = rec.only(name);
                JsonNode s = HookRecorder.state(run);
                assertEquals("creating", s.get("status").asText(), name + " state " + s);
                assertEquals(pid, s.get("pid").asLong(), name + ": pid is the init's host pid");
                assertEquals(id, s.get("id").asText(), name);
                assertEquals(b.dir.toString(), s.get("bundle").asText(), name);
                assertEquals("yes", s.path("annotations").path("org.example.hooks").asText(), name + " annotations " + s);
                StateJson.validateAgainstStateSchema(s);
                assertEquals("a1 a 2", run.get("args"), name + ": args after argv[0] and the script's own");
                assertEquals(name, run.get("env.HOOK_MARK"), name + " env");
                assertEquals("/usr/bin:/bin", run.get("env.PATH"), name + " env");
                assertFalse(run.containsKey("env.HOME"), name + " gets exactly its env, nothing of jrunc's: " + run);
            }
            assertEquals(hostMnt, rec.only("prestart").get("mnt"), "prestart runs in the runtime's mount namespace");
            assertEquals(hostMnt, rec.only("createRuntime").get("mnt"), "createRuntime runs in the runtime's mount namespace");
            assertEquals(hostPid, rec.only("createRuntime").get("pidns"));
            assertEquals(ctrMnt, rec.only("createContainer").get("mnt"), "createContainer runs in the container's mount namespace");
            assertEquals(ctrPid, rec.only("createContainer").get("pidns"), "createContainer runs in the container's pid namespace");
            assertEquals(b.dir.toString(), rec.only("prestart").get("cwd"), "runtime hooks run in the bundle");
            assertEquals(b.rootfs.toString(), rec.only("createContainer").get("cwd"), "createContainer runs in the rootfs, as runc's init");

            OciRuntime.Result s = rt.run("start", id);
            assertEquals(0, s.exitCode(), s::describe);
            Wait.until(SHORT, () -> rec.order().size() == 5, () -> "startContainer and poststart ran: " + rec.order());
            assertEquals(List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart"), rec.order());
            Map<String, String> sc = rec.only("startContainer");
            assertEquals(ctrMnt, sc.get("mnt"), "startContainer runs in the container's mount namespace");
            assertEquals("/", sc.get("cwd"), "startContainer runs in the process's cwd");
            assertEquals("created", HookRecorder.state(sc).get("status").asText());
            assertEquals(pid, HookRecorder.state(sc).get("pid").asLong(), "startContainer: the init's host pid");
            Map<String, String> ps = rec.only("poststart");
            assertEquals(hostMnt, ps.get("mnt"), "poststart runs in the runtime's mount namespace");
            assertEquals("running", HookRecorder.state(ps).get("status").asText());
            assertEquals(pid, HookRecorder.state(ps).get("pid").asLong());
            assertEquals("running", rt.status(id));

            assertEquals(0, rt.run("kill", id, "KILL").exitCode());
            awaitStopped(id);
            assertTrue(rec.runs("poststop").isEmpty(), "poststop waits for delete");
            OciRuntime.Result d = rt.run("delete", id);
            assertEquals(0, d.exitCode(), d::describe);
            JsonNode stop = HookRecorder.state(rec.only("poststop"));
            assertEquals("stopped", stop.get("status").asText());
            assertFalse(stop.has("pid"), "a stopped container's state has no pid: " + stop);
            assertEquals(hostMnt, rec.only("poststop").get("mnt"));
            assertEquals(6, rec.order().size(), "each hook ran once: " + rec.order());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void runRunsEveryHookInLifecycleOrder() throws Exception {
        HookRecorder rec = recorder();
        Process sleeper = sleeper();
        try {
            Bundle b = withEveryHook(rec, Path.of("/proc/" + sleeper.pid() + "/exe"), "probe", "exit", "3");
            OciRuntime.Result r = run(b, newId("run"));
            assertEquals(3, r.exitCode(), r::describe);
            assertEquals(List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"),
                    rec.order());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    /** The runtime's runner (prestart) and the init's (createContainer) both kill a hook past its timeout. */
    @ParameterizedTest
    @ValueSource(strings = {"prestart", "createContainer"})
    void hookPastItsTimeoutIsKilledAndCreateFails(String point) throws IOException {
        HookRecorder rec = recorder();
        Path pidFile = work.resolve("hook.pid");
        Bundle b = bundle().args("probe", "sleep", "60");
        // the shell's pid as the host's procfs (still /proc before the pivot) says it, kept by exec
        HookRecorder.add(b, point, HookRecorder.hook(Env.busybox().toString(), "slow", rec.dir.toString(),
                "read -r pid rest < /proc/self/stat; echo $pid > " + pidFile + "; exec sleep 60", 1));
        String id = newId("timeout");
        long t0 = System.nanoTime();
        OciRuntime.Result r = create(b, id);
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("hooks." + point + "[0]") && r.stderr().contains("timeout of 1.0s"), r.describe());
        assertTrue(took < 15_000, "the hook was stopped after its 1 s timeout, not after 60 s: " + took + " ms");
        long hookPid = Long.parseLong(Files.readString(pidFile).trim());
        Wait.until(SHORT, () -> !alive(hookPid), "the timed-out hook " + hookPid + " was killed");
        assertNothingLeft(id, b, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prestart", "createRuntime", "createContainer"})
    void failingCreateHookFailsCreateLeavesNothingAndRunsPoststop(String point) {
        HookRecorder rec = recorder();
        Bundle b = bundle().args("probe", "sleep", "60");
        String id = newId(point.toLowerCase());
        String cg = "/" + id + "-cg";
        b.cgroupsPath(cg);
        String busybox = Env.busybox().toString();
        for (String p : CREATE_HOOKS) {
            HookRecorder.add(b, p, HookRecorder.hook(busybox, p, rec.dir.toString(), p.equals(point) ? "echo boom >&2; exit 3" : null, null));
        }
        // a second hook at the failing point never runs
        HookRecorder.add(b, point, HookRecorder.hook(busybox, "second", rec.dir.toString(), null, null));
        HookRecorder.add(b, "poststop", HookRecorder.hook(busybox, "poststop", rec.dir.toString(), null, null));
        try {
            OciRuntime.Result r = create(b, id);
            assertEquals(1, r.exitCode(), r::describe);
            assertTrue(r.stderr().contains("hooks." + point + "[0]"), "the error names the hook: " + r.describe());
            assertTrue(r.stderr().contains("exit status 3") && r.stderr().contains("boom"), "with its status and stderr: " + r.describe());
            assertTrue(rt.logLines().stream().anyMatch(l -> "error".equals(l.path("level").asText())
                    && l.path("msg").asText().contains("hooks." + point)), "a JSON error line in --log");
            List<String> order = rec.order();
            assertEquals(point, order.get(order.size() - 2), "the failing hook was the last of create: " + order);
            assertFalse(order.contains("second"), "no hook after the failing one: " + order);
            assertEquals("poststop", order.getLast(), "runtime-spec: the lifecycle continues at delete, poststop included");
            assertNothingLeft(id, b, cg);
        } finally {
            HostFs.removeCgroups(cg);
        }
    }

    @Test
    void failingStartContainerHookFailsStartAndStopsTheContainer() {
        HookRecorder rec = recorder();
        Bundle b = bundle().args("probe", "sleep", "60");
        rec.bindInto(b);
        HookRecorder.add(b, "startContainer", HookRecorder.hook("/bin/busybox", "startContainer", HookRecorder.IN_CONTAINER,
                "echo no-start >&2; exit 4", null));
        HookRecorder.add(b, "poststart", HookRecorder.hook(Env.busybox().toString(), "poststart", rec.dir.toString(), null, null));
        String id = newId("sc");
        createOk(b, id);
        OciRuntime.Result s = rt.run("start", id);
        assertEquals(1, s.exitCode(), s::describe);
        assertTrue(s.stderr().contains("hooks.startContainer[0]") && s.stderr().contains("no-start"), s.describe());
        awaitStopped(id);
        assertEquals(List.of("startContainer"), rec.order(), "the program never started, so no poststart");
        assertTrue(HostFs.processesRootedUnder(b.rootfs).isEmpty(), "nothing runs in the container");
        assertEquals(0, rt.run("delete", id).exitCode());
    }

    @Test
    void failingPoststartAndPoststopHooksAreWarnings() {
        HookRecorder rec = recorder();
        Bundle b = bundle().args("probe", "sleep", "60");
        String busybox = Env.busybox().toString(), out = rec.dir.toString();
        HookRecorder.add(b, "poststart", HookRecorder.hook(busybox, "poststart1", out, "exit 5", null));
        HookRecorder.add(b, "poststart", HookRecorder.hook(busybox, "poststart2", out, null, null));
        HookRecorder.add(b, "poststop", HookRecorder.hook(busybox, "poststop1", out, "exit 6", null));
        HookRecorder.add(b, "poststop", HookRecorder.hook(busybox, "poststop2", out, null, null));
        String id = newId("warn");
        createOk(b, id);
        OciRuntime.Result s = rt.run("start", id);
        assertEquals(0, s.exitCode(), "a failed poststart hook is a warning: " + s.describe());
        assertEquals("running", rt.status(id));
        OciRuntime.Result d = rt.run("delete", "--force", id);
        assertEquals(0, d.exitCode(), "a failed poststop hook is a warning: " + d.describe());
        assertFalse(Files.exists(rt.root().resolve(id)), "the container is gone");
        assertEquals(List.of("poststart1", "poststart2", "poststop1", "poststop2"), rec.order(), "the next hooks still ran");
        List<JsonNode> warnings = rt.logLines().stream().filter(l -> "warning".equals(l.path("level").asText())).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.path("msg").asText().contains("hooks.poststart[0]")
                && w.path("msg").asText().contains("exit status 5")), "warning for poststart: " + warnings);
        assertTrue(warnings.stream().anyMatch(w -> w.path("msg").asText().contains("hooks.poststop[0]")
                && w.path("msg").asText().contains("exit status 6")), "warning for poststop: " + warnings);
    }

    /** start holds no lock while poststart runs: a hook may act on its own container (here: pause it). */
    @Test
    void poststartHookCanUseTheRuntimeOnItsContainer() {
        Bundle b = bundle().args("probe", "sleep", "60");
        String id = newId("self");
        b.config().withObject("/hooks").withArray("poststart").addObject()
                .put("path", rt.binary().toString())
                .put("timeout", 20)
                .putArray("args").add("jrunc").add("--root").add(rt.root().toString()).add("pause").add(id);
        createOk(b, id);
        OciRuntime.Result s = rt.run("start", id);
        assertEquals(0, s.exitCode(), s::describe);
        // (runc's default config's ambient capabilities are a warning of create's; only start's hooks matter here)
        assertTrue(rt.logLines().stream().noneMatch(l -> "warning".equals(l.path("level").asText())
                && !l.path("msg").asText().startsWith("process.capabilities.")), "the hook worked: " + rt.logLines());
        assertEquals("paused", rt.status(id));
        assertEquals(0, rt.run("resume", id).exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"path", "timeout"})
    void badHookIsRefusedByFieldBeforeAnythingIsMade(String field) {
        Bundle b = bundle().args("probe", "sleep", "60");
        var hook = b.config().withObject("/hooks").withArray("poststop").addObject();
        hook.put("path", field.equals("path") ? "relative/hook" : "/bin/true");
        if (field.equals("timeout")) hook.put("timeout", 0);
        String id = newId("bad");
        OciRuntime.Result r = create(b, id);
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("hooks.poststop[0]." + field), r.describe());
        assertNothingLeft(id, b, null);
    }

    @Test
    void hookThatCannotBeExecutedFailsCreateNamingIt() {
        Bundle b = bundle().args("probe", "sleep", "60");
        b.config().withObject("/hooks").withArray("createRuntime").addObject().put("path", work.resolve("missing").toString());
        String id = newId("noexec");
        OciRuntime.Result r = create(b, id);
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("hooks.createRuntime[0]") && r.stderr().contains("No such file"), r.describe());
        assertNothingLeft(id, b, null);
    }

    private void assertNothingLeft(String id, Bundle b, String cgroupsPath) {
        OciRuntime.Result st = rt.run("state", id);
        assertEquals(1, st.exitCode(), "no container after a failed create: " + st.describe());
        assertFalse(Files.exists(rt.root().resolve(id)), "no state dir " + rt.root().resolve(id));
        Wait.until(SHORT, () -> HostFs.processesRootedUnder(b.rootfs).isEmpty(),
                () -> "no process left in the rootfs: " + HostFs.processesRootedUnder(b.rootfs));
        assertEquals(List.of(), HostFs.mountsMentioning(b.dir), "no mount left mentioning the bundle");
        if (cgroupsPath != null) assertEquals(List.of(), HostFs.cgroupDirs(cgroupsPath), "no cgroup left");
    }

}
