package io.jrunc.spec;

import io.jrunc.spec.json.Uint64;
import java.util.List;

/** {@code process.scheduler}, the arguments of sched_setattr(2). Times are in nanoseconds. */
public record Scheduler(
        String policy,
        Integer nice,
        Integer priority,
        List<String> flags,
        @Uint64 Long runtime,
        @Uint64 Long deadline,
        @Uint64 Long period) {
    public Scheduler {
        flags = Immutable.list(flags);
    }
}
