package io.jrunc.core.compile;

import static io.jrunc.core.compile.MountFlags.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.host.MountInfo;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Op.Create;
import io.jrunc.core.plan.Origin;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.core.plan.Plan;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Mount;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * config.json -> the plan the init helper runs for a new container (runc's specconv and the
 * policy half of its init, in one place). The order of ops is the order things must happen in:
 * <ol>
 * <li>keep a handle on the state dir (the exec fifo), oom_score_adj and the initial CPU affinity,
 *     join or create namespaces, time offsets, fork the init;</li>
 * <li>sysctls and LSM exec labels, through the host's /proc;</li>
 * <li>root propagation, the rootfs bound onto itself, the config's mounts, devices, the cwd (without a
 *     mount namespace: only the rootfs opened, see {@link SharedMountNamespace});
 *     prestart/createRuntime (a sync point) and createContainer hooks (HookCompiler);</li>
 * <li>pivot_root (or move + chroot; without a mount namespace chroot alone), then the remounts that make things read-only, readonly and masked paths;</li>
 * <li>hostname, the terminal, rlimits, then {@link ProcessSetup}: scheduler, I/O priority, personality,
 *     the bounding set, groups, cwd and exec lookup as the user, the seccomp filter, the uid, the
 *     other capability sets, no_new_privs;</li>
 * <li>READY, a SYNC that create answers once it recorded the container (create returns), wait on the exec fifo (until start; startContainer hooks run
 *     once start opened it), execve.</li>
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
        Linux linux = spec.linux() == null ? emptyLinux() : spec.linux();
        SeccompPlan seccomp = SeccompCompiler.compile(in);
        ProcessAttributes attributes = ProcessAttributesCompiler.compile(process, linux);
        LsmCompiler.LsmPlan lsm = LsmCompiler.compile(spec, in.newKeyring(), in.host());
        UserNamespace userns = UserNamespace.of(spec, in.host());
        List<Op> ops = new ArrayList<>();

        ops.add(new Op.OpenFifoDir(Origin.of("exec fifo", in.stateDir().toString()), in.stateDir().toString()));
        ops.addAll(attributes.beforeNamespaces());
        int namespaces = NamespaceCompiler.compile(orEmpty(linux.namespaces()), userns, ops);
        TimeNamespaceCompiler.addBeforeFork(TimeNamespaceCompiler.compile(linux, in.host()), ops);
        // From here the init is in the container's pid namespace: keep its /proc files from the container.
        ops.add(new Op.Dumpable(Origin.of("hardening", "non-dumpable until execve"), false));
        // No mount entry at all: the container shares the runtime's mount namespace (SharedMountNamespace).
        boolean sharedMounts = (namespaces & CloneFlags.CLONE_NEWNS) == 0;
        if (sharedMounts) SharedMountNamespace.refuseWhatNeedsOwn(in, linux);
        boolean terminal = Boolean.TRUE.equals(process.terminal());
        if (!terminal) ops.add(new Op.SetSid(Origin.of("process", "new session")));
        ops.addAll(SysctlPolicy.compile(linux, in.host()));
        ops.addAll(lsm.beforePivot());

        boolean readonlyRoot = spec.root() != null && Boolean.TRUE.equals(spec.root().readonly());
        long rootPropagation = sharedMounts ? 0 : rootPropagation(linux.rootfsPropagation());
        if (sharedMounts) {
            SharedMountNamespace.rootfs(in, readonlyRoot, ops);
        } else {
            rootfs(in, rootPropagation, ops);
        }

        UserNamespaceMounts usernsMounts = UserNamespaceMounts.of(spec, userns, in.host());
        MountCompiler mounts = new MountCompiler(in, (namespaces & CloneFlags.CLONE_NEWCGROUP) != 0, usernsMounts);
        List<Mount> specMounts = orEmpty(spec.mounts());
        for (int i = 0; i < specMounts.size(); i++) mounts.compile(i, specMounts.get(i), ops);
        if (!devIsBound(specMounts)) {
            DeviceCompiler.compile(orEmpty(linux.devices()), in.host().exists(Path.of("/proc/kcore")),
                    usernsMounts.active() ? in.host() : null, ops);
        }
        String cwd = ProcessCompiler.cwd(process.cwd());
        ops.add(new Op.MkdirAll(Origin.of("process.cwd", cwd), cwd, 0755));

        ops.addAll(HookCompiler.beforePivot(in));
        ops.addAll(seccomp.beforePivot());
        Origin root = Origin.of("root.path", in.rootfs().toString());
        if (sharedMounts) {
            // Neither pivot_root nor --no-pivot's move may touch the runtime's own mount tree.
            ops.add(new Op.Chroot(root));
        } else {
            ops.add(in.noPivot() ? new Op.MoveChroot(root) : new Op.PivotRoot(root));
        }
        if ((rootPropagation & MS_SHARED) != 0) {
            ops.add(new Op.Mount(Origin.of("linux.rootfsPropagation"), "", "/", "", rootPropagation, "", Create.MUST_EXIST));
        }
        ops.addAll(mounts.deferred());
        if (readonlyRoot) {
            ops.add(new Op.Mount(Origin.of("root.readonly"), "", "/", "", MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC
                    | mounts.lockedFlags(in.rootfs()), "",
                    Create.MUST_EXIST));
        }
        paths(linux, ops);

        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            requireUts(namespaces, "hostname");
            ops.add(new Op.SetHostname(Origin.of("hostname", spec.hostname()), spec.hostname()));
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty()) {
            requireUts(namespaces, "domainname");
            ops.add(new Op.SetDomainname(Origin.of("domainname", spec.domainname()), spec.domainname()));
        }
        if (terminal) {
            int rows = process.consoleSize() == null ? 0 : (int) process.consoleSize().height();
            int cols = process.consoleSize() == null ? 0 : (int) process.consoleSize().width();
            ops.add(new Op.Console(Origin.of("process.terminal"), rows, cols));
            ops.add(new Op.BindConsole(Origin.of("process.terminal", "/dev/console"), "/dev/console"));
        }
        ProcessCompiler.rlimits(orEmpty(process.rlimits()), ops);
        if (in.newKeyring()) ops.add(new Op.JoinKeyring(Origin.of("session keyring"), "_ses." + in.id()));
        if (process.user() == null) throw new ConfigException("process.user", "is required");
        List<Op> handOver = new ArrayList<>();
        handOver.add(new Op.Ready(Origin.of("create")));
        // Until create has recorded the container, the init dies with it (EOF at this SYNC).
        handOver.add(new Op.Sync(Origin.of("create", "recorded"), SyncPoint.RECORDED));
        handOver.addAll(HookCompiler.beforeStart(in));
        handOver.add(new Op.WaitFifo(Origin.of("exec fifo")));
        ProcessSetup.compile(process, process.user(), UserNamespaceCompiler.setgroupsAllowed(process.user(), userns),
                userns.enabled(), attributes, seccomp, in.rootfs(), in.host(), in.preserveFds(), handOver, ops);
        LsmCompiler.labelMounts(ops, lsm.mountLabel());
        return new Plan(ops);
    }

    /**
     * In its new mount namespace the init first sets the propagation of / (rslave unless the config
     * says otherwise, so nothing the container mounts reaches the host), makes the parent mount of
     * the rootfs private when it would otherwise be shared (pivot_root refuses shared parents), and
     * binds the rootfs onto itself so it is a mount point pivot_root accepts.
     */
    private static void rootfs(CompileInput in, long propagation, List<Op> ops) throws ConfigException {
        String rootfs = in.rootfs().toString();
        Origin origin = Origin.of("linux.rootfsPropagation");
        ops.add(new Op.MountHost(origin, "", "/", "", propagation, ""));
        if ((propagation & MS_SHARED) != 0 || (propagation & MS_REC) == 0) {
            try {
                MountInfo.Entry parent = in.host().mounts().mountContaining(in.rootfs());
                if (parent != null) ops.add(new Op.MountHost(origin, "", parent.mountPoint(), "", MS_PRIVATE, ""));
            } catch (IOException e) {
                throw new ConfigException("root.path", "cannot read the mount table: " + e.getMessage());
            }
        }
        Origin root = Origin.of("root.path", rootfs);
        ops.add(new Op.MountHost(root, rootfs, rootfs, "", MS_BIND | MS_REC, ""));
        ops.add(new Op.OpenRoot(root, rootfs));
    }

    /** linux.readonlyPaths, then linux.maskedPaths (a masked path inside a read-only one still gets masked). */
    private static void paths(Linux linux, List<Op> ops) throws ConfigException {
        List<String> readonly = orEmpty(linux.readonlyPaths());
        for (int i = 0; i < readonly.size(); i++) {
            String path = "linux.readonlyPaths[" + i + "]";
            ops.add(new Op.ReadonlyPath(Origin.of(path, readonly.get(i)), absolute(readonly.get(i), path)));
        }
        List<String> masked = orEmpty(linux.maskedPaths());
        for (int i = 0; i < masked.size(); i++) {
            String path = "linux.maskedPaths[" + i + "]";
            ops.add(new Op.MaskPath(Origin.of(path, masked.get(i)), absolute(masked.get(i), path)));
        }
    }

    private static String absolute(String p, String field) throws ConfigException {
        if (p == null || !p.startsWith("/")) throw new ConfigException(field, "must be an absolute path");
        return p;
    }

    private static long rootPropagation(String name) throws ConfigException {
        if (name == null || name.isEmpty()) return MS_SLAVE | MS_REC;
        Long value = MountOptions.propagation(name);
        if (value == null) throw new ConfigException("linux.rootfsPropagation", "unknown propagation \"" + name + "\"");
        return value;
    }

    private static void requireUts(int namespaces, String field) throws ConfigException {
        if ((namespaces & CloneFlags.CLONE_NEWUTS) == 0) {
            throw new ConfigException(field, "unable to set " + field + " without a private UTS namespace");
        }
    }

    private static boolean devIsBound(List<Mount> mounts) {
        for (Mount m : mounts) {
            boolean bind = "bind".equals(m.type()) || MountOptions.parse(m.options()).isBind();
            if (bind && "/dev".equals(m.destination())) return true;
        }
        return false;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Linux emptyLinux() {
        return new Linux(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }
}
