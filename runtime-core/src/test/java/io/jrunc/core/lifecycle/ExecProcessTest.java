package io.jrunc.core.lifecycle;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.JruncException;
import io.jrunc.spec.Process;
import io.jrunc.spec.SpecJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runc 1.1's rules for the process of `exec`: flags over the config's process, or a process file with the container's defaults. */
class ExecProcessTest {
    static final Process CONTAINER = SpecJson.parseProcess("""
            {"terminal":true,"args":["sleep","100"],"cwd":"/srv","env":["PATH=/bin","A=1"],
             "user":{"uid":10,"gid":20,"umask":18,"additionalGids":[30]},
             "capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"],
                             "inheritable":["CAP_KILL"],"ambient":["CAP_KILL"]},
             "rlimits":[{"type":"RLIMIT_NOFILE","hard":100,"soft":100}],"noNewPrivileges":true,
             "apparmorProfile":"ctr-profile","oomScoreAdj":500,"selinuxLabel":"ctr_t"}""".getBytes(StandardCharsets.UTF_8));

    static ExecOptions flags(Path processFile, List<String> args, boolean tty, String cwd, List<String> env, String user,
                             List<Long> gids, List<String> caps, boolean nnp) {
        return new ExecOptions("c1", processFile, args, tty, cwd, env, user, gids, caps, nnp, null, null, 0, false, null, null,
                false, List.of());
    }

    static ExecOptions args(String... args) {
        return flags(null, List.of(args), false, null, List.of(), null, List.of(), List.of(), false);
    }

    @Test
    void withoutFlagsItIsTheContainersProcessWithTheGivenArgsAndNoTerminal() throws JruncException {
        Process p = ExecProcess.of(args("ps", "-ef"), CONTAINER);
        assertEquals(List.of("ps", "-ef"), p.args());
        assertEquals(Boolean.FALSE, p.terminal(), "a terminal only with --tty, as runc");
        assertEquals("/srv", p.cwd());
        assertEquals(10, p.user().uid());
        assertEquals(CONTAINER.capabilities(), p.capabilities());
        assertEquals(CONTAINER.rlimits(), p.rlimits());
        assertEquals(Boolean.TRUE, p.noNewPrivileges());
        assertEquals(500, p.oomScoreAdj());
    }

    @Test
    void flagsOverrideAndAppend() throws JruncException {
        Process p = ExecProcess.of(flags(null, List.of("id"), true, "/tmp", List.of("A=2", "B=3"), "1000:1001", List.of(40L, 41L),
                List.of("CAP_SYS_ADMIN"), false), CONTAINER);
        assertEquals(Boolean.TRUE, p.terminal());
        assertEquals("/tmp", p.cwd());
        assertEquals(List.of("PATH=/bin", "A=2", "B=3"), p.env(), "a later value replaces an earlier one in its place");
        assertEquals(1000, p.user().uid());
        assertEquals(1001, p.user().gid());
        assertEquals(List.of(30L, 40L, 41L), p.user().additionalGids());
        assertEquals(18L, p.user().umask());
        assertEquals(List.of("CAP_KILL", "CAP_SYS_ADMIN"), p.capabilities().bounding());
        assertEquals(List.of("CAP_KILL", "CAP_SYS_ADMIN"), p.capabilities().ambient());
        assertEquals(List.of("CAP_KILL"), p.capabilities().inheritable(), "runc 1.1 does not add --cap to the inheritable set");
    }

    @Test
    void userWithoutGidKeepsTheConfigsGid() throws JruncException {
        Process p = ExecProcess.of(flags(null, List.of("id"), false, null, List.of(), "7", List.of(), List.of(), false), CONTAINER);
        assertEquals(7, p.user().uid());
        assertEquals(20, p.user().gid());
    }

    @Test
    void badFlagsAreRefusedInRuncsWords() {
        JruncException noArgs = assertThrows(JruncException.class, () -> ExecProcess.of(args(), CONTAINER));
        assertEquals("process args cannot be empty", noArgs.getMessage());
        JruncException uid = assertThrows(JruncException.class, () -> ExecProcess.of(
                flags(null, List.of("id"), false, null, List.of(), "root", List.of(), List.of(), false), CONTAINER));
        assertEquals("parsing root as int for uid failed", uid.getMessage());
        JruncException gid = assertThrows(JruncException.class, () -> ExecProcess.of(
                flags(null, List.of("id"), false, null, List.of(), null, List.of(-1L), List.of(), false), CONTAINER));
        assertEquals("additional-gids must be a positive number -1", gid.getMessage());
        ConfigException env = assertThrows(ConfigException.class, () -> ExecProcess.of(
                flags(null, List.of("id"), false, null, List.of("NOEQUALS"), null, List.of(), List.of(), false), CONTAINER));
        assertEquals("process.env[2]", env.path());
        ConfigException cwd = assertThrows(ConfigException.class, () -> ExecProcess.of(
                flags(null, List.of("id"), false, "relative", List.of(), null, List.of(), List.of(), false), CONTAINER));
        assertEquals("process.cwd", cwd.path());
    }

    @Test
    void aProcessFileTakesTheContainersDefaultsForWhatItLeavesOut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"args\":[\"true\"],\"cwd\":\"/\",\"env\":[\"X=1\"],\"terminal\":true,\"oomScoreAdj\":-5}");
        Process p = ExecProcess.of(flags(file, List.of("ignored"), false, "/ignored", List.of("IGNORED=1"), "99", List.of(), List.of(), false),
                CONTAINER);
        assertEquals(List.of("true"), p.args(), "the flags about the process do not apply to a file");
        assertEquals(List.of("X=1"), p.env());
        assertEquals(Boolean.TRUE, p.terminal());
        assertEquals(CONTAINER.capabilities(), p.capabilities());
        assertEquals(CONTAINER.rlimits(), p.rlimits());
        assertEquals(Boolean.TRUE, p.noNewPrivileges());
        assertEquals("ctr-profile", p.apparmorProfile());
        assertEquals("ctr_t", p.selinuxLabel());
        assertEquals(500, p.oomScoreAdj(), "oomScoreAdj is always the container's, as runc");
        assertNull(p.user(), "no user: uid 0 and gid 0, decided by the plan compiler");
    }

    @Test
    void aBadProcessFileNamesTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"args\":[\"true\"],\"cwd\":\"/\",\"user\":{\"uid\":\"root\"}}");
        JruncException typed = assertThrows(JruncException.class, () -> ExecProcess.of(flags(file, List.of(), false, null,
                List.of(), null, List.of(), List.of(), false), CONTAINER));
        assertTrue(typed.getMessage().contains("process.user.uid: "), typed.getMessage());
        Files.writeString(file, "{\"args\":[],\"cwd\":\"/\"}");
        ConfigException empty = assertThrows(ConfigException.class, () -> ExecProcess.of(flags(file, List.of(), false, null,
                List.of(), null, List.of(), List.of(), false), CONTAINER));
        assertEquals("process.args", empty.path());
        JruncException missing = assertThrows(JruncException.class, () -> ExecProcess.of(flags(dir.resolve("none.json"), List.of(),
                false, null, List.of(), null, List.of(), List.of(), false), CONTAINER));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }
}
