package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same bundle run with runc and with the runtime under test, compared: exit code, the probe's output (pids, inode
 * numbers and per-runtime paths normalized), state JSON (all keys; values except pid/created/bundle/rootfs/ociVersion),
 * list, spec, and the error exit codes and messages. Runs only when runc is installed and is not the binary under test.
 */
class SideBySideTest extends ItBase {
    private OciRuntime runc;

    @BeforeEach
    void needRunc() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Env.runc().isPresent(), "runc not installed");
        org.junit.jupiter.api.Assumptions.assumeFalse(Env.binaryIsRunc(), "the runtime under test is runc itself");
        runc = otherRuntime(Env.runc().get(), "runc");
    }

    /** One container run by one runtime, with the config made by {@code edit} on runc's spec. */
    private record Outcome(int exit, String stdout, String stderr) {}

    private Bundle sameBundle(OciRuntime r, Consumer<Bundle> edit) {
        // Both runtimes get the config runc's `spec` makes, edited the same way (bundle-relative rootfs).
        Bundle base = Bundle.create(runc, runc.work().resolve("spec-" + System.nanoTime()));
        edit.accept(base);
        Bundle b = Bundle.create(r, r.work().resolve("bundle-" + System.nanoTime()));
        b.config().removeAll();
        b.config().setAll((ObjectNode) base.config().deepCopy());
        return b.write();
    }

    private Outcome runWith(OciRuntime r, String id, Consumer<Bundle> edit) {
        Bundle b = sameBundle(r, edit);
        OciRuntime.Result res = run(r, b, id);
        r.run("delete", "--force", id);
        return new Outcome(res.exitCode(), normalize(res.stdout(), r), res.stderr());
    }

    private static final Pattern NS = Pattern.compile("^(ns\\.[a-z_]+)=([a-z_]+):\\[(\\d+)]$");

    /** Makes outputs of two runtimes comparable: namespaces as host/new, no inode or peer-group numbers, no paths of the run. */
    static String normalize(String out, OciRuntime r) {
        List<String> lines = new ArrayList<>();
        for (String l : out.replace("\r", "").split("\n")) {
            if (l.isBlank()) continue;
            Matcher m = NS.matcher(l);
            if (m.matches()) {
                String key = m.group(1).substring(3);
                if (key.equals("pid_for_children")) key = "pid";
                String host = Env.hostNamespace(key);
                l = m.group(1) + "=" + (host.equals(m.group(2) + ":[" + m.group(3) + "]") ? "host" : "new");
            }
            // stdio: runc's foreground run hands the container pipes it copies; passing the caller's own files is as good
            if (l.matches("fd\\.[012]=.*")) l = l.substring(0, 5) + "<stdio>";
            l = l.replace(r.work().toString(), "<work>");
            l = l.replaceAll("(pipe|socket|anon_inode):\\[\\d+]", "$1:[N]");
            l = l.replaceAll("(shared|master|propagate_from):\\d+", "$1:N");
            l = l.replaceAll("/bundle-\\d+", "/bundle");
            l = l.replaceAll("/calls/\\d+-", "/calls/N-");
            lines.add(l);
        }
        lines.sort(null);
        return String.join("\n", lines);
    }

    private void assertSame(Outcome a, Outcome b, String what) {
        assertEquals(b.exit(), a.exit(), what + ": exit code (runc " + b.exit() + ", under test " + a.exit() + ")\nstderr: " + a.stderr());
        if (!a.stdout().equals(b.stdout())) {
            Set<String> onlyA = new TreeSet<>(List.of(a.stdout().split("\n")));
            Set<String> onlyB = new TreeSet<>(List.of(b.stdout().split("\n")));
            Set<String> common = new TreeSet<>(onlyA);
            common.retainAll(onlyB);
            onlyA.removeAll(common);
            onlyB.removeAll(common);
            throw new AssertionError(what + ": probe output differs\n only runc:\n   " + String.join("\n   ", onlyB)
                    + "\n only under test:\n   " + String.join("\n   ", onlyA));
        }
    }

    private void compare(String what, Consumer<Bundle> edit) {
        String id = newId("sbs");
        Outcome withRunc = runWith(runc, id, edit);
        Outcome underTest = runWith(rt, id, edit);
        assertSame(underTest, withRunc, what);
    }

    @Test
    void defaultSpecProbeAll() {
        compare("probe all, default spec", b -> b.args("probe", "all"));
    }

    @Test
    void editedConfigProbeAll() {
        compare("probe all, edited config", b -> b.hostname("sbs").env("X", "1 2").cwd("/made/by/runtime").user(1000, 1000, 10, 20)
                .umask(027).rlimit("RLIMIT_NOFILE", 64, 128).readonlyRoot(false).namespace("cgroup", null)
                .addMount("/scratch", "tmpfs", "tmpfs", "size=2m", "mode=700", "nosuid")
                .args("probe", "all", "stat", "/dev/null", "stat", "/dev/ptmx", "stat", "/scratch", "write", "/tmp/x"));
    }

    @Test
    void exitCodes() {
        compare("exit 42", b -> b.args("probe", "exit", "42"));
        compare("no such binary", b -> b.args("/no/such/binary"));
        compare("killed by a signal", b -> b.removeNamespace("pid").args("probe", "kill-self", "TERM"));
    }

    /** Keys and values of state JSON compared, except the ones that differ by nature. */
    private static void assertSameState(JsonNode underTest, JsonNode withRunc, String what) {
        Set<String> keysA = new TreeSet<>();
        underTest.fieldNames().forEachRemaining(keysA::add);
        Set<String> keysB = new TreeSet<>();
        withRunc.fieldNames().forEachRemaining(keysB::add);
        assertEquals(keysB, keysA, what + ": state keys\n runc: " + withRunc + "\n under test: " + underTest);
        Map<String, String> a = new TreeMap<>();
        Map<String, String> b = new TreeMap<>();
        for (Iterator<String> it = withRunc.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (Set.of("pid", "created", "bundle", "rootfs", "ociVersion").contains(k)) continue;
            a.put(k, underTest.path(k).toString());
            b.put(k, withRunc.path(k).toString());
        }
        assertEquals(b, a, what + ": state values\n runc: " + withRunc + "\n under test: " + underTest);
        assertEquals(withRunc.path("pid").asLong() > 0, underTest.path("pid").asLong() > 0, what + ": pid set");
    }

    @Test
    void stateAndListThroughTheLifecycle() throws Exception {
        String id = newId("sbs");
        JsonNode[][] states = new JsonNode[2][];
        JsonNode[] lists = new JsonNode[2];
        OciRuntime[] rts = {runc, rt};
        for (int i = 0; i < 2; i++) {
            OciRuntime r = rts[i];
            Bundle b = sameBundle(r, x -> x.args("probe", "sleep", "60"));
            OciRuntime.Result c = create(r, b, id);
            assertEquals(0, c.exitCode(), c::describe);
            JsonNode created = JSON.readTree(r.run("state", id).stdout());
            lists[i] = JSON.readTree(r.run("list", "--format", "json").stdout());
            assertEquals(0, r.run("start", id).exitCode());
            JsonNode running = JSON.readTree(r.run("state", id).stdout());
            assertEquals(0, r.run("kill", id, "KILL").exitCode());
            r.awaitStatus(id, "stopped", SHORT);
            JsonNode stopped = JSON.readTree(r.run("state", id).stdout());
            OciRuntime.Result d = r.run("delete", id);
            assertEquals(0, d.exitCode(), d::describe);
            states[i] = new JsonNode[] {created, running, stopped};
        }
        String[] names = {"created", "running", "stopped"};
        for (int s = 0; s < 3; s++) assertSameState(states[1][s], states[0][s], names[s]);
        assertEquals(lists[0].size(), lists[1].size(), "list --format json entries");
        assertSameState(lists[1].get(0), lists[0].get(0), "list --format json entry");
    }

    @Test
    void specIsRuncs() throws Exception {
        JsonNode[] specs = new JsonNode[2];
        OciRuntime[] rts = {runc, rt};
        for (int i = 0; i < 2; i++) {
            Path dir = Files.createDirectories(rts[i].work().resolve("spec"));
            OciRuntime.Result r = rts[i].run(OciRuntime.Opts.defaults().cwd(dir), "spec");
            assertEquals(0, r.exitCode(), r::describe);
            ObjectNode c = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
            c.remove("ociVersion");
            c.remove("hostname");
            specs[i] = c;
        }
        assertEquals(specs[0].toPrettyString(), specs[1].toPrettyString(), "spec (without ociVersion and hostname) like runc's");
    }

    @Test
    void errorsExitAndMessage() throws Exception {
        OciRuntime[] rts = {runc, rt};
        List<List<String>> outcomes = new ArrayList<>();
        for (OciRuntime r : rts) {
            List<String> o = new ArrayList<>();
            OciRuntime.Result unknown = r.run("state", "jrit-unknown");
            o.add("state unknown: " + unknown.exitCode() + " " + unknown.stderr().contains("does not exist"));
            String id = newId("sbserr");
            Bundle b = sameBundle(r, x -> x.args("probe", "sleep", "60"));
            create(r, b, id);
            OciRuntime.Result dup = create(r, b, id);
            o.add("duplicate create: " + dup.exitCode() + " " + dup.stderr().contains("exists"));
            r.run("start", id);
            OciRuntime.Result again = r.run("start", id);
            o.add("start running: " + again.exitCode());
            OciRuntime.Result del = r.run("delete", id);
            o.add("delete running: " + del.exitCode() + " " + (del.stderr().contains("not stopped") || del.stderr().contains("running")));
            r.run("delete", "--force", id);
            Files.writeString(b.dir.resolve("config.json"), "{");
            OciRuntime.Result bad = r.run("create", "--bundle", b.dir.toString(), id + "x");
            o.add("malformed config: " + bad.exitCode());
            OciRuntime.Result badId = r.run("create", "--bundle", b.dir.toString(), "../x");
            o.add("bad id: " + badId.exitCode());
            outcomes.add(o);
        }
        assertEquals(outcomes.get(0), outcomes.get(1), "errors: runc vs under test");
        assertTrue(outcomes.get(0).get(0).endsWith("true"));
    }
}
