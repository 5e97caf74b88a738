package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * create (--bundle/-b, default bundle = cwd, --pid-file, --no-pivot, --no-new-keyring, --preserve-fds), start, state,
 * kill (signal names with/without SIG, numbers, default TERM, --all), delete (stopped, created, running with and
 * without --force), list (table, --format json, --quiet).
 */
class LifecycleTest extends ItBase {

    @Test
    void createStartStateKillDelete() throws Exception {
        Bundle b = bundle().args("probe", "echo", "started", "sleep", "60");
        String id = newId("life");
        OciRuntime.Result c = createOk(b, id);

        JsonNode created = rt.state(id);
        StateJson.assertState(created, id, "created", b.dir);
        long pid = created.path("pid").asLong();
        assertTrue(alive(pid), "init of a created container is alive: " + pid);
        assertEquals(b.rootfs.toString(), created.path("rootfs").asText());
        sleep(200);
        assertFalse(c.stdoutNow().contains("echo=started"), "the user process has not run before start: " + c.stdoutNow());

        OciRuntime.Result s = rt.run("start", id);
        assertEquals(0, s.exitCode(), s::describe);
        Wait.until(SHORT, () -> c.stdoutNow().contains("echo=started"), () -> "container output after start: " + c.stdoutNow());
        JsonNode running = rt.state(id);
        StateJson.assertState(running, id, "running", b.dir);
        assertEquals(pid, running.path("pid").asLong(), "same init pid after start");
        assertEquals(created.path("created").asText(), running.path("created").asText(), "created time is stable");

        OciRuntime.Result k = rt.run("kill", id, "KILL");
        assertEquals(0, k.exitCode(), k::describe);
        awaitStopped(id);
        StateJson.assertState(rt.state(id), id, "stopped", b.dir);
        Wait.until(SHORT, () -> !alive(pid), "init to be gone");

        OciRuntime.Result d = rt.run("delete", id);
        assertEquals(0, d.exitCode(), d::describe);
        OciRuntime.Result gone = rt.run("state", id);
        assertEquals(1, gone.exitCode(), gone::describe);
        assertTrue(gone.stderr().contains("does not exist"), gone.describe());
        assertFalse(Files.exists(rt.root().resolve(id)), "state dir removed by delete");
    }

    @Test
    void createWithShortBundleFlagCurrentDirectoryAndRelativeBundle() {
        Bundle b = bundle().args("probe", "sleep", "60");
        b.write();
        String id1 = newId("b");
        OciRuntime.Result r1 = rt.run("create", "-b", b.dir.toString(), id1);
        assertEquals(0, r1.exitCode(), r1::describe);
        StateJson.assertState(rt.state(id1), id1, "created", b.dir);

        String id2 = newId("cwd");
        OciRuntime.Result r2 = rt.run(OciRuntime.Opts.defaults().cwd(b.dir), "create", id2);
        assertEquals(0, r2.exitCode(), r2::describe);
        StateJson.assertState(rt.state(id2), id2, "created", b.dir);

        String id3 = newId("rel");
        OciRuntime.Result r3 = rt.run(OciRuntime.Opts.defaults().cwd(work), "create", "--bundle", b.dir.getFileName().toString(), id3);
        assertEquals(0, r3.exitCode(), r3::describe);
        StateJson.assertState(rt.state(id3), id3, "created", b.dir); // a relative --bundle is stored absolute
    }

    @Test
    void pidFileIsWrittenBeforeCreateReturnsAndHoldsTheInitHostPid() throws Exception {
        Bundle b = bundle().args("probe", "sleep", "60");
        String id = newId("pidf");
        Path pidFile = work.resolve("init.pid");
        createOk(b, id, "--pid-file", pidFile.toString());
        assertTrue(Files.exists(pidFile), "pid file exists when create returns");
        String text = Files.readString(pidFile);
        assertTrue(text.matches("\\d+"), "pid file holds only the pid (no newline, like runc): '" + text + "'");
        long pid = Long.parseLong(text.strip());
        assertEquals(rt.state(id).path("pid").asLong(), pid, "pid file == state pid");
        assertTrue(alive(pid), "the pid is a live process");
        assertEquals(b.rootfs.toString(), HostFs.rootfsOf(pid), "the pid is the container's init (its root is the rootfs)");
    }

