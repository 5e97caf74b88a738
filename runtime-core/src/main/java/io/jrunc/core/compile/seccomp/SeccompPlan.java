package io.jrunc.core.compile.seccomp;

import io.jrunc.core.plan.Op;
import java.util.List;

/**
 * The seccomp ops of a plan and the place of each, as {@link SeccompCompiler} decided: PlanCompiler
 * adds each list at its point and knows nothing else about seccomp.
 *
 * @param beforePivot while host paths are reachable: connecting to the agent's socket
 * @param beforeIdentity while the init still has CAP_SYS_ADMIN (before the uid switch and CAPS_SET), after
 *     the cwd and the executable were resolved
 * @param beforeReady while `create` still listens, so a failure fails it
 * @param beforeExec after the exec fifo, right before execve
 */
public record SeccompPlan(List<Op> beforePivot, List<Op> beforeIdentity, List<Op> beforeReady, List<Op> beforeExec) {
    public static final SeccompPlan NONE = new SeccompPlan(List.of(), List.of(), List.of(), List.of());
}
