package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * issue 12, item 5 (docs/reliability.md): `delete --force` of an id that is not there exits 0 as runc's does,
 * so every one of 20 racing deletes does; and `state` says paused only for a container the user paused, not
 * while kill --all or delete freeze it for a moment.
 */
class ForceDeleteAndPauseTest extends ItBase {

    @Test
    void deleteForceOfAMissingIdExitsZeroWithoutForceOne() {
        String id = newId("none");
        OciRuntime.Result forced = rt.run("delete", "--force", id);
        assertEquals(0, forced.exitCode(), forced::describe);
        OciRuntime.Result plain = rt.run("delete", id);
        assertEquals(1, plain.exitCode(), plain::describe);
        assertTrue(plain.stderr().contains("container does not exist"), plain.describe());
    }

    @Test
    void twentyRacingDeleteForceAllExitZero() {
        Bundle b = bundle().args("sleep", "60");
        String id = newId("race");
        createAndStart(b, id);
        long pid = rt.state(id).path("pid").asLong();
        List<OciRuntime.Spawned> deletes = new ArrayList<>();
        for (int i = 0; i < 20; i++) deletes.add(rt.spawn(OciRuntime.Opts.defaults(), "delete", "--force", id));
        List<String> failed = new ArrayList<>();
        for (OciRuntime.Spawned d : deletes) {
            OciRuntime.Result r = d.await();
            if (r.exitCode() != 0) failed.add(r.describe());
        }
        assertEquals(List.of(), failed, "every racing delete --force exits 0");
        assertFalse(alive(pid));
        assertFalse(Files.exists(rt.root().resolve(id)));
        assertEquals(List.of(), HostFs.cgroupDirs("/" + id));
    }

    @Test
    void aFreezeNobodyAskedForIsNotPaused() throws Exception {
        String id = newId("frz");
        Path freezer = freezerState(new CgroupFiles(id));
        Bundle b = bundle().args("sleep", "60");
        createAndStart(b, id);
        // What kill --all and delete do for a moment (and what a kill --all that died mid-way leaves).
        Files.writeString(freezer, "FROZEN");
        try {
            Wait.until(SHORT, () -> read(freezer).equals("FROZEN"), "the freezer to settle");
            assertEquals("running", rt.status(id), "nobody paused it");
            // resume still thaws it, so a container frozen by a dead kill --all is not stuck
            OciRuntime.Result r = rt.run("resume", id);
            assertEquals(0, r.exitCode(), r::describe);
            assertEquals("THAWED", read(freezer));
        } finally {
            Files.writeString(freezer, "THAWED");
        }
        // The user's pause is still a pause, until resume.
        assertEquals(0, rt.run("pause", id).exitCode());
        assertEquals("paused", rt.status(id));
        assertEquals(0, rt.run("resume", id).exitCode());
        assertEquals("running", rt.status(id));
        // kill --all thaws a paused container (as runc's does): then it is no longer paused.
        assertEquals(0, rt.run("pause", id).exitCode());
        assertEquals(0, rt.run("kill", "--all", id, "CONT").exitCode());
        assertEquals("running", rt.status(id));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void racingKillsAndDeletesNeverShowPaused() {
        Bundle b = bundle().args("sleep", "60");
        List<String> seen = new ArrayList<>();
        for (int trial = 0; trial < 2; trial++) {
            String id = newId("kd" + trial);
            createAndStart(b, id);
            List<OciRuntime.Spawned> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(rt.spawn(OciRuntime.Opts.defaults(), "kill", "--all", id, "CONT"));
                calls.add(rt.spawn(OciRuntime.Opts.defaults(), "state", id));
                if (i % 2 == 1) calls.add(rt.spawn(OciRuntime.Opts.defaults(), "delete", "--force", id));
            }
            for (OciRuntime.Spawned c : calls) {
                OciRuntime.Result r = c.await();
                if (r.command().contains("state") && r.stdout().contains("\"paused\"")) seen.add(r.describe());
                if (r.command().contains("delete") && r.exitCode() != 0) seen.add(r.describe());
            }
        }
        assertEquals(List.of(), seen, "no state said paused, no delete --force failed");
    }

    /** freezer.state of the cgroup the container will get (its default cgroupsPath is its id), or skip. */
    private static Path freezerState(CgroupFiles cg) {
        Path mount = CgroupFiles.MOUNT.resolve("freezer");
        assumeTrue(Files.exists(mount.resolve("cgroup.procs")), "the v1 freezer hierarchy at " + mount);
        return cg.dir("freezer").resolve("freezer.state");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
