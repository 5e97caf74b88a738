package io.jrunc.core.compile;

import static io.jrunc.core.compile.ConfigDefaults.orEmpty;
import static io.jrunc.core.plan.PlanBuilder.Phase.*;
import static io.jrunc.core.plan.PlanBuilder.Slot.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.lsm.LsmCompiler;
import io.jrunc.core.compile.namespaces.CloneFlags;
import io.jrunc.core.compile.namespaces.UserNamespaceCompiler;
import io.jrunc.core.compile.process.ProcessAttributesCompiler;
import io.jrunc.core.compile.process.ProcessCompiler;
import io.jrunc.core.compile.seccomp.SeccompCompiler;
import io.jrunc.core.compile.userns.UserNamespace;
import io.jrunc.core.host.CallerIds;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.core.plan.Plan;
import io.jrunc.core.plan.PlanBuilder;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import io.jrunc.spec.User;
import java.nio.file.Path;
import java.util.List;

/**
 * The plan for `exec`: a new process in a running container, built from the same compilers as the
 * create plan (process, capabilities, seccomp, attributes, LSM) so that it gets what the init got.
 * The order, and why (phases HOST, NAMESPACES, then IDENTITY, SECCOMP, EXEC of {@link PlanBuilder}):
 * <ol>
 * <li>non-dumpable (the helper enters namespaces the container's root owns), oom_score_adj and the
 *     initial CPU affinity while still outside;</li>
 * <li>OPEN_NS for each of the container's namespaces (user first), then SYNC({@link SyncPoint#INIT_CHECK}):
 *     Java checks the init is still the container's (start time), so the open fds are known to be
 *     its namespaces even if the pid were reused since; then the seccomp agent's socket (a host
 *     path); then JOIN_NS;</li>
 * <li>with a user namespace, SETRESGID(0)/SETRESUID(0): root of the container's user namespace,
 *     as for a joined one in create (docs/plan-protocol.md);</li>
 * <li>without a mount namespace (the container shares the runtime's), the init's root
 *     ({@code /proc/INIT/root}, opened before the check) becomes the process's root by CHROOT;</li>
 * <li>FORK: a joined pid namespace applies only to children; the child is the exec'd process;</li>
 * <li>in the child, as the init does after its pivot: a new session, LSM exec labels, the terminal,
 *     rlimits, the container's session keyring, then {@link ProcessSetup} (the same order as the
 *     init's: cwd and exec lookup before the seccomp filter, execve).</li>
 * </ol>
 * There is no READY: Java follows the helper until its socket closes at execve (close-on-exec), so
 * every failure up to the execve itself is reported as an error of `exec`.
 */
public final class ExecPlanCompiler {
    /** runc's order of joining (user first: it is what the others' permission checks are made against). */
    static final List<String> JOIN_ORDER = List.of("user", "ipc", "uts", "network", "pid", "mount", "cgroup", "time");

    private ExecPlanCompiler() {}

    public static Plan compile(ExecInput in) throws ConfigException {
        Spec spec = in.spec();
        Process process = spec.process();
        if (process == null || process.args() == null || process.args().isEmpty()) {
            throw new ConfigException("process.args", "must not be empty");
        }
        Linux linux = ConfigDefaults.linux(spec);
        PlanBuilder plan = new PlanBuilder();
        // These three append to slots of the plan, which the phases below place.
        SeccompCompiler.compile(in.id(), spec, in.bundle(), in.seccompLoader(), plan);
        ProcessAttributesCompiler.compile(process, linux, plan);
        LsmCompiler.compile(spec, true, in.host(), plan);
        UserNamespace userns = userNamespace(in);
        User user = process.user() == null ? User.root() : process.user();
        boolean setgroups = UserNamespaceCompiler.setgroupsAllowed(user, userns);

        List<Op> host = plan.phase(HOST);
        host.add(new Op.Dumpable(Origin.of("hardening", "non-dumpable until execve"), false));
        plan.place(ATTRIBUTES_HOST, HOST);

        List<Op> namespaces = plan.phase(NAMESPACES);
        join(in, namespaces);
        plan.place(SECCOMP_AGENT, NAMESPACES);
        namespaces.add(new Op.JoinNs(Origin.of("exec", "join the container's namespaces")));
        if (userns.enabled()) {
            Origin root = Origin.of("exec", "become root in the container's user namespace");
            namespaces.add(new Op.SetResGid(root, 0));
            namespaces.add(new Op.SetResUid(root, 0));
        }
        if (!in.namespaces().containsKey("mount")) {
            // No mount namespace to join: the init's root is only its chroot, opened before the check.
            namespaces.add(new Op.Chroot(Origin.of("exec", "the container's root")));
        }
        namespaces.add(new Op.Fork(Origin.of("exec", "create the process in the container's pid namespace")));
        namespaces.add(new Op.SetSid(Origin.of("exec", "new session")));
        plan.place(LSM_EXEC_LABELS, NAMESPACES);

        List<Op> identity = plan.phase(IDENTITY);
        ProcessSetup.console(process, identity);
        ProcessCompiler.rlimits(orEmpty(process.rlimits()), identity);
        identity.add(new Op.JoinKeyring(Origin.of("session keyring"), "_ses." + in.id()));
        new ProcessSetup(process, user, setgroups, userns.enabled(), in.rootfs(), in.host(),
                in.preserveFds()).compile(plan);
        return plan.build();
    }

    /** OPEN_NS for each of the container's namespaces in {@link #JOIN_ORDER}, then the init check. */
    private static void join(ExecInput in, List<Op> ops) throws ConfigException {
        for (String type : JOIN_ORDER) {
            String path = in.namespaces().get(type);
            if (path == null) continue;
            ops.add(new Op.OpenNs(Origin.of("linux.namespaces", type + " " + path), path, CloneFlags.of(type)));
        }
        for (String type : in.namespaces().keySet()) {
            if (!JOIN_ORDER.contains(type)) throw new ConfigException("linux.namespaces", "unknown namespace type \"" + type + "\"");
        }
        if (!in.namespaces().containsKey("mount")) {
            String root = "/proc/" + in.initPid() + "/root";
            ops.add(new Op.OpenRoot(Origin.of("exec", "the container's root " + root), root));
        }
        ops.add(new Op.Sync(Origin.of("exec", "the container's init is still running"), SyncPoint.INIT_CHECK));
    }

    /**
     * The container's user namespace as a joined one: its maps and setgroups policy are the init's
     * (/proc/INIT/uid_map, gid_map, setgroups), which is what the process's ids are checked against.
     */
    static UserNamespace userNamespace(ExecInput in) {
        CallerIds caller = CallerIds.of(in.host());
        String path = in.namespaces().get("user");
        if (path == null) {
            return new UserNamespace(UserNamespace.Kind.NONE, "", null, List.of(), List.of(), caller.uid(), caller.gid(), false);
        }
        Path proc = Path.of("/proc", Integer.toString(in.initPid()));
        boolean deny = in.host().readLines(proc.resolve("setgroups")).stream().anyMatch(l -> l.trim().equals("deny"));
        return new UserNamespace(UserNamespace.Kind.JOINED, "linux.namespaces", path,
                UserNamespace.parseMap(in.host().readLines(proc.resolve("uid_map"))),
                UserNamespace.parseMap(in.host().readLines(proc.resolve("gid_map"))), caller.uid(), caller.gid(), deny);
    }
}
