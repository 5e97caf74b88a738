package io.jrunc.core.compile.process;

import io.jrunc.core.plan.Op;
import java.util.List;

/**
 * The process-attribute ops of a plan, by the place {@link ProcessAttributesCompiler} chose for each;
 * PlanCompiler adds each list at its point.
 *
 * @param beforeNamespaces the helper itself, before UNSHARE: oom_score_adj (inherited by the init) and
 *     the initial CPU affinity
 * @param beforeIdentity still root with every capability: scheduler, I/O priority, personality
 * @param beforeReady the final CPU affinity, while `create` still listens
 */
public record ProcessAttributes(List<Op> beforeNamespaces, List<Op> beforeIdentity, List<Op> beforeReady) {
    public ProcessAttributes {
        beforeNamespaces = List.copyOf(beforeNamespaces);
        beforeIdentity = List.copyOf(beforeIdentity);
        beforeReady = List.copyOf(beforeReady);
    }
}
