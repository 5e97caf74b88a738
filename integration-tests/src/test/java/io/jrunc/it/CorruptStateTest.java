package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * issue 12, item 4 (docs/reliability.md): a container whose state.json is truncated, garbage or deleted is
 * neither hidden by `list` (runc's warning `load container ID: ...` on stderr, and the row with what is known)
 * nor beyond `delete --force`, which still kills its processes and removes its cgroups and state dir.
 */
class CorruptStateTest extends ItBase {

    @Test
    void listWarnsAndShowsTheRowOfAContainerWithGarbageState() throws Exception {
        Bundle b = bundle().args("sleep", "60");
        String bad = newId("bad"), good = newId("good");
        createOk(b, bad);
        createOk(b, good);
        long pid = rt.state(bad).path("pid").asLong();
        Files.writeString(rt.root().resolve(bad).resolve("state.json"), "{\"ociVersion\":\"1.2.0\",\"id\":\"" + bad + "\",\"ini");

        OciRuntime.Result table = rt.run("list");
        assertEquals(0, table.exitCode(), table::describe);
        assertTrue(table.stderr().contains("load container " + bad + ": "), "runc's warning on stderr: " + table.describe());
        String row = table.stdout().lines().filter(l -> l.startsWith(bad + " ")).findFirst().orElse(null);
        assertTrue(row != null, "the container is listed, not hidden: " + table.describe());
        assertTrue(row.matches(java.util.regex.Pattern.quote(bad) + "\\s+" + pid + "\\s+created\\s.*"),
                "its init's pid and status, from what jrunc kept outside state.json: " + row);
        assertTrue(table.stdout().contains(good + " "), table.describe());

        OciRuntime.Result json = rt.run("list", "--format", "json");
        assertEquals(0, json.exitCode(), json::describe);
        JsonNode all = JSON.readTree(json.stdout());
        assertEquals(2, all.size(), json.describe());

        OciRuntime.Result quiet = rt.run("list", "-q");
        assertTrue(quiet.stdout().lines().anyMatch(bad::equals), quiet.describe());
    }

    @Test
    void deleteForceRemovesEverythingOfAContainerWithTruncatedState() throws Exception {
        assertDeleteForceCleansUp(dir -> Files.writeString(dir.resolve("state.json"), "{\"ociVersion\":\"1.2"));
    }

    @Test
    void deleteForceRemovesEverythingOfAContainerWithGarbageState() throws Exception {
        assertDeleteForceCleansUp(dir -> Files.write(dir.resolve("state.json"), new byte[] {0, 1, 2, (byte) 0xff, '\n'}));
    }

    @Test
    void deleteForceRemovesEverythingOfAContainerWhoseStateWasDeleted() throws Exception {
        assertDeleteForceCleansUp(dir -> Files.delete(dir.resolve("state.json")));
    }

    @Test
    void deleteWithoutForceOfUnreadableStateFailsAndTouchesNothing() throws Exception {
        Bundle b = bundle().args("sleep", "60");
        String id = newId("noforce");
        createAndStart(b, id);
        long pid = rt.state(id).path("pid").asLong();
        Files.writeString(rt.root().resolve(id).resolve("state.json"), "garbage");
        OciRuntime.Result d = rt.run("delete", id);
        assertEquals(1, d.exitCode(), d::describe);
        assertTrue(alive(pid), "the container's init is left alone");
        assertTrue(Files.isDirectory(rt.root().resolve(id)));
    }

    private interface Damage {
        void apply(Path stateDir) throws Exception;
    }

    private void assertDeleteForceCleansUp(Damage damage) throws Exception {
        Bundle b = bundle().args("sleep", "60");
        String id = newId("corrupt");
        createAndStart(b, id);
        long pid = rt.state(id).path("pid").asLong();
        assertFalse(HostFs.cgroupDirs("/" + id).isEmpty(), "the container has cgroups");
        damage.apply(rt.root().resolve(id));

        OciRuntime.Result d = rt.run("delete", "--force", id);
        assertEquals(0, d.exitCode(), d::describe);
        Wait.until(SHORT, () -> !alive(pid), "the container's init to be killed");
        assertEquals(java.util.List.of(), HostFs.cgroupDirs("/" + id), "cgroups removed");
        assertFalse(Files.exists(rt.root().resolve(id)), "state dir removed");
    }
}
