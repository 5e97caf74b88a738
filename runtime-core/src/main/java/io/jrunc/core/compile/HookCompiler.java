package io.jrunc.core.compile;

import io.jrunc.core.compile.process.ProcessCompiler;
import io.jrunc.core.hooks.HookPoint;
import io.jrunc.core.hooks.HookState;
import io.jrunc.core.hooks.RunHookOp;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.spec.Hook;
import io.jrunc.spec.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's part of the hooks (runtime-spec "Lifecycle", runc 1.1's places for them):
 * <ul>
 * <li>after the mounts and before pivot_root: HOOK_PID (the init's pid as the host sees it, for the
 *     state), then SYNC({@link SyncPoint#RUNTIME_HOOKS}) at which jrunc runs prestart and createRuntime
 *     in its own namespaces, then RUN_HOOK for each createContainer hook, in the container's
 *     namespaces but with the host's paths (the old root is still there), cwd the rootfs as runc's
 *     init has it;</li>
 * <li>after READY: OPEN_EXEC_FIFO (returns once `start` opened the fifo), RUN_HOOK for each
 *     startContainer hook (after the pivot: the container's paths, the process's cwd, ids and
 *     capabilities, as in runc), then WAIT_FIFO tells `start` it worked.</li>
 * </ul>
 * poststart and poststop are jrunc's own business (RuntimeHooks). A hook without {@code env}
 * gets the environment of the process running it, as Go's os/exec gives runc's hooks: here the
 * container process's environment, which runc's init has taken on by then.
 */
public final class HookCompiler {
    /** The sync point where jrunc runs prestart and createRuntime hooks. */

    private HookCompiler() {}

    /** Appends the ops that go right before the pivot (none without prestart, createRuntime and createContainer hooks). */
    static void beforePivot(CompileInput in, List<Op> ops) {
        Spec spec = in.spec();
        if (spec.hooks() == null) return;
        List<String> processEnv = processEnv(in);
        boolean runtimeHooks = !HookPoint.PRESTART.of(spec.hooks()).isEmpty()
                || !HookPoint.CREATE_RUNTIME.of(spec.hooks()).isEmpty();
        List<Hook> createContainer = HookPoint.CREATE_CONTAINER.of(spec.hooks());
        if (needsPid(spec)) ops.add(new Op.HookPid(Origin.of("hooks", "the init's pid for the state")));
        if (runtimeHooks) ops.add(new Op.Sync(Origin.of("hooks", "prestart and createRuntime"), SyncPoint.RUNTIME_HOOKS));
        List<String> state = state(in, HookState.CREATING);
        for (int i = 0; i < createContainer.size(); i++) {
            ops.add(RunHookOp.of(HookPoint.CREATE_CONTAINER, i, createContainer.get(i), processEnv, state, in.rootfs().toString()));
        }
    }

    /** Appends the ops between READY and WAIT_FIFO (none without startContainer hooks). */
    static void beforeStart(CompileInput in, List<Op> ops) {
        if (in.spec().hooks() == null) return;
        List<Hook> startContainer = HookPoint.START_CONTAINER.of(in.spec().hooks());
        if (startContainer.isEmpty()) return;
        List<String> processEnv = processEnv(in);
        ops.add(new Op.OpenExecFifo(Origin.of("hooks.startContainer", "wait for start")));
        List<String> state = state(in, HookState.CREATED);
        for (int i = 0; i < startContainer.size(); i++) {
            ops.add(RunHookOp.of(HookPoint.START_CONTAINER, i, startContainer.get(i), processEnv, state, ""));
        }
    }

    /** The container process's environment, HOME added as for the process itself. */
    private static List<String> processEnv(CompileInput in) {
        var process = in.spec().process();
        if (HookPoint.CREATE_CONTAINER.of(in.spec().hooks()).stream().allMatch(h -> h.env() != null)
                && HookPoint.START_CONTAINER.of(in.spec().hooks()).stream().allMatch(h -> h.env() != null)) {
            return List.of();
        }
        return ProcessCompiler.environment(process.env(), process.user() == null ? 0 : process.user().uid(),
                in.host().readLines(in.rootfs().resolve("etc/passwd")));
    }

    private static boolean needsPid(Spec spec) {
        return !HookPoint.CREATE_CONTAINER.of(spec.hooks()).isEmpty() || !HookPoint.START_CONTAINER.of(spec.hooks()).isEmpty();
    }

    private static List<String> state(CompileInput in, String status) {
        return new HookState(in.id(), status, 0, in.bundle().toString(), in.spec().annotations()).piecesAroundPid();
    }
}
