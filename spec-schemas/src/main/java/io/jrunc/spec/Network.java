package io.jrunc.spec;

import io.jrunc.spec.json.Uint32;
import java.util.List;

/** {@code linux.resources.network}: the net_cls class id and net_prio priorities (cgroup v1). */
public record Network(@Uint32 Long classID, List<InterfacePriority> priorities) {
    public Network {
        priorities = Immutable.list(priorities);
    }
}
