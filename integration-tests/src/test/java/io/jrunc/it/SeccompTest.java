package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * linux.seccomp in real containers: the probe makes raw syscalls ({@code probe syscall NAME}) and
 * prints what they returned. Covers errno actions (errnoRet, defaultErrnoRet), the kill actions
 * (exit by SIGSYS: 128 + 31), TRACE without a tracer and LOG, argument conditions, the -ENOSYS
 * stub, Docker's default profile, SCMP_ACT_NOTIFY through a real agent, and both places the filter
 * is loaded (with and without noNewPrivileges).
 */
class SeccompTest extends ItBase {
    static final int SIGSYS_EXIT = 128 + 31;

    private Bundle seccomp(String json, boolean noNewPrivileges) {
        Bundle b = bundle();
        try {
            b.linux().set("seccomp", JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        b.process().put("noNewPrivileges", noNewPrivileges);
        return b;
    }

    @ParameterizedTest(name = "noNewPrivileges={0}")
    @ValueSource(booleans = {true, false})
    void errnoActionsReturnTheConfiguredErrno(boolean nnp) {
        Bundle b = seccomp("""
                {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
                 {"names":["mkdir"],"action":"SCMP_ACT_ERRNO","errnoRet":42},
                 {"names":["chmod"],"action":"SCMP_ACT_ERRNO"}]}""", nnp);
        Probe p = probe(b, "syscall", "mkdir", "syscall", "chmod", "syscall", "getpid", "caps");
        assertEquals("err:ENOMSG", p.need("syscall.mkdir"), "errnoRet 42");
        assertEquals("err:EPERM", p.need("syscall.chmod"), "no errnoRet: EPERM");
        assertTrue(p.need("syscall.getpid").startsWith("ok:"));
        assertEquals("2", p.need("seccomp"), "SECCOMP_MODE_FILTER in /proc/self/status");
        assertEquals(nnp ? "1" : "0", p.need("nonewprivs"));
    }

    @Test
    void defaultActionWithDefaultErrnoRetAndTheEnosysStub() {
        // A default-deny profile has to let the container's own start-up through: execve and what a
        // static program's libc does before main. With noNewPrivileges the filter comes right
        // before execve, so nothing of jrunc-init's own needs allowing.
        Bundle b = seccomp("""
                {"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":6,"syscalls":[
                 {"names":["execve","brk","arch_prctl","set_tid_address","set_robust_list","rseq","prlimit64","mprotect",
                   "readlinkat","getrandom","uname","write","exit_group","newfstatat","fstat","getpid","mmap","munmap",
                   "ioctl","readlink"],"action":"SCMP_ACT_ALLOW"}]}""", true);
        Probe p = probe(b, "syscall", "getpid", "syscall", "mkdir", "syscall", "nr:1000");
        assertTrue(p.need("syscall.getpid").startsWith("ok:"));
        assertEquals("err:ENXIO", p.need("syscall.mkdir"), "defaultErrnoRet 6");
        assertEquals("err:ENOSYS", p.need("syscall.nr:1000"), "beyond every syscall the profile names: ENOSYS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_TRAP"})
    void killActionsEndTheProcessWithSigsys(String action) {
        Bundle b = seccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"uname\"],\"action\":\"" + action + "\"}]}",
                true);
        b.args("probe", "echo", "before", "syscall", "uname", "echo", "after");
        OciRuntime.Result r = run(b, newId("k"));
        assertEquals(SIGSYS_EXIT, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains("echo=before"), r::describe);
        assertFalse(r.stdout().contains("echo=after"), r::describe);
    }

    @Test
    void traceWithoutATracerIsEnosysAndLogLetsThrough() {
        Bundle b = seccomp("""
                {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
                 {"names":["mkdir"],"action":"SCMP_ACT_TRACE"},
                 {"names":["uname"],"action":"SCMP_ACT_LOG"}]}""", true);
        Probe p = probe(b, "syscall", "mkdir", "syscall", "uname");
        assertEquals("err:ENOSYS", p.need("syscall.mkdir"));
        assertEquals("ok:0", p.need("syscall.uname"));
    }

    @Test
    void argumentConditions() {
        // personality is refused unless it only asks (0xffffffff); unshare only with CLONE_NEWUTS in its flags
        Bundle b = seccomp("""
                {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
                 {"names":["personality"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":4294967295,"op":"SCMP_CMP_NE"}]},
                 {"names":["unshare"],"action":"SCMP_ACT_ERRNO","errnoRet":13,
                  "args":[{"index":0,"value":67108864,"valueTwo":67108864,"op":"SCMP_CMP_MASKED_EQ"}]}]}""", true);
        Probe p = probe(b, "syscall", "personality", "4294967295", "syscall", "personality", "8", "syscall", "unshare", "0",
                "syscall", "unshare", "67108864");
        assertTrue(p.lines.contains("syscall.personality=ok:0"), p.raw);
        assertTrue(p.lines.contains("syscall.personality=err:EPERM"), p.raw);
        assertTrue(p.lines.contains("syscall.unshare=ok:0"), p.raw);
        assertTrue(p.lines.contains("syscall.unshare=err:EACCES"), p.raw);
    }

    @ParameterizedTest(name = "noNewPrivileges={0}")
    @ValueSource(booleans = {false, true})
    void dockersDefaultProfileLoadsAndBlocksWhatItBlocks(boolean nnp) throws IOException {
        // Docker leaves noNewPrivileges unset: the filter then goes in before the uid switch, and
        // jrunc-init's own remaining syscalls (setgroups, capset, the fifo, execve) pass through it.
        JsonNode profile = JSON.readTree(Env.moduleDir().resolve("../test-fixtures/docker/default.json").toFile())
                .get("linux").get("seccomp");
        Bundle b = bundle();
        b.linux().set("seccomp", profile);
        b.process().put("noNewPrivileges", nnp);
        b.readonlyRoot(false); // so that mkdir, which the profile allows, succeeds
        b.args("sh", "-c", "echo shell=works; ls / >/dev/null && probe syscall unshare syscall mount syscall mkdir "
                + "syscall personality 5 syscall personality 0 syscall nr:1000 syscall getpid");
        OciRuntime.Result r = run(b, newId("docker"));
        assertEquals(0, r.exitCode(), r::describe);
        Probe p = Probe.parse(r.stdout());
        assertEquals("works", p.need("shell"));
        assertEquals("err:EPERM", p.need("syscall.unshare"));
        assertEquals("err:EPERM", p.need("syscall.mount"));
        assertEquals("ok:0", p.need("syscall.mkdir"));
        assertTrue(p.lines.contains("syscall.personality=err:EPERM"), p.raw);
        assertTrue(p.lines.contains("syscall.personality=ok:0"), p.raw);
        assertEquals("err:ENOSYS", p.need("syscall.nr:1000"));
        assertTrue(p.need("syscall.getpid").startsWith("ok:"));
    }

    @Test
    void flagsAreAppliedWithSeccompTwo() {
        Bundle b = seccomp("""
                {"defaultAction":"SCMP_ACT_ALLOW","flags":["SECCOMP_FILTER_FLAG_LOG","SECCOMP_FILTER_FLAG_SPEC_ALLOW",
                 "SECCOMP_FILTER_FLAG_TSYNC"],"syscalls":[{"names":["mkdir"],"action":"SCMP_ACT_ERRNO"}]}""", true);
        assertEquals("err:EPERM", probe(b, "syscall", "mkdir").need("syscall.mkdir"));
    }

    @ParameterizedTest(name = "noNewPrivileges={0}")
    @ValueSource(booleans = {true, false})
    void notifyHandsTheFdAndTheStateToTheAgent(boolean nnp) throws IOException {
        Path socket = work.resolve("agent.sock");
        try (SeccompAgent agent = SeccompAgent.start(socket, work.resolve("agent.out"), 33)) {
            Bundle b = seccomp("""
                    {"defaultAction":"SCMP_ACT_ALLOW","listenerPath":"%s","listenerMetadata":"it-metadata",
                     "flags":["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],
                     "syscalls":[{"names":["mkdir"],"action":"SCMP_ACT_NOTIFY"}]}""".formatted(socket), nnp);
            b.args("probe", "syscall", "mkdir", "syscall", "getpid");
            b.config().withObject("/annotations").put("it.seccomp", "yes");
            String id = newId("notify");
            Path pidFile = work.resolve("pid");
            OciRuntime.Result created = createOk(b, id, "--pid-file", pidFile.toString());
            // the state reaches the agent during create, as with runc
            Probe received = agent.await("state", SHORT);
            assertEquals("1", received.need("fds"));
            JsonNode state = JSON.readTree(received.need("state"));
            int pid = Integer.parseInt(Files.readString(pidFile).strip());
            assertEquals(pid, state.get("pid").asInt());
            assertEquals("[\"seccompFd\"]", state.get("fds").toString());
            assertEquals("it-metadata", state.get("metadata").asText());
            assertEquals(id, state.get("state").get("id").asText());
            assertEquals("creating", state.get("state").get("status").asText());
            assertEquals(pid, state.get("state").get("pid").asInt());
            assertEquals(b.dir.toString(), state.get("state").get("bundle").asText());
            assertEquals("yes", state.get("state").get("annotations").get("it.seccomp").asText());

            assertEquals(0, rt.run("start", id).exitCode());
            awaitStopped(id);
            Probe p = Probe.parse(created.stdoutNow());
            assertEquals("err:EDOM", p.need("syscall.mkdir"), "the agent's answer (errno 33)");
            assertTrue(p.need("syscall.getpid").startsWith("ok:"));
            assertEquals("83", agent.await("notif", SHORT).need("notif"), "mkdir's number reached the agent");
        }
    }

    @Test
    void anAgentThatIsNotThereFailsCreate() {
        Path socket = work.resolve("nobody-listens.sock");
        Bundle b = seccomp("""
                {"defaultAction":"SCMP_ACT_ALLOW","listenerPath":"%s",
                 "syscalls":[{"names":["mkdir"],"action":"SCMP_ACT_NOTIFY"}]}""".formatted(socket), true);
        OciRuntime.Result r = create(b, newId("noagent"));
        assertNotEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("linux.seccomp.listenerPath"), r::describe);
        assertTrue(r.stderr().contains("No such file or directory"), r::describe);
    }

