package io.jrunc.core.init;

import io.jrunc.core.plan.Plan;
import io.jrunc.sys.Syscalls;

/**
 * The helper as jrunc has always started it: {@code posix_spawn} of jrunc-init
 * ({@link InitHelper#locate()}) from a sealed memfd copy ({@link SealedHelper}), on a socketpair,
 * with jrunc's stdio ({@link InitRun}).
 */
public final class SealedHelperLauncher implements HelperLauncher {
    private final Syscalls sys;

    public SealedHelperLauncher(Syscalls sys) {
        this.sys = sys;
    }

    @Override
    public InitProcess launch(Plan plan) {
        return new InitRun(sys, plan);
    }
}
