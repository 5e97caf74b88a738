package io.jrunc.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.it.PlannerFrontEnd;
import io.jrunc.it.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine suite's half of the guard of issue 14: dockerd and its containerd call jrunc in the planner mode of
 * this pass. JRUNC_PLANNER reaches the runtime only through the environment dockerd hands down (dockerd to its
 * containerd to the runc shim to jrunc), so the shim of a running container must carry it; with on, the install's
 * planner answers after Docker's calls, with off, Docker's calls start none.
 */
class EnginePlannerModeTest extends EngineTestBase {
    @Test
    void dockerCallsJruncInThePlannerModeOfThisPass() throws IOException {
        Path libdir = PlannerFrontEnd.assumeFrontEnd();
        boolean on = PlannerFrontEnd.assumePassMode();
        Set<Long> before = PlannerFrontEnd.plannerPids(libdir);

        String name = name("mode");
        startDetached(name, List.of(), "echo ready; sleep 1000");
        long init = Long.parseLong(docker.inspect(name, "{{.State.Pid}}"));
        long shim = parentOf(init);
        String shimExe = PlannerFrontEnd.exeOf(shim).getFileName().toString();
        assertTrue(shimExe.startsWith("containerd-shim"), "the container's init is a child of its shim, not of " + shimExe);
        Optional<String> seen = PlannerFrontEnd.environOf(shim, "JRUNC_PLANNER");
        assertEquals(PlannerFrontEnd.passMode(), seen.flatMap(PlannerFrontEnd::mode),
                "JRUNC_PLANNER in the environment the shim runs jrunc with (" + seen.orElse("unset") + ")");
        assertOk(docker.runJrunc(withImage(List.of(), "true")));

        if (on) {
            Wait.until(Duration.ofSeconds(30), () -> PlannerFrontEnd.planners(libdir).stream().anyMatch(p -> PlannerFrontEnd.answers(p.socket(), libdir)),
                    () -> "a planner of " + libdir + " answering after Docker's calls with JRUNC_PLANNER=on; running: " + PlannerFrontEnd.planners(libdir));
        } else {
            Set<Long> started = PlannerFrontEnd.plannerPids(libdir);
            started.removeAll(before);
            assertEquals(Set.of(), started, "planners started for " + libdir + " by Docker's calls with JRUNC_PLANNER=off");
        }
    }

    /** The parent pid from /proc/PID/stat (the field after the state, past the command name's closing paren). */
    private static long parentOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[1]);
    }
}