    @Test
    void noPivotRunsTheContainer() {
        Bundle b = bundle().args("probe", "cwd", "mounts", "write", "/tmp/x");
        b.readonlyRoot(false);
        OciRuntime.Result r = run(b, newId("nopivot"), "--no-pivot");
        assertEquals(0, r.exitCode(), r::describe);
        Probe p = Probe.parse(r.stdout());
        assertEquals("/", p.need("cwd"));
        assertEquals("proc", p.mount("/proc").type());
        assertEquals("ok", p.need("write./tmp/x"));
        assertTrue(Files.exists(b.rootfs.resolve("tmp/x")), "the container's / is the rootfs");
    }

    @Test
    void newSessionKeyringNamedAfterTheContainerUnlessNoNewKeyring() {
        Bundle b = bundle().args("cat", "/proc/keys");
        // /proc/keys is masked by the default spec: unmask it to see the keyrings
        com.fasterxml.jackson.databind.node.ArrayNode masked = b.linux().withArray("/maskedPaths");
        for (int i = masked.size() - 1; i >= 0; i--) if (masked.get(i).asText().equals("/proc/keys")) masked.remove(i);

        String id = newId("keyring");
        OciRuntime.Result r = run(b, id);
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains("_ses." + id), "a new session keyring _ses.<id> (like runc): " + r.stdout());

        String id2 = newId("nokeyring");
        OciRuntime.Result r2 = run(b, id2, "--no-new-keyring");
        assertEquals(0, r2.exitCode(), r2::describe);
        assertFalse(r2.stdout().contains("_ses." + id2), "--no-new-keyring: no keyring of its own: " + r2.stdout());

