package io.jrunc.core.hooks;

import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Hook;
import java.util.List;

/** The RUN_HOOK op for one hook of the config, for the plan (compile.HookCompiler) and for jrunc's own runs (HookRunner). */
public final class RunHookOp {
    private RunHookOp() {}

    public static Op.RunHook of(HookPoint point, int i, Hook hook, List<String> defaultEnv, List<String> state, String dir) {
        String field = point.field(i);
        return new Op.RunHook(Origin.of(field, hook.path()), hook.path(), argv(hook), hook.env() == null ? defaultEnv : hook.env(),
                hook.timeout() == null ? 0 : hook.timeout(), state, dir, field);
    }

    /** args[0] is argv[0]; without args the path is, as os/exec does. */
    public static List<String> argv(Hook hook) {
        return hook.args() == null || hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
    }
}
