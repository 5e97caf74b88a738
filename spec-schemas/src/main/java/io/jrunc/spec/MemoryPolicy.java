package io.jrunc.spec;

import java.util.List;

/**
 * {@code linux.memoryPolicy} (runtime-spec 1.3), the arguments of set_mempolicy(2).
 *
 * @param mode MPOL_DEFAULT, MPOL_BIND, MPOL_INTERLEAVE, MPOL_WEIGHTED_INTERLEAVE, MPOL_PREFERRED,
 *     MPOL_PREFERRED_MANY or MPOL_LOCAL
 * @param nodes a node list like "0-3,7"
 * @param flags MPOL_F_NUMA_BALANCING, MPOL_F_RELATIVE_NODES, MPOL_F_STATIC_NODES
 */
public record MemoryPolicy(String mode, String nodes, List<String> flags) {
    public MemoryPolicy {
        flags = Immutable.list(flags);
    }
}
