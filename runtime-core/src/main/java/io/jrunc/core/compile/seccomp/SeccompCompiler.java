package io.jrunc.core.compile.seccomp;

import io.jrunc.core.ConfigException;
import io.jrunc.core.plan.BpfInstruction;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.PlanBuilder;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Seccomp;
import io.jrunc.spec.Spec;
import io.jrunc.sys.seccomp.Libseccomp;
import io.jrunc.sys.seccomp.SeccompLibrary;
import io.jrunc.sys.seccomp.SeccompUnavailableException;
import java.nio.file.Path;
import java.util.List;

/**
 * linux.seccomp -> a BPF program, the seccomp(2) flags, and where in the plan the filter is loaded.
 *
 * <h2>Where the filter is loaded</h2>
 * Every syscall the init makes after the filter is loaded must pass it, so it goes as late as
 * possible; but without no_new_privs, seccomp(2) needs CAP_SYS_ADMIN. Hence, as runc:
 * <ul>
 * <li>{@code noNewPrivileges} false: before the uid switch (SETRESUID) and CAPS_SET, which drop
 *     CAP_SYS_ADMIN; after the bounding set is cut, which does not, and after the groups, the cwd
 *     and the executable's lookup, so that only the small set of syscalls docs/seccomp.md lists
 *     runs under the filter ({@code compile.ProcessSetup} places it).</li>
 * <li>{@code noNewPrivileges} true: after the exec fifo, right before execve, so that nothing of
 *     the init but execve itself runs under the filter.</li>
 * <li>With SCMP_ACT_NOTIFY and no_new_privs, right before READY instead: the notify fd must reach
 *     the agent while `create` is still there to fail if that does not work (runtime-spec: sending
 *     failures are errors), and the agent gets it during create, as with runc.</li>
 * </ul>
 * The agent's socket is a host path, unreachable after pivot_root: SECCOMP_LISTENER connects to it
 * before the pivot, and SECCOMP sends the fd over that connection.
 */
public final class SeccompCompiler {
    /** How libseccomp is found: the real {@link Libseccomp}, or a test's library (one that fails, one that lacks something). */
    public interface Loader {
        SeccompLibrary load() throws SeccompUnavailableException;
    }

    private SeccompCompiler() {}

    /** @param bundle relative listener paths are the bundle's; it and {@code id} go into the agent's payload */
    /**
     * Appends the filter to the slot where it must be loaded (SECCOMP_AS_ROOT, SECCOMP_BEFORE_READY or
     * SECCOMP_BEFORE_EXEC) and the agent's socket to SECCOMP_AGENT; nothing without a filter.
     */
    /** @param loader the libseccomp binding; null: the real one ({@link Libseccomp#load}), made only for a filter */
    public static void compile(String id, Spec spec, Path bundle, Loader loader, PlanBuilder plan) throws ConfigException {
        Seccomp seccomp = filterOf(spec);
        // Checked before the real loader exists: creating it resolves the binding's class, and a config
        // without a filter must not load the libseccomp binding at all (ClassLoadBudgetTest).
        if (seccomp == null) return;
        if (loader == null) loader = realLoader();

        SeccompProfile profile = SeccompProfile.of(seccomp, bundle);
        SeccompLibrary lib;
        try {
            lib = loader.load();
        } catch (SeccompUnavailableException e) {
            throw new ConfigException(SeccompProfile.BASE, e.getMessage());
        }
        List<BpfInstruction> program = SeccompBpf.compile(lib, profile);
        Op load = new Op.Seccomp(Origin.of(SeccompProfile.BASE, "load the filter"), program, profile.flags());

        boolean noNewPrivs = spec.process() != null && spec.process().noNewPrivilegesOrFalse();
        List<Op> listener = List.of();
        if (profile.notifies()) {
            List<String> payload = ListenerPayload.pieces(spec.ociVersion(), id, bundle.toString(),
                    spec.annotations(), profile.listenerMetadata());
            listener = List.of(new Op.SeccompListener(Origin.of(SeccompProfile.BASE + ".listenerPath",
                    profile.listenerPath()), profile.listenerPath(), payload));
        }
        // While still privileged; with no_new_privs, as late as possible, but before READY when
        // the agent must get its fd while create still listens.
        plan.at(PlanBuilder.Slot.SECCOMP_AGENT).addAll(listener);
        if (!noNewPrivs) plan.at(PlanBuilder.Slot.SECCOMP_AS_ROOT).add(load);
        else if (profile.notifies()) plan.at(PlanBuilder.Slot.SECCOMP_BEFORE_READY).add(load);
        else plan.at(PlanBuilder.Slot.SECCOMP_BEFORE_EXEC).add(load);
    }

    private static Loader realLoader() {
        return Libseccomp::load;
    }

    /** linux.seccomp when it asks for a filter; runc: no default action and no rules means none. */
    private static Seccomp filterOf(Spec spec) {
        Seccomp seccomp = spec.linux() == null ? null : spec.linux().seccomp();
        if (seccomp == null) return null;
        boolean noAction = seccomp.defaultAction() == null || seccomp.defaultAction().isEmpty();
        if (noAction && (seccomp.syscalls() == null || seccomp.syscalls().isEmpty())) return null;
        return seccomp;
    }
}
