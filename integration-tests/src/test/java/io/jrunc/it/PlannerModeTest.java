package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The guard that makes {@code make test}'s two passes differ (issue 14): with JRUNC_PLANNER=on a call through the
 * binary is served by a planner of this install, with off no planner is started and calls still work. The telltale
 * is a foreground {@code run}: served by a planner, the caller's process stays the front end (it waits for the
 * container as the subreaper); on the cold path it has exec'd the JVM by the time the container runs.
 */
class PlannerModeTest extends ItBase {
    private static final Duration PLANNER_START = Duration.ofSeconds(30);

    @Test
    void theCallsOfThisPassRunInItsPlannerMode() throws Exception {
        Path libdir = PlannerFrontEnd.assumeFrontEnd();
        boolean on = PlannerFrontEnd.assumePassMode();
        Set<Long> before = PlannerFrontEnd.plannerPids(libdir);

        OciRuntime.Result list = rt.run("list");
        assertEquals(0, list.exitCode(), list::describe);
        if (on) {
            // The first call may have taken the cold path and started the planner: wait until one answers.
            Wait.until(PLANNER_START, () -> PlannerFrontEnd.planners(libdir).stream().anyMatch(p -> PlannerFrontEnd.answers(p.socket(), libdir)),
                    () -> "a planner of " + libdir + " answering on its socket, with JRUNC_PLANNER=on; running: " + PlannerFrontEnd.planners(libdir));
        }

        Path frontEnd = Env.binary().toRealPath();
        String id = newId("mode");
        OciRuntime.Spawned run = spawnRun(bundle().args("sleep", "60"), id);
        rt.awaitStatus(id, "running", SHORT);
        Path exe = PlannerFrontEnd.exeOf(run.pid());
        if (on) {
            assertEquals(frontEnd, exe, "with JRUNC_PLANNER=on a foreground run is served by the planner: the caller stays the front end");
        } else {
            assertNotEquals(frontEnd, exe, "with JRUNC_PLANNER=off a foreground run takes the cold path: the front end execs the JVM");
            assertTrue(exe.getFileName().toString().equals("java"), "the cold path runs java, not " + exe);
        }
        assertEquals(0, rt.run("kill", id, "KILL").exitCode(), "kill of the foreground run's container");
        OciRuntime.Result done = run.await();
        assertEquals(137, done.exitCode(), () -> "the foreground run exits as its container, killed:\n" + done.describe());

        if (!on) {
            // A planner would have been forked before the cold path's exec; give its JVM time to show up.
            sleep(1000);
            Set<Long> started = PlannerFrontEnd.plannerPids(libdir);
            started.removeAll(before);
            assertEquals(Set.of(), started, "planners started for " + libdir + " with JRUNC_PLANNER=off");
        }
    }
}
