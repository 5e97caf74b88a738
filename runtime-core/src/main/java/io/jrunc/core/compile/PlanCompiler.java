package io.jrunc.core.compile;

import static io.jrunc.core.compile.ConfigDefaults.orEmpty;
import static io.jrunc.core.plan.PlanBuilder.Phase.*;
import static io.jrunc.core.plan.PlanBuilder.Slot.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.lsm.LsmCompiler;
import io.jrunc.core.compile.mounts.SharedMountNamespace;
import io.jrunc.core.compile.namespaces.CloneFlags;
import io.jrunc.core.compile.namespaces.NamespaceCompiler;
import io.jrunc.core.compile.namespaces.SysctlPolicy;
import io.jrunc.core.compile.namespaces.TimeNamespaceCompiler;
import io.jrunc.core.compile.namespaces.UserNamespaceCompiler;
import io.jrunc.core.compile.process.ProcessAttributesCompiler;
import io.jrunc.core.compile.process.ProcessCompiler;
import io.jrunc.core.compile.seccomp.SeccompCompiler;
import io.jrunc.core.compile.userns.UserNamespace;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.core.plan.Plan;
import io.jrunc.core.plan.PlanBuilder;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import java.util.List;

/**
 * config.json -> the plan the init helper runs for a new container (runc's specconv and the
 * policy half of its init, in one place), phase by phase ({@link PlanBuilder.Phase}):
 * <ol>
 * <li>HOST: keep a handle on the state dir (the exec fifo), oom_score_adj and the initial CPU affinity;</li>
 * <li>NAMESPACES: join or create namespaces, time offsets, fork the init; sysctls and LSM exec labels,
 *     through the host's /proc;</li>
 * <li>ROOTFS: the rootfs, mounts, devices, runtime hooks, the pivot, readonly and masked paths
 *     ({@link RootfsCompiler});</li>
 * <li>IDENTITY: hostname, the terminal, rlimits, then {@link ProcessSetup}: scheduler, I/O priority,
 *     personality, the bounding set, groups, cwd and exec lookup as the user;</li>
 * <li>SECCOMP: the seccomp filter, the uid, the other capability sets, no_new_privs;</li>
 * <li>READY: a SYNC ({@link SyncPoint#RECORDED}) that create answers once it recorded the container
 *     (create returns), wait on the exec fifo (until start; startContainer hooks run once start opened it);</li>
 * <li>EXEC: execve.</li>
 * </ol>
 */
public final class PlanCompiler {
    private PlanCompiler() {}

    public static Plan compile(CompileInput in) throws ConfigException {
        Spec spec = in.spec();
        Process process = spec.process();
        if (process == null) throw new ConfigException("process", "is required to create a container");
        if (process.args() == null || process.args().isEmpty()) {
            throw new ConfigException("process.args", "must name the program to run");
        }
        Linux linux = ConfigDefaults.linux(spec);
        PlanBuilder plan = new PlanBuilder();
        // These three append to slots of the plan, which the phases below place.
        SeccompCompiler.compile(in.id(), spec, in.bundle(), in.seccompLoader(), plan);
        ProcessAttributesCompiler.compile(process, linux, plan);
        LsmCompiler.compile(spec, in.newKeyring(), in.host(), plan);
        UserNamespace userns = UserNamespace.of(spec, in.host());

        List<Op> host = plan.phase(HOST);
        host.add(new Op.OpenFifoDir(Origin.of("exec fifo", in.stateDir().toString()), in.stateDir().toString()));
        plan.place(ATTRIBUTES_HOST, HOST);

        List<Op> namespaces = plan.phase(NAMESPACES);
        int cloneFlags = NamespaceCompiler.compile(orEmpty(linux.namespaces()), userns, namespaces);
        TimeNamespaceCompiler.compile(linux, in.host(), namespaces);
        // From here the init is in the container's pid namespace: keep its /proc files from the container.
        namespaces.add(new Op.Dumpable(Origin.of("hardening", "non-dumpable until execve"), false));
        // No mount entry at all: the container shares the runtime's mount namespace (SharedMountNamespace).
        boolean sharedMounts = (cloneFlags & CloneFlags.CLONE_NEWNS) == 0;
        if (sharedMounts) SharedMountNamespace.refuseWhatNeedsOwn(in.rootfs(), linux);
        boolean terminal = process.terminalOrFalse();
        if (!terminal) namespaces.add(new Op.SetSid(Origin.of("process", "new session")));
        SysctlPolicy.compile(linux, in.host(), namespaces);
        plan.place(LSM_EXEC_LABELS, NAMESPACES);

        RootfsCompiler.compile(in, linux, userns, sharedMounts, (cloneFlags & CloneFlags.CLONE_NEWCGROUP) != 0, plan);

        List<Op> identity = plan.phase(IDENTITY);
        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            requireUts(cloneFlags, "hostname");
            identity.add(new Op.SetHostname(Origin.of("hostname", spec.hostname()), spec.hostname()));
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty()) {
            requireUts(cloneFlags, "domainname");
            identity.add(new Op.SetDomainname(Origin.of("domainname", spec.domainname()), spec.domainname()));
        }
        ProcessSetup.console(process, identity);
        if (terminal) identity.add(new Op.BindConsole(Origin.of("process.terminal", "/dev/console"), "/dev/console"));
        ProcessCompiler.rlimits(orEmpty(process.rlimits()), identity);
        if (in.newKeyring()) identity.add(new Op.JoinKeyring(Origin.of("session keyring"), "_ses." + in.id()));
        if (process.user() == null) throw new ConfigException("process.user", "is required");

        List<Op> ready = plan.phase(READY);
        ready.add(new Op.Ready(Origin.of("create")));
        // Until create has recorded the container, the init dies with it (EOF at this SYNC).
        ready.add(new Op.Sync(Origin.of("create", "recorded"), SyncPoint.RECORDED));
        HookCompiler.beforeStart(in, ready);
        ready.add(new Op.WaitFifo(Origin.of("exec fifo")));

        new ProcessSetup(process, process.user(), UserNamespaceCompiler.setgroupsAllowed(process.user(), userns),
                userns.enabled(), in.rootfs(), in.host(), in.preserveFds()).compile(plan);
        return plan.build();
    }

    private static void requireUts(int namespaces, String field) throws ConfigException {
        if ((namespaces & CloneFlags.CLONE_NEWUTS) == 0) {
            throw new ConfigException(field, "unable to set " + field + " without a private UTS namespace");
        }
    }
}
