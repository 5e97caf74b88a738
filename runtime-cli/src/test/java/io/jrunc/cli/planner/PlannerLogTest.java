package io.jrunc.cli.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each planner starts its log afresh and keeps the previous planner's as planner-HASH.log.1, one generation. */
class PlannerLogTest {
    @TempDir Path tmp;

    @Test
    void theFirstPlannerStartsAFreshLogAndNoPreviousOne() throws IOException {
        Path file = tmp.resolve("planner-x.log");
        new PlannerLog(file).info("started");
        assertTrue(Files.readString(file).contains("msg=\"started\""));
        assertFalse(Files.exists(tmp.resolve("planner-x.log.1")));
    }

    @Test
    void theNextPlannerKeepsThePreviousLogAsDotOne() throws IOException {
        Path file = tmp.resolve("planner-x.log");
        new PlannerLog(file).info("first retired: a front end of build b2 called");
        new PlannerLog(file).info("second started");

        assertEquals(tmp.resolve("planner-x.log.1"), PlannerLog.previous(file));
        String previous = Files.readString(PlannerLog.previous(file));
        assertTrue(previous.contains("first retired"), previous);
        String current = Files.readString(file);
        assertTrue(current.contains("second started") && !current.contains("first retired"), current);
    }

    @Test
    void onlyOneGenerationIsKept() throws IOException {
        Path file = tmp.resolve("planner-x.log");
        new PlannerLog(file).info("first");
        new PlannerLog(file).info("second");
        new PlannerLog(file).info("third");
        String previous = Files.readString(PlannerLog.previous(file));
        assertTrue(previous.contains("second") && !previous.contains("first"), previous);
        assertFalse(Files.exists(tmp.resolve("planner-x.log.2")));
    }
}
