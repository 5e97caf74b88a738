package io.jrunc.core.init;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.plan.BpfInstruction;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.core.plan.Plan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeccompDenialTest {
    private static final int RET = 0x06;

    /** A program whose answers are EPERM (default), ENOSYS (the stub), EACCES (a rule) and TRACE. */
    private static final Op.Seccomp FILTER = new Op.Seccomp(Origin.of("linux.seccomp"), List.of(
            new BpfInstruction(0x20, 0, 0, 0),
            new BpfInstruction(RET, 0, 0, 0x00050000 | 38),
            new BpfInstruction(RET, 0, 0, 0x00050000 | 13),
            new BpfInstruction(RET, 0, 0, 0x7ff00000 | 5),
            new BpfInstruction(RET, 0, 0, 0x7fff0000),
            new BpfInstruction(RET, 0, 0, 0x00050000 | 1)), 0);

    private static final Plan PLAN = new Plan(List.of(
            new Op.Chdir(Origin.of("process.cwd", "/"), "/"),
            FILTER,
            new Op.SetResUid(Origin.of("process.user.uid"), 1000),
            new Op.Execve(Origin.of("process.args"), List.of("sh"), List.of())));

    @Test
    void theProgramsErrnosAreItsErrnoReturnsAndEnosysForTrace() {
        assertEquals(Set.of(1, 13, 38), SeccompDenial.errnos(FILTER));
    }

    @Test
    void onlyOpsAfterTheFilterWithAnErrnoItGivesAreSuspected() {
        assertTrue(SeccompDenial.suspected(PLAN, 3, 1));
        assertTrue(SeccompDenial.suspected(PLAN, 2, 38));
        assertTrue(SeccompDenial.suspected(PLAN, 3, 13));
        assertFalse(SeccompDenial.suspected(PLAN, 3, 2), "ENOENT is not the filter's");
        assertFalse(SeccompDenial.suspected(PLAN, 0, 1), "before the filter");
        assertFalse(SeccompDenial.suspected(PLAN, 1, 1), "loading the filter itself");
        assertFalse(SeccompDenial.suspected(new Plan(List.of(PLAN.ops().get(0), PLAN.ops().get(3))), 1, 1), "no filter");
    }
}