    @Test
    void aBadProfileIsRefusedNamingTheField() {
        Bundle b = seccomp("""
                {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
                 {"names":["mkdir"],"action":"SCMP_ACT_ERRNO"},{"names":["chmod"],"action":"SCMP_ACT_FOO"}]}""", true);
        OciRuntime.Result r = create(b, newId("bad"));
        assertNotEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("linux.seccomp.syscalls[1].action: unknown action \"SCMP_ACT_FOO\""), r::describe);
    }

    @Test
    void sameAnswersAsRuncUnderDockersProfile() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Env.runc().isPresent(), "runc not installed");
        org.junit.jupiter.api.Assumptions.assumeFalse(Env.binaryIsRunc(), "the runtime under test is runc itself");
        JsonNode profile = JSON.readTree(Env.moduleDir().resolve("../test-fixtures/docker/default.json").toFile())
                .get("linux").get("seccomp");
        String[] args = {"probe", "syscall", "unshare", "syscall", "mount", "syscall", "mkdir", "syscall", "chmod",
                "syscall", "personality", "5", "syscall", "uname", "syscall", "nr:1000", "syscall", "nr:450", "caps"};
        String ours = null;
        for (OciRuntime r : new OciRuntime[] {rt, otherRuntime(Env.runc().get(), "runc")}) {
            Bundle b = bundle(r, "bundle-" + r.binary().getFileName());
            b.linux().set("seccomp", profile.deepCopy());
            b.process().put("noNewPrivileges", false);
            b.args(args);
            OciRuntime.Result res = run(r, b, newId("sbs"));
            assertEquals(0, res.exitCode(), res::describe);
            StringBuilder lines = new StringBuilder();
            for (String l : Probe.parse(res.stdout()).lines) if (l.startsWith("syscall.") || l.startsWith("seccomp=")) lines.append(l).append('\n');
            if (ours == null) ours = lines.toString();
            else assertEquals(lines.toString(), ours, "runc's answers, then ours");
        }
    }
}