        String id3 = newId("nokeyringc");
        OciRuntime.Result c = createOk(b, id3, "--no-new-keyring");
        assertEquals(0, rt.run("start", id3).exitCode());
        awaitStopped(id3);
        assertFalse(c.stdoutNow().contains("_ses." + id3), "create --no-new-keyring: " + c.stdoutNow());
    }

    @Test
    void preserveFdsPassesExtraDescriptors() throws Exception {
        Path sink = work.resolve("fd3.out");
        Files.writeString(sink, "");
        Bundle b = bundle().args("probe", "fds", "fdwrite", "3", "hello-from-container");
        String id = newId("pfd");
        b.write();
        rt.track(id);
        OciRuntime.Result c = rt.run(OciRuntime.Opts.defaults().fd3(sink), "create", "--bundle", b.dir.toString(), "--preserve-fds", "1", id);
        assertEquals(0, c.exitCode(), c::describe);
        assertEquals(0, rt.run("start", id).exitCode());
        awaitStopped(id);
        Probe p = Probe.parse(c.stdoutNow());
        assertEquals("0,1,2,3", p.need("fds"), p.raw);
        assertEquals("ok", p.need("fdwrite.3"));
        assertEquals("hello-from-container\n", Files.readString(sink));

        // without --preserve-fds the extra descriptor is not passed on
        String id2 = newId("nopfd");
        rt.track(id2);
        OciRuntime.Result c2 = rt.run(OciRuntime.Opts.defaults().fd3(sink), "run", "--bundle", b.dir.toString(), id2);
        Probe p2 = Probe.parse(c2.stdout());
        assertEquals("0,1,2", p2.need("fds"), p2.raw);
        assertTrue(p2.need("fdwrite.3").startsWith("err:EBADF"), p2.raw);
    }

    @Test
    void killAcceptsNamesWithAndWithoutSigNumbersAndDefaultsToTerm() {
        Bundle b = bundle().args("probe", "trap", "trap", "trap", "trap", "sleep", "60");
        String id = newId("kill");
        OciRuntime.Result c = createAndStart(b, id);
        String[][] cases = {{"USR1", "10"}, {"SIGUSR2", "12"}, {"1", "1"}, {null, "15"}};
        int n = 0;
        for (String[] k : cases) {
            int readyCount = ++n;
            Wait.until(SHORT, () -> count(c.stdoutNow(), "trap=ready") >= readyCount, () -> "trap ready #" + readyCount + ": " + c.stdoutNow());
            OciRuntime.Result r = k[0] == null ? rt.run("kill", id) : rt.run("kill", id, k[0]);
            assertEquals(0, r.exitCode(), r::describe);
            int caughtCount = n;
            Wait.until(SHORT, () -> count(c.stdoutNow(), "caught=") >= caughtCount, () -> "signal " + k[0] + " to arrive: " + c.stdoutNow());
            List<String> caught = lines(c.stdoutNow(), "caught=");
            assertEquals("caught=" + k[1], caught.get(caught.size() - 1), "signal " + k[0] + " arrives as " + k[1]);
        }
        assertEquals("running", rt.status(id));
        OciRuntime.Result r = rt.run("kill", id, "SIGKILL");
        assertEquals(0, r.exitCode(), r::describe);
        awaitStopped(id);
    }

    @Test
    void killAllSignalsEveryProcessOfTheContainer() {
        // sh is pid 1 and ignores TERM; its two children trap it: only --all reaches them.
        Bundle b = bundle().args("sh", "-c", "probe trap 60 & probe trap 60 & wait; wait; echo done=1");
        String id = newId("killall");
        OciRuntime.Result c = createAndStart(b, id);
        Wait.until(SHORT, () -> count(c.stdoutNow(), "trap=ready") == 2, () -> "both children ready: " + c.stdoutNow());
        OciRuntime.Result r = rt.run("kill", "--all", id, "TERM");
        assertEquals(0, r.exitCode(), r::describe);
        Wait.until(SHORT, () -> count(c.stdoutNow(), "caught=15") == 2, () -> "both children caught TERM: " + c.stdoutNow());
        awaitStopped(id);
    }

    @Test
    void deleteStoppedCreatedAndRunning() {
        Bundle b = bundle().args("probe", "sleep", "60");

        String stopped = newId("stopped");
        Bundle quick = bundle("quick").args("probe", "exit", "0");
        createAndStart(quick, stopped);
        awaitStopped(stopped);
        OciRuntime.Result d1 = rt.run("delete", stopped);
        assertEquals(0, d1.exitCode(), d1::describe);
        assertEquals(1, rt.run("state", stopped).exitCode());

        String created = newId("created");
        createOk(b, created);
        long cpid = rt.state(created).path("pid").asLong();
        OciRuntime.Result d2 = rt.run("delete", created);
        assertEquals(0, d2.exitCode(), "delete of a created container (runc kills it): " + d2.describe());
        Wait.until(SHORT, () -> !alive(cpid), "created init killed by delete");
        assertEquals(1, rt.run("state", created).exitCode());

        String running = newId("running");
        createAndStart(b, running);
        long rpid = rt.state(running).path("pid").asLong();
        OciRuntime.Result d3 = rt.run("delete", running);
        assertEquals(1, d3.exitCode(), d3::describe);
        assertTrue(d3.stderr().contains("not stopped") || d3.stderr().contains("running"), "message: " + d3.describe());
        assertEquals("running", rt.status(running), "still running after a refused delete");
        assertTrue(alive(rpid));
        JsonNode err = lastError();
        assertTrue(err.path("msg").asText().contains("not stopped") || err.path("msg").asText().contains("running"), err.toString());

        OciRuntime.Result d4 = rt.run("delete", "--force", running);
        assertEquals(0, d4.exitCode(), d4::describe);
        Wait.until(SHORT, () -> !alive(rpid), "running init killed by delete --force");
        assertEquals(1, rt.run("state", running).exitCode());
        assertFalse(Files.exists(rt.root().resolve(running)));
    }

    @Test
    void listTableJsonAndQuiet() throws Exception {
        Bundle b = bundle().args("probe", "sleep", "60");
        String a = newId("lista");
        String z = newId("listz");
        createOk(b, a);
        createAndStart(b, z);
        long pa = rt.state(a).path("pid").asLong();
        long pz = rt.state(z).path("pid").asLong();

        OciRuntime.Result t = rt.run("list");
        assertEquals(0, t.exitCode(), t::describe);
        String[] rows = t.stdout().strip().split("\n");
        assertEquals(List.of("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"), List.of(rows[0].strip().split("\\s+")), t.describe());
        assertEquals(3, rows.length, t.describe());
        List<List<String>> parsed = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) parsed.add(List.of(rows[i].strip().split("\\s+")));
        List<String> ra = parsed.stream().filter(r -> r.get(0).equals(a)).findFirst().orElseThrow(() -> new AssertionError(t.describe()));
        List<String> rz = parsed.stream().filter(r -> r.get(0).equals(z)).findFirst().orElseThrow(() -> new AssertionError(t.describe()));
        assertEquals(List.of(a, Long.toString(pa), "created", b.dir.toString()), ra.subList(0, 4));
        assertEquals(List.of(z, Long.toString(pz), "running", b.dir.toString()), rz.subList(0, 4));
        assertEquals("root", ra.get(ra.size() - 1), "owner column");
        for (String col : List.of("PID", "STATUS", "BUNDLE", "CREATED", "OWNER")) {
            int at = rows[0].indexOf(col);
            for (int i = 1; i < rows.length; i++) {
                assertTrue(rows[i].length() > at && rows[i].charAt(at - 1) == ' ' && rows[i].charAt(at) != ' ',
                        "column " + col + " aligned like runc's tabwriter:\n" + t.stdout());
            }
        }

        OciRuntime.Result j = rt.run("list", "--format", "json");
        assertEquals(0, j.exitCode(), j::describe);
        JsonNode arr = JSON.readTree(j.stdout());
        assertTrue(arr.isArray() && arr.size() == 2, j.describe());
        for (JsonNode s : arr) {
            String id = s.path("id").asText();
            StateJson.assertState(s, id, id.equals(a) ? "created" : "running", b.dir);
            assertEquals("root", s.path("owner").asText(), "list fills in the owner");
        }

        for (String q : List.of("-q", "--quiet")) {
            OciRuntime.Result r = rt.run("list", q);
            assertEquals(0, r.exitCode(), r::describe);
            List<String> ids = new ArrayList<>(List.of(r.stdout().strip().split("\n")));
            ids.sort(null);
            List<String> want = new ArrayList<>(List.of(a, z));
            want.sort(null);
            assertEquals(want, ids, r.describe());
        }
    }

    @Test
    void stateOfEachStatusAndAfterTheProcessExitsByItself() {
        Bundle b = bundle().args("probe", "exit", "3");
        String id = newId("exits");
        createAndStart(b, id);
        awaitStopped(id);
        JsonNode s = rt.state(id);
        StateJson.assertState(s, id, "stopped", b.dir);
        OciRuntime.Result k = rt.run("kill", id, "KILL");
        assertNotEquals(0, k.exitCode(), "kill of a stopped container fails: " + k.describe());
    }

    private JsonNode lastError() {
        List<JsonNode> lines = rt.logLines();
        for (int i = lines.size() - 1; i >= 0; i--) if ("error".equals(lines.get(i).path("level").asText())) return lines.get(i);
        throw new AssertionError("no error line in " + rt.log() + ": " + lines);
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    static List<String> lines(String text, String prefix) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) if (l.startsWith(prefix)) out.add(l.strip());
        return out;
    }
}
