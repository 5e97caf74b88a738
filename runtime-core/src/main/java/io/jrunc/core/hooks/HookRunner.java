package io.jrunc.core.hooks;

import io.jrunc.core.JruncException;
import io.jrunc.core.Warnings;
import io.jrunc.core.init.HelperLauncher;
import io.jrunc.core.init.InitProcess;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.core.plan.Plan;
import io.jrunc.spec.Hook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs hooks in jrunc's own namespaces (prestart, createRuntime, poststart, poststop). The JDK
 * cannot start a program with an argv[0] other than its path (Docker's hook is
 * {@code /proc/<dockerd>/exe} with argv[0] {@code libnetwork-setkey}, which dockerd dispatches on),
 * so each hook is run by a jrunc-init spawned for it with a two-op plan, RUN_HOOK then READY: the
 * same code that runs createContainer and startContainer hooks in the container feeds the state,
 * times and waits. The helper is not put in the container's cgroups: these hooks are the runtime's.
 */
public final class HookRunner {
    private final HelperLauncher launcher;
    private final List<String> runtimeEnvironment;

    /**
     * Hooks run by helpers from {@code launcher} (a planner's come from the caller's front end, so a
     * hook is the caller's descendant as under runc); {@code callerEnv} is the environment of the
     * call, which a hook without env inherits.
     */
    public HookRunner(HelperLauncher launcher, Map<String, String> callerEnv) {
        this.launcher = launcher;
        this.runtimeEnvironment = runtimeEnvironment(callerEnv);
    }

    /** Runs {@code point}'s hooks in order in {@code dir}; the first failure is thrown. */
    public void runFatal(HookPoint point, List<Hook> hooks, HookState state, Path dir) throws JruncException {
        String json = state.json();
        for (int i = 0; i < hooks.size(); i++) {
            try {
                runOne(point, i, hooks.get(i), json, dir);
            } catch (JruncException e) {
                throw new HookFailure(e.getMessage(), e);
            }
        }
    }

    /** Runs every hook of {@code point}; a failure is a warning and the next hook still runs (runtime-spec). */
    public void runWarning(HookPoint point, List<Hook> hooks, HookState state, Path dir) {
        String json = state.json();
        for (int i = 0; i < hooks.size(); i++) {
            try {
                runOne(point, i, hooks.get(i), json, dir);
            } catch (JruncException e) {
                Warnings.warn(e.getMessage());
            }
        }
    }

    private void runOne(HookPoint point, int i, Hook hook, String state, Path dir) throws JruncException {
        Op.RunHook op = RunHookOp.of(point, i, hook, runtimeEnvironment, List.of(state), dir.toString());
        Plan plan = new Plan(List.of(op, new Op.Ready(Origin.of(point.field(i)))));
        // After READY the helper has nothing left to do and exits; closing the run reaps it.
        try (InitProcess run = launcher.launch(plan)) {
            run.runUntilReady(0, pid -> { });
        }
    }

    /** A hook without env gets the caller's environment, as Go's os/exec gives runc's hooks runc's. */
    static List<String> runtimeEnvironment(Map<String, String> callerEnv) {
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : callerEnv.entrySet()) env.add(e.getKey() + "=" + e.getValue());
        return env;
    }
}
