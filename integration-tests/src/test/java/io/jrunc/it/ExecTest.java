package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * `exec` into real running containers: the probe, started by exec, reports what it sees and the
 * test compares it with what the container's init has (namespaces, cgroups) or what the flags asked
 * for (env, cwd, ids, capabilities, no_new_privs, seccomp, fds). Errors exit 1 with runc's words and
 * leave no process behind.
 */
class ExecTest extends ItBase {
    /** The namespace types this kernel has (time: 5.6 and later), each compared between init and exec. */
    private static final List<String> NAMESPACES = List.of("cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts").stream()
            .filter(ns -> java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/ns", ns))).toList();

    /** A started container whose init sleeps, with a cgroup namespace too; returns its id. */
    private String running(Bundle b) {
        String id = newId("c");
        createAndStart(b.args("sleep", "120"), id);
        return id;
    }

    private String running() {
        return running(bundle().namespace("cgroup", null));
    }

    private int initPid(String id) {
        return rt.state(id).path("pid").asInt();
    }

    private OciRuntime.Result exec(String... args) {
        List<String> a = new ArrayList<>(List.of("exec"));
        a.addAll(Arrays.asList(args));
        return rt.run(a.toArray(String[]::new));
    }

    private Probe execProbe(String id, String... probeArgs) {
        List<String> a = new ArrayList<>(List.of(id, "probe"));
        a.addAll(Arrays.asList(probeArgs));
        OciRuntime.Result r = exec(a.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::describe);
        return Probe.parse(r.stdout());
    }

    private static String link(long pid, String ns) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + ns)).toString();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The pids of the container's cgroup, as `ps --format json` lists them. */
    private Set<Integer> psPids(String id) throws IOException {
        OciRuntime.Result r = rt.run("ps", "--format", "json", id);
        assertEquals(0, r.exitCode(), r::describe);
        Set<Integer> pids = new TreeSet<>();
        for (JsonNode n : JSON.readTree(r.stdout())) pids.add(n.asInt());
        return pids;
    }

    @Test
    void processJoinsEveryNamespaceOfTheInit() throws Exception {
        String id = running();
        int init = initPid(id);
        Probe p = execProbe(id, "ns", "pid");
        for (String ns : NAMESPACES) assertEquals(link(init, ns), p.need("ns." + ns), "namespace " + ns + ": " + p.raw);
        assertNotEquals(Env.hostNamespace("pid"), p.need("ns.pid"));
        assertNotEquals(Env.hostNamespace("mnt"), p.need("ns.mnt"));
        assertNotEquals("1", p.need("pid"), "the init is pid 1; the exec'd process another pid of the same namespace");
        assertTrue(p.need("pid").matches("\\d+"), p.raw);
    }

    @Test
    void processIsInTheContainersCgroupsAndPsListsIt() throws Exception {
        String id = running();
        int init = initPid(id);
        Path pidFile = work.resolve("exec.pid");
        OciRuntime.Result r = exec("--detach", "--pid-file", pidFile.toString(), id, "sleep", "60");
        assertEquals(0, r.exitCode(), r::describe);
        int pid = Integer.parseInt(read(pidFile).trim());
        assertTrue(alive(pid), "the detached process runs");
        assertEquals(read(Path.of("/proc/" + init + "/cgroup")), read(Path.of("/proc/" + pid + "/cgroup")), "same cgroups as the init");
        assertEquals(Set.of(init, pid), psPids(id));
        assertEquals(link(init, "pid"), link(pid, "pid"));
    }

    @Test
    void exitStatusComesBackAsTheProcesssOwn() {
        String id = running();
        OciRuntime.Result code = exec(id, "sh", "-c", "exit 7");
        assertEquals(7, code.exitCode(), code::describe);
        OciRuntime.Result killed = exec(id, "probe", "kill-self", "KILL");
        assertEquals(128 + 9, killed.exitCode(), killed::describe);
        OciRuntime.Result ok = exec(id, "true");
        assertEquals(0, ok.exitCode(), ok::describe);
    }

    @Test
    void stdoutAndStderrAreTheCallersAndTheContainerKeepsRunning() {
        String id = running();
        OciRuntime.Result r = exec(id, "sh", "-c", "echo out-$((6*7)); echo err-line >&2");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("out-42", r.stdout().strip());
        assertEquals("err-line", r.stderr().strip());
        assertEquals("running", rt.status(id));
    }

    @Test
    void envCwdUserAndGroupsFromFlags() {
        String id = running(bundle().env("FROM_CONFIG", "yes").env("PATH", "/usr/bin:/bin"));
        OciRuntime.Result r = exec("--env", "EXTRA=1", "-e", "PATH=/bin", "--cwd", "/etc", "--user", "1000:1001",
                "--additional-gids", "5", "-g", "6", id, "probe", "ids", "cwd", "env");
        assertEquals(0, r.exitCode(), r::describe);
        Probe p = Probe.parse(r.stdout());
        assertEquals("1000", p.need("uid"));
        assertEquals("1001", p.need("gid"));
        assertEquals("5,6", p.need("groups"), "the config's groups (none) plus the flags'");
        assertEquals("/etc", p.need("cwd"));
        assertEquals("1", p.need("env.EXTRA"));
        assertEquals("yes", p.need("env.FROM_CONFIG"), "the config's env is kept");
        assertEquals("/bin", p.need("env.PATH"), "a flag replaces the config's value");
        assertEquals(1, p.lines.stream().filter(l -> l.startsWith("env.PATH=")).count(), "each name once: " + p.raw);
    }

    @Test
    void processComesFromTheConfigTheContainerWasCreatedWith() {
        Bundle b = bundle().env("FROM_CONFIG", "at-create");
        String id = running(b);
        b.env("FROM_CONFIG", "edited-later").write();
        Probe p = execProbe(id, "env");
        assertEquals("at-create", p.need("env.FROM_CONFIG"), "editing config.json after create changes nothing (as runc)");
    }

    @Test
    void capAddsToTheProcessesSetsAndNoNewPrivsSetsIt() {
        Bundle b = bundle();
        b.process().put("noNewPrivileges", false);
        String id = running(b);
        Probe plain = execProbe(id, "caps");
        assertEquals("0", plain.need("nonewprivs"), "the config's noNewPrivileges (false)");
        long sysAdmin = 1L << 21;
        assertEquals(0, Long.parseLong(plain.need("cap.bnd"), 16) & sysAdmin, "runc's default config has no CAP_SYS_ADMIN");

        OciRuntime.Result r = exec("--cap", "CAP_SYS_ADMIN", "--no-new-privs", id, "probe", "caps");
        assertEquals(0, r.exitCode(), r::describe);
        Probe p = Probe.parse(r.stdout());
        for (String set : List.of("bnd", "eff", "prm")) {
            assertEquals(sysAdmin, Long.parseLong(p.need("cap." + set), 16) & sysAdmin, "cap." + set + ": " + p.raw);
        }
        // As runc 1.1: not made inheritable, so the kernel does not raise it as ambient either.
        assertEquals(0, Long.parseLong(p.need("cap.inh"), 16) & sysAdmin, p.raw);
        assertEquals(0, Long.parseLong(p.need("cap.amb"), 16) & sysAdmin, p.raw);
        assertEquals("1", p.need("nonewprivs"));
    }

    @Test
    void containersSeccompProfileAppliesToTheProcess() throws Exception {
        Bundle b = bundle();
        b.linux().set("seccomp", JSON.readTree("""
                {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir"],"action":"SCMP_ACT_ERRNO","errnoRet":42}]}"""));
        String id = running(b);
        Probe p = execProbe(id, "syscall", "mkdir", "syscall", "getpid", "caps");
        assertEquals("err:ENOMSG", p.need("syscall.mkdir"), "blocked as in the container: errnoRet 42");
        assertTrue(p.need("syscall.getpid").startsWith("ok:"), p.raw);
        assertEquals("2", p.need("seccomp"), "SECCOMP_MODE_FILTER");
    }

    @Test
    void processFileIsRunWithTheContainersDefaults() throws Exception {
        String id = running();
        int init = initPid(id);
        Path file = work.resolve("process.json");
        Files.writeString(file, """
                {"args":["probe","ids","cwd","env","caps"],"cwd":"/etc","env":["ONLY=this"],
                 "user":{"uid":7,"gid":8,"additionalGids":[9]}}""");
        OciRuntime.Result r = exec("--process", file.toString(), id);
        assertEquals(0, r.exitCode(), r::describe);
        Probe p = Probe.parse(r.stdout());
        assertEquals("7", p.need("uid"));
        assertEquals("8", p.need("gid"));
        assertEquals("9", p.need("groups"));
        assertEquals("/etc", p.need("cwd"));
        assertEquals("this", p.need("env.ONLY"));
        assertFalse(p.has("env.TERM"), "the config's env is not mixed in: " + p.raw);
        String initBounding = Files.readAllLines(Path.of("/proc/" + init + "/status")).stream()
                .filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow().split("\\s+")[1];
        assertEquals(initBounding, p.need("cap.bnd"), "no capabilities in the file: the container's");
    }

    @Test
    void preservedFdsReachTheProcess() throws Exception {
        String id = running();
        Path sink = work.resolve("fd3.out");
        Files.writeString(sink, "");
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().fd3(sink), "exec", "--preserve-fds", "1", id, "probe", "fdwrite", "3", "through-fd3", "fds");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("through-fd3", read(sink).strip());
        assertEquals("0,1,2,3", Probe.parse(r.stdout()).need("fds"));
        OciRuntime.Result none = rt.run(OciRuntime.Opts.defaults().fd3(sink), "exec", id, "probe", "fds");
        assertEquals("0,1,2", Probe.parse(none.stdout()).need("fds"), "without --preserve-fds nothing leaks");
    }

    @Test
    void subCgroupGivenWithCgroupIsJoined() throws Exception {
        String id = running();
        int init = initPid(id);
        String pidsLine = Files.readAllLines(Path.of("/proc/" + init + "/cgroup")).stream()
                .filter(l -> l.matches("\\d+:pids:.*")).findFirst().orElseThrow();
        Path pidsDir = Path.of("/sys/fs/cgroup/pids" + pidsLine.substring(pidsLine.indexOf(":/") + 1));
        Files.createDirectory(pidsDir.resolve("sub"));
        try {
            Path pidFile = work.resolve("sub.pid");
            OciRuntime.Result r = exec("-d", "--pid-file", pidFile.toString(), "--cgroup", "pids:sub", id, "sleep", "30");
            assertEquals(0, r.exitCode(), r::describe);
            int pid = Integer.parseInt(read(pidFile).trim());
            assertTrue(read(pidsDir.resolve("sub/cgroup.procs")).lines().anyMatch(l -> l.equals(Integer.toString(pid))));
            OciRuntime.Result out = exec("--cgroup", "pids:../..", id, "true");
            assertEquals(1, out.exitCode(), out::describe);
            assertTrue(out.stderr().contains("is not a sub cgroup path"), out::describe);
            new ProcessBuilder("kill", "-9", Integer.toString(pid)).start().waitFor();
            Wait.until(SHORT, () -> !alive(pid), () -> "process " + pid + " to die");
        } finally {
            Wait.until(SHORT, () -> {
                try {
                    Files.deleteIfExists(pidsDir.resolve("sub"));
                    return true;
                } catch (IOException busy) {
                    return false;
                }
            }, () -> "sub-cgroup removed");
        }
    }

    @Test
    void processInAContainerWithAUserNamespace() throws Exception {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        Bundle b = UserNamespaceTest.mapped(bundle("userns"), true);
        String id = running(b);
        int init = initPid(id);
        Path pidFile = work.resolve("u.pid");
        OciRuntime.Result r = exec("--pid-file", pidFile.toString(), id, "probe", "ids", "ns");
        assertEquals(0, r.exitCode(), r::describe);
        Probe p = Probe.parse(r.stdout());
        assertEquals("0", p.need("uid"), "root inside");
        assertEquals(link(init, "user"), p.need("ns.user"));
        assertNotEquals(Env.hostNamespace("user"), p.need("ns.user"));
        for (String ns : NAMESPACES) assertEquals(link(init, ns), p.need("ns." + ns), ns);

        OciRuntime.Result d = exec("-d", "--pid-file", pidFile.toString(), "--user", "1000:1000", id, "sleep", "30");
        assertEquals(0, d.exitCode(), d::describe);
        int pid = Integer.parseInt(read(pidFile).trim());
        assertEquals(UserNamespaceTest.BASE + 1000, UserNamespaceTest.statusId(pid, "Uid"), "uid 1000 inside is the mapped id outside");
    }

    @Test
    void createdContainerWithAUserNamespaceCanBeEnteredAndStaysCreated() throws Exception {
        // The waiting init is not dumpable: its namespace files must be opened before the user namespace is joined.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        Bundle b = UserNamespaceTest.mapped(bundle("created"), true).args("sleep", "60");
        String id = newId("created");
        createOk(b, id);
        int init = initPid(id);
        Probe p = execProbe(id, "ids", "ns");
        assertEquals("0", p.need("uid"));
        for (String ns : NAMESPACES) assertEquals(link(init, ns), p.need("ns." + ns), ns);
        assertEquals("created", rt.status(id), "exec does not start the container");
        assertEquals(0, rt.run("start", id).exitCode());
        assertEquals("running", rt.status(id));
    }

    @Test
    void rootlessCallerExecsIntoItsOwnContainer() throws Exception {
        TestUser user = TestUser.ensure();
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        OciRuntime asUser = otherRuntime(user.wrapper(work, Env.binary(), "-u", "XDG_RUNTIME_DIR"), "user");
        user.own(asUser.work());
        Bundle b = Bundle.create(rt, asUser.work().resolve("b"));
        Files.delete(b.dir.resolve("config.json"));
        user.own(b.dir);
        OciRuntime.Result spec = asUser.run(OciRuntime.Opts.defaults().cwd(b.dir), "spec", "--rootless");
        assertEquals(0, spec.exitCode(), spec::describe);
        var rootless = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Files.readString(b.dir.resolve("config.json")));
        b.config().removeAll();
        b.config().setAll(rootless);
        b.terminal(false).args("sleep", "60");
        String id = asUser.track(newId("rl"));
        ItBase.create(asUser, b, id);
        assertEquals(0, asUser.run("start", id).exitCode());
        int init = asUser.state(id).path("pid").asInt();
        OciRuntime.Result r = asUser.run("exec", id, "probe", "ids", "ns");
        assertEquals(0, r.exitCode(), r::describe);
        Probe p = Probe.parse(r.stdout());
        assertEquals("0", p.need("uid"), "root of the container's user namespace");
        assertEquals(link(init, "user"), p.need("ns.user"));
        assertEquals(link(init, "mnt"), p.need("ns.mnt"));
        assertEquals(link(init, "pid"), p.need("ns.pid"));
    }

    @Test
    void unknownContainerFailsWithExit1AndALogLine() {
        OciRuntime.Result r = exec("jrit-no-such-container", "true");
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("container does not exist"), r::describe);
        assertTrue(rt.logLines().stream().anyMatch(l -> "error".equals(l.path("level").asText())
                && l.path("msg").asText().contains("container does not exist")), "JSON error line in --log");
    }

    @Test
    void stoppedContainerIsRefused() {
        Bundle b = bundle().args("true");
        String id = newId("stopped");
        createAndStart(b, id);
        awaitStopped(id);
        OciRuntime.Result r = exec(id, "true");
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("cannot exec in a stopped container"), r::describe);
    }

    /**
     * --apparmor and --process-label go through the same LSM checks as create's config fields: on a
     * host without the LSM (these machines; LsmTest covers the enabled case for create) exec refuses
     * them naming the field, and starts nothing.
     */
    @Test
    void lsmFlagsWithoutTheLsmAreRefusedAsCreateRefusesThem() throws IOException {
        Assumptions.assumeFalse(LsmTest.apparmorEnabled() || LsmTest.selinuxEnabled(), "this host has an LSM enabled");
        String id = running();
        OciRuntime.Result apparmor = exec("--apparmor", "jrunc-exec-profile", id, "true");
        assertEquals(1, apparmor.exitCode(), apparmor::describe);
        assertTrue(apparmor.stderr().contains(
                "process.apparmorProfile: AppArmor is not enabled on this host, cannot apply profile \"jrunc-exec-profile\""),
                apparmor::describe);
        OciRuntime.Result label = exec("--process-label", "system_u:system_r:container_t:s0", id, "true");
        assertEquals(1, label.exitCode(), label::describe);
        assertTrue(label.stderr().contains("process.selinuxLabel: selinux label is specified in config, but selinux is disabled or not supported"),
                label::describe);
        assertEquals(Set.of(initPid(id)), psPids(id), "nothing was started");
        assertEquals(0, exec(id, "true").exitCode(), "the container still takes an exec without them");
    }

    @Test
    void pausedContainerIsRefusedUnlessIgnorePaused() throws Exception {
        String id = running();
        assertEquals(0, rt.run("pause", id).exitCode());
        OciRuntime.Result r = exec(id, "true");
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("cannot exec in a paused container (use --ignore-paused to override)"), r::describe);
        assertEquals(Set.of(initPid(id)), psPids(id), "nothing was started");

        // With --ignore-paused the process joins the frozen cgroup and starts once the container is resumed.
        Path pidFile = work.resolve("paused.pid");
        OciRuntime.Spawned s = rt.spawn(OciRuntime.Opts.defaults(), "exec", "--ignore-paused", "-d", "--pid-file",
                pidFile.toString(), id, "sleep", "30");
        sleep(1000);
        assertTrue(s.process.isAlive(), "waits while the container is frozen");
        assertEquals(0, rt.run("resume", id).exitCode());
        OciRuntime.Result done = s.await();
        assertEquals(0, done.exitCode(), done::describe);
        assertTrue(alive(Integer.parseInt(read(pidFile).trim())));
    }

    @Test
    void badProcessFileNamesTheFieldAndStartsNothing() throws Exception {
        String id = running();
        Set<Integer> before = psPids(id);
        Path file = work.resolve("bad.json");
        Files.writeString(file, "{\"args\":[],\"cwd\":\"/\"}");
        OciRuntime.Result empty = exec("-p", file.toString(), id);
        assertEquals(1, empty.exitCode(), empty::describe);
        assertTrue(empty.stderr().contains("process.args"), empty::describe);

        Files.writeString(file, "{\"args\":[\"true\"],\"cwd\":\"/\",\"user\":{\"uid\":\"root\"}}");
        OciRuntime.Result typed = exec("-p", file.toString(), id);
        assertEquals(1, typed.exitCode(), typed::describe);
        assertTrue(typed.stderr().contains("process.user.uid"), typed::describe);

        // (an unknown capability name is only a warning: CapabilitiesTest)
        Files.writeString(file, "{\"args\":[\"true\"],\"cwd\":\"/\",\"capabilities\":{\"bounding\":\"CAP_KILL\"}}");
        OciRuntime.Result cap = exec("-p", file.toString(), id);
        assertEquals(1, cap.exitCode(), cap::describe);
        assertTrue(cap.stderr().contains("process.capabilities.bounding"), cap::describe);

        OciRuntime.Result missing = exec(id, "no-such-program");
        assertEquals(1, missing.exitCode(), missing::describe);
        assertTrue(missing.stderr().contains("executable file not found in $PATH"), missing::describe);

        OciRuntime.Result noArgs = exec(id);
        assertEquals(1, noArgs.exitCode(), noArgs::describe);
        assertTrue(noArgs.stderr().contains("process args cannot be empty"), noArgs::describe);

        assertEquals(before, psPids(id), "no process left in the container");
        assertEquals("running", rt.status(id));
    }

    @Test
    void signalsSentToJruncReachTheProcess() {
        String id = running();
        OciRuntime.Spawned s = rt.spawn(OciRuntime.Opts.defaults(), "exec", id, "probe", "trap", "20");
        s.awaitStdout("trap=ready", SHORT);
        s.signal("USR1");
        OciRuntime.Result r = s.await();
        assertTrue(r.stdout().contains("caught=10"), r::describe);
        assertEquals(0, r.exitCode(), r::describe);
    }

    @Test
    void sameResultsAsRunc() throws Exception {
        Path runc = Env.runc().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(runc != null && !Env.binaryIsRunc(), "runc is installed and is not the binary under test");
        OciRuntime other = otherRuntime(runc, "runc");
        List<String> execArgs = List.of("--user", "1000:1000", "-g", "3", "--cwd", "/etc", "-e", "X=y", "--cap", "CAP_SYS_ADMIN");
        List<Probe> seen = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        for (OciRuntime r : List.of(rt, other)) {
            Bundle b = bundle(r, "b").args("sleep", "60");
            String id = r.track(newId("sbs"));
            ItBase.create(r, b, id);
            assertEquals(0, r.run("start", id).exitCode());
            List<String> a = new ArrayList<>(List.of("exec"));
            a.addAll(execArgs);
            a.addAll(List.of(id, "probe", "ids", "cwd", "env", "caps", "umask"));
            OciRuntime.Result res = r.run(a.toArray(String[]::new));
            assertEquals(0, res.exitCode(), res::describe);
            seen.add(Probe.parse(res.stdout()));
            codes.add(r.run("exec", id, "sh", "-c", "exit 5").exitCode());
            codes.add(r.run("exec", id, "nosuch").exitCode() == 0 ? 0 : 1);
        }
        for (String key : List.of("uid", "gid", "groups", "cwd", "env.X", "env.HOME", "env.PATH", "cap.bnd", "cap.eff", "cap.prm",
                "cap.inh", "cap.amb", "nonewprivs", "umask")) {
            assertEquals(seen.get(1).get(key), seen.get(0).get(key), key + "\n jrunc: " + seen.get(0).raw + "\n runc: " + seen.get(1).raw);
        }
        assertEquals(codes.subList(2, 4), codes.subList(0, 2), "exit codes (runc exits 255 where jrunc exits 1: both failures)");
    }
}
