package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Errors as runc gives them (exit 1, a message clients match on, one JSON error line appended to --log): unknown
 * container, duplicate create, start twice, two concurrent creates of one id, failed creates that must leave nothing
 * behind (state dir, process, mount, cgroup), malformed config.json, missing config/rootfs, ids with / or ..
 */
class ErrorsTest extends ItBase {

    /** The last {"level":"error"} line of --log; asserts its shape. */
    private JsonNode lastErrorLine() {
        List<JsonNode> lines = rt.logLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode l = lines.get(i);
            if ("error".equals(l.path("level").asText())) {
                assertTrue(l.path("msg").isTextual() && !l.path("msg").asText().isEmpty(), "msg: " + l);
                assertTrue(l.path("time").isTextual(), "time: " + l);
                OffsetDateTime.parse(l.path("time").asText());
                return l;
            }
        }
        throw new AssertionError("no {\"level\":\"error\"} line in --log " + rt.log() + ": " + lines);
    }

    @Test
    void unknownContainerForEveryCommand() {
        String id = "jrit-nope-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        for (List<String> cmd : List.of(List.of("state", id), List.of("start", id), List.of("kill", id), List.of("kill", id, "KILL"),
                List.of("delete", id))) {
            int before = rt.logLines().size();
            OciRuntime.Result r = rt.run(cmd.toArray(String[]::new));
            assertEquals(1, r.exitCode(), r::describe);
            assertTrue(r.stderr().contains("container does not exist"), r.describe());
            assertEquals("", r.stdout(), r.describe());
            List<JsonNode> lines = rt.logLines();
            assertTrue(lines.size() > before, "an error line appended to --log for " + cmd);
            JsonNode last = lastErrorLine();
            assertEquals("container does not exist", last.path("msg").asText(), "log line for " + cmd + ": " + last);
            for (JsonNode l : lines) assertTrue(l.isObject(), "every --log line is a JSON object: " + l);
        }
    }

    @Test
    void duplicateCreateIsRefusedAndTheFirstIsUnharmed() {
        Bundle b = bundle().args("probe", "echo", "first", "sleep", "60");
        String id = newId("dup");
        OciRuntime.Result first = createOk(b, id);
        long pid = rt.state(id).path("pid").asLong();
        OciRuntime.Result second = create(b, id);
        assertEquals(1, second.exitCode(), second::describe);
        assertTrue(second.stderr().contains("exists"), second.describe());
        assertTrue(lastErrorLine().path("msg").asText().contains("exists"));
        JsonNode s = rt.state(id);
        StateJson.assertState(s, id, "created", b.dir);
        assertEquals(pid, s.path("pid").asLong(), "the first container is unharmed");
        assertEquals(0, rt.run("start", id).exitCode());
        Wait.until(SHORT, () -> first.stdoutNow().contains("echo=first"), () -> "first still works: " + first.stdoutNow());
    }

    @Test
    void startTwice() {
        Bundle b = bundle().args("probe", "sleep", "60");
        String id = newId("twice");
        createAndStart(b, id);
        OciRuntime.Result again = rt.run("start", id);
        assertEquals(1, again.exitCode(), again::describe);
        assertTrue(again.stderr().contains("running") || again.stderr().contains("not in created state"), again.describe());
        assertEquals("running", rt.status(id));

        Bundle q = bundle("quick").args("probe", "exit", "0");
        String id2 = newId("twice-stopped");
        createAndStart(q, id2);
        awaitStopped(id2);
        OciRuntime.Result stopped = rt.run("start", id2);
        assertEquals(1, stopped.exitCode(), stopped::describe);
        assertTrue(stopped.stderr().contains("stopped") || stopped.stderr().contains("not in created state"), stopped.describe());
        String msg = lastErrorLine().path("msg").asText();
        assertTrue(msg.contains("stopped") || msg.contains("not in created state"), msg);
    }

    @Test
    void twoConcurrentCreatesOfOneIdExactlyOneWins() {
        for (int round = 0; round < 2; round++) {
            Bundle b = bundle("race" + round).args("probe", "echo", "winner", "sleep", "60");
            b.write();
            String id = newId("race" + round);
            String[] args = {"create", "--bundle", b.dir.toString(), id};
            OciRuntime.Spawned a = rt.spawn(OciRuntime.Opts.defaults(), args);
            OciRuntime.Spawned c = rt.spawn(OciRuntime.Opts.defaults(), args);
            OciRuntime.Result ra = a.await();
            OciRuntime.Result rc = c.await();
            assertFalse(ra.exitCode() == 0 && rc.exitCode() == 0, "both creates cannot win:\n" + ra + "\n" + rc);
            if (Env.binaryIsRunc11() && !raceWonCleanly(id, ra, rc)) {
                // runc 1.1 has no per-id lock: both creates may fail, or the loser may destroy the winner's state
                // (and leave the winner's `runc init` orphaned). jrunc must do better; this is a known runc difference.
                org.junit.jupiter.api.Assumptions.abort("runc lost the concurrent-create race (known runc 1.1 behaviour):\n" + ra + "\n" + rc);
            }
            assertEquals(1, (ra.exitCode() == 0 ? 1 : 0) + (rc.exitCode() == 0 ? 1 : 0), "exactly one create wins:\n" + ra + "\n" + rc);
            OciRuntime.Result winner = ra.exitCode() == 0 ? ra : rc;
            OciRuntime.Result loser = ra.exitCode() == 0 ? rc : ra;
            assertEquals(1, loser.exitCode(), loser::describe);
            assertFalse(loser.stderr().isBlank(), "the loser says why: " + loser.describe());
            StateJson.assertState(rt.state(id), id, "created", b.dir);
            assertEquals(0, rt.run("start", id).exitCode());
            Wait.until(SHORT, () -> winner.stdoutNow().contains("echo=winner"), () -> "winner runs: " + winner.stdoutNow());
            assertEquals("running", rt.status(id));
        }
    }

    private boolean raceWonCleanly(String id, OciRuntime.Result ra, OciRuntime.Result rc) {
        if ((ra.exitCode() == 0) == (rc.exitCode() == 0)) return false;
        OciRuntime.Result st = rt.run("state", id);
        return st.ok() && st.stdout().contains("\"created\"");
    }

    /** Asserts that nothing of a failed create of {@code id} from bundle {@code b} is left. */
    private void assertNothingLeft(String id, Bundle b, String cgroupsPath) {
        OciRuntime.Result st = rt.run("state", id);
        assertEquals(1, st.exitCode(), "no container after a failed create: " + st.describe());
        assertTrue(st.stderr().contains("does not exist"), st.describe());
        assertFalse(Files.exists(rt.root().resolve(id)), "no state dir " + rt.root().resolve(id));
        OciRuntime.Result l = rt.run("list", "-q");
        assertFalse(l.stdout().contains(id), "not listed: " + l.describe());
        Wait.until(SHORT, () -> HostFs.processesRootedUnder(b.rootfs).isEmpty(),
                () -> "no process left in the rootfs: " + HostFs.processesRootedUnder(b.rootfs));
        assertEquals(List.of(), HostFs.mountsMentioning(b.dir), "no mount left mentioning the bundle");
        if (cgroupsPath != null) assertEquals(List.of(), HostFs.cgroupDirs(cgroupsPath), "no cgroup left");
    }

    private void failingCreate(String hint, Consumer<Bundle> breakIt, String messagePart) {
        Bundle b = bundle(hint).args("probe", "sleep", "60");
        String id = newId(hint);
        String cg = "/" + id + "-cg";
        b.cgroupsPath(cg);
        breakIt.accept(b);
        OciRuntime.Result r = create(b, id);
        try {
            assertEquals(1, r.exitCode(), r::describe);
            if (messagePart != null) assertTrue(r.stderr().contains(messagePart), "message mentions " + messagePart + ": " + r.describe());
            lastErrorLine();
            assertNothingLeft(id, b, cg);
        } finally {
            HostFs.removeCgroups(cg);
        }
    }

    @Test
    void failedCreateOfAMissingExecutableLeavesNothingBehind() {
        failingCreate("noexe", b -> b.args("/no/such/binary"), "/no/such/binary");
    }

    @Test
    void failedCreateOfAMissingBindSourceLeavesNothingBehind() {
        failingCreate("nosrc", b -> b.addMount("/data", "bind", work.resolve("no-such-source").toString(), "bind"), null);
    }

    @Test
    void sameIdUsableAfterAFailedCreate() {
        Bundle bad = bundle("bad").args("/no/such/binary");
        String id = newId("again");
        OciRuntime.Result r = create(bad, id);
        assertEquals(1, r.exitCode(), r::describe);
        Bundle good = bundle("good").args("probe", "echo", "second-try");
        OciRuntime.Result r2 = run(good, id);
        assertEquals(0, r2.exitCode(), r2::describe);
        assertEquals("second-try", Probe.parse(r2.stdout()).need("echo"));
    }

    @Test
    void malformedConfigJson() throws Exception {
        Bundle b = bundle();
        String id = newId("badjson");
        Files.writeString(b.dir.resolve("config.json"), "{ \"ociVersion\": \"1.0.2\", \"process\": ");
        rt.track(id);
        OciRuntime.Result r = rt.run("create", "--bundle", b.dir.toString(), id);
        assertEquals(1, r.exitCode(), r::describe);
        assertFalse(r.stderr().isBlank(), r.describe());
        lastErrorLine();
        assertNothingLeft(id, b, null);

        Files.writeString(b.dir.resolve("config.json"), "{\"ociVersion\": \"1.0.2\", \"process\": {\"args\": \"not-an-array\"}, \"root\": {\"path\": \"rootfs\"}}");
        OciRuntime.Result r2 = rt.run("create", "--bundle", b.dir.toString(), id);
        assertEquals(1, r2.exitCode(), "wrong type in config: " + r2.describe());
        assertNothingLeft(id, b, null);
    }

    @Test
    void missingConfigJson() throws Exception {
        Bundle b = bundle();
        Files.delete(b.dir.resolve("config.json"));
        String id = rt.track(newId("nocfg"));
        OciRuntime.Result r = rt.run("create", "--bundle", b.dir.toString(), id);
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("config.json"), "names the file: " + r.describe());
        assertNothingLeft(id, b, null);
    }

    @Test
    void missingRootfs() {
        Bundle b = bundle();
        b.rootPath(work.resolve("no-such-rootfs").toString());
        String id = newId("norootfs");
        OciRuntime.Result r = create(b, id);
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("no-such-rootfs") || r.stderr().contains("rootfs"), "names the rootfs: " + r.describe());
        lastErrorLine();
        assertNothingLeft(id, b, null);
        assertFalse(Files.exists(work.resolve("no-such-rootfs")), "the missing rootfs is not created");
    }

    @Test
    void idsWithSlashOrDotDotAreRefused() throws Exception {
        Bundle b = bundle().args("probe", "exit", "0");
        b.write();
        for (String id : List.of("a/b", "..", "../escape", "x/../y", ".", "/abs")) {
            OciRuntime.Result r = rt.run("create", "--bundle", b.dir.toString(), id);
            assertEquals(1, r.exitCode(), "id '" + id + "': " + r.describe());
            assertTrue(r.stderr().toLowerCase().contains("invalid") || r.stderr().contains("id"), "says the id is bad: " + r.describe());
            OciRuntime.Result run = rt.run("run", "--bundle", b.dir.toString(), id);
            assertEquals(1, run.exitCode(), "run with id '" + id + "': " + run.describe());
        }
        assertFalse(Files.exists(work.resolve("escape")), "nothing created outside --root");
        assertFalse(Files.exists(work.resolve("y")));
        if (Files.isDirectory(rt.root())) {
            try (Stream<Path> s = Files.list(rt.root())) {
                assertEquals(List.of(), s.toList(), "nothing created under --root");
            }
        }
        assertTrue(HostFs.processesRootedUnder(b.rootfs).isEmpty());
    }

    @Test
    void killWithAnUnknownSignalIsAnError() {
        Bundle b = bundle().args("probe", "sleep", "60");
        String id = newId("badsig");
        createAndStart(b, id);
        OciRuntime.Result r = rt.run("kill", id, "NOSUCHSIG");
        assertNotEquals(0, r.exitCode(), r::describe);
        assertEquals("running", rt.status(id), "still running");
    }
}
