package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ids and --root cannot be used to reach outside the state directory. The victim is a directory next to
 * --root holding a file and a forged state file whose init is a live host process: a runtime that followed
 * the id or a symlink there would show it (state), signal it (kill), or empty the directory (delete --force).
 */
class StateEscapeTest extends ItBase {
    private Path victim;
    private Process hostProcess;

    @BeforeEach
    void victim() throws Exception {
        hostProcess = new ProcessBuilder("sleep", "120").start();
        victim = Files.createDirectories(work.resolve("victim"));
        Files.writeString(victim.resolve("precious"), "precious\n");
        Files.createDirectories(victim.resolve("sub"));
        Files.writeString(victim.resolve("sub/also-precious"), "also\n");
        Files.writeString(victim.resolve("state.json"), forgedState(hostProcess.pid()));
    }

    @AfterEach
    void killHostProcess() {
        if (hostProcess != null) hostProcess.destroyForcibly();
    }

    @Test
    void idsThatAreNotPlainNamesAreRefusedByEveryCommand() throws IOException {
        Files.createDirectories(rt.root()); // so that <root>/../victim resolves
        Bundle b = bundle();
        b.write();
        List<String> ids = List.of("../victim", victim.toString(), "victim/../../victim", "a/b", "..", ".", "x\ny", "trailing\n", "");
        for (String id : ids) {
            for (List<String> cmd : commands(b, id)) {
                OciRuntime.Result r = rt.run(cmd.toArray(String[]::new));
                assertNotEquals(0, r.exitCode(), r::describe);
                String err = r.stderr().toLowerCase();
                assertTrue(err.contains("invalid") && err.contains("id") || err.contains("cannot be empty"), "refused for its id: " + r.describe());
                assertVictimIntact(r.describe());
            }
        }
        assertFalse(Files.exists(rt.root().resolve("a")), "nothing made under --root");
    }

    @Test
    void containerDirThatIsASymlinkIsNotAContainer() throws IOException {
        assumeFalse(Env.binaryIsRunc11(), "runc 1.1 follows a symlinked container dir (state shows the forged state)");
        Files.createDirectories(rt.root());
        Files.createSymbolicLink(rt.root().resolve("evil"), victim);
        Bundle b = bundle();
        b.write();
        for (List<String> cmd : commands(b, "evil")) {
            if (cmd.contains("--force")) continue;
            OciRuntime.Result r = rt.run(cmd.toArray(String[]::new));
            assertNotEquals(0, r.exitCode(), "refused: " + r.describe());
            assertVictimIntact(r.describe());
        }
        OciRuntime.Result list = rt.run("list", "-q");
        assertFalse(list.stdout().contains("evil"), "list does not show it: " + list.describe());
        // --force clears what is in the way: the link, never what it points at.
        OciRuntime.Result force = rt.run("delete", "--force", "evil");
        assertVictimIntact(force.describe());
        assertTrue(Files.exists(victim), force.describe());
    }

    @Test
    void deleteNeverFollowsSymlinksInsideAContainerDir() throws IOException {
        String id = newId("del");
        createOk(bundle().args("probe", "sleep", "30"), id);
        Path dir = rt.root().resolve(id);
        Files.createSymbolicLink(dir.resolve("link-to-victim"), victim);
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(sub.resolve("link-to-file"), victim.resolve("precious"));
        Files.createSymbolicLink(sub.resolve("link-to-sub"), victim.resolve("sub"));
        OciRuntime.Result r = rt.run("delete", "--force", id);
        assertEquals(0, r.exitCode(), r::describe);
        assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS), "the container's dir is gone");
        assertVictimIntact(r.describe());
    }

    private List<List<String>> commands(Bundle b, String id) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("state", id));
        out.add(List.of("start", id));
        out.add(List.of("kill", id, "KILL"));
        out.add(List.of("delete", id));
        out.add(List.of("delete", "--force", id));
        out.add(List.of("create", "--bundle", b.dir.toString(), id));
        out.add(List.of("run", "--bundle", b.dir.toString(), id));
        return out;
    }

    private void assertVictimIntact(String after) {
        try {
            assertEquals("precious\n", Files.readString(victim.resolve("precious")), after);
            assertEquals("also\n", Files.readString(victim.resolve("sub/also-precious")), after);
            assertTrue(Files.exists(victim.resolve("state.json")), after);
        } catch (IOException e) {
            throw new AssertionError("victim damaged after " + after, e);
        }
        assertTrue(hostProcess.isAlive(), "the forged init (a host process) was not signalled by " + after);
    }

    /** A state file in the runtime's own format (runc's field names for runc) whose init is {@code pid}, with no cgroups. */
    private static String forgedState(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long start = Long.parseLong(f[19]);
        ObjectNode s = JSON.createObjectNode();
        if (Env.binaryIsRunc()) {
            s.put("id", "victim").put("init_process_pid", pid).put("init_process_start", start)
                    .put("created", "2026-01-01T00:00:00Z");
            s.putObject("config").put("rootfs", "/");
            return s.toString();
        }
        s.put("ociVersion", "1.2.0").put("id", "victim").put("initPid", pid).put("initStartTime", start)
                .put("bundle", "/").put("rootfs", "/").put("created", "2026-01-01T00:00:00Z").put("owner", "");
        s.putObject("annotations");
        s.putObject("cgroups");
        s.putObject("namespaces");
        s.put("sharedPidNamespace", false);
        return s.toString();
    }
}
