package io.jrunc.core.hooks;

import io.jrunc.spec.Hook;
import io.jrunc.spec.Hooks;
import java.util.List;
import java.util.function.Function;

/**
 * The six points of the lifecycle where hooks run (runtime-spec config.md "POSIX-platform Hooks"),
 * in lifecycle order, with where each runs and whether its failure stops the lifecycle. The order
 * of the constants is also what `features` lists.
 */
public enum HookPoint {
    PRESTART("prestart", true, true, Hooks::prestart),
    CREATE_RUNTIME("createRuntime", true, true, Hooks::createRuntime),
    CREATE_CONTAINER("createContainer", false, true, Hooks::createContainer),
    START_CONTAINER("startContainer", false, true, Hooks::startContainer),
    POSTSTART("poststart", true, false, Hooks::poststart),
    POSTSTOP("poststop", true, false, Hooks::poststop);

    private final String specName;
    private final boolean runtimeNamespace;
    private final boolean fatal;
    private final Function<Hooks, List<Hook>> list;

    HookPoint(String specName, boolean runtimeNamespace, boolean fatal, Function<Hooks, List<Hook>> list) {
        this.specName = specName;
        this.runtimeNamespace = runtimeNamespace;
        this.fatal = fatal;
        this.list = list;
    }

    /** The member name in config.json's {@code hooks}. */
    public String specName() {
        return specName;
    }

    /** Runs in jrunc's namespaces (else in the container's, from its init). */
    public boolean runtimeNamespace() {
        return runtimeNamespace;
    }

    /** A failure is an error that stops the lifecycle; else a warning and the next hook runs. */
    public boolean fatal() {
        return fatal;
    }

    /** The config path of hook {@code i}: {@code hooks.prestart[0]}. */
    public String field(int i) {
        return "hooks." + specName + "[" + i + "]";
    }

    /** This point's hooks, empty when there are none (or no hooks at all). */
    public List<Hook> of(Hooks hooks) {
        if (hooks == null) return List.of();
        List<Hook> l = list.apply(hooks);
        return l == null ? List.of() : l;
    }
}
