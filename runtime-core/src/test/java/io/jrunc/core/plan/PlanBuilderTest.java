package io.jrunc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.core.plan.PlanBuilder.Phase;
import io.jrunc.core.plan.PlanBuilder.Slot;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {
    private static Op op(String name) {
        return new Op.SetSid(Origin.of(name));
    }

    @Test
    void aSlotsOpsGoWhereItWasPlacedWheneverTheyWereAppended() {
        PlanBuilder plan = new PlanBuilder();
        plan.at(Slot.SECCOMP_AGENT).add(op("early"));
        plan.phase(Phase.ROOTFS).add(op("a"));
        plan.place(Slot.SECCOMP_AGENT, Phase.ROOTFS);
        plan.phase(Phase.ROOTFS).add(op("b"));
        plan.at(Slot.SECCOMP_AGENT).add(op("late"));
        plan.phase(Phase.HOST).add(op("host"));
        plan.place(Slot.ATTRIBUTES_HOST, Phase.HOST);
        plan.at(Slot.ATTRIBUTES_HOST).add(op("attr"));
        assertEquals(List.of(op("host"), op("attr"), op("a"), op("early"), op("late"), op("b")), plan.ops());
    }

    @Test
    void opsInASlotNoPhasePlacedAreAnError() {
        PlanBuilder plan = new PlanBuilder();
        plan.at(Slot.SECCOMP_BEFORE_EXEC).add(op("lost"));
        assertThrows(IllegalStateException.class, plan::ops);
        plan.place(Slot.SECCOMP_BEFORE_EXEC, Phase.EXEC);
        assertThrows(IllegalStateException.class, () -> plan.place(Slot.SECCOMP_BEFORE_EXEC, Phase.EXEC));
        assertEquals(List.of(op("lost")), plan.ops());
    }

    @Test
    void finishersSeeTheWholePlan() {
        PlanBuilder plan = new PlanBuilder();
        plan.phase(Phase.EXEC).add(op("x"));
        plan.finish(all -> all.add(op("y")));
        assertEquals(List.of(op("x"), op("y")), plan.build().ops());
    }
}
