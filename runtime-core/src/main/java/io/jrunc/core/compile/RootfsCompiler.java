package io.jrunc.core.compile;

import static io.jrunc.core.compile.ConfigDefaults.orEmpty;
import static io.jrunc.core.compile.mounts.MountFlags.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.mounts.DeviceCompiler;
import io.jrunc.core.compile.mounts.MountCompiler;
import io.jrunc.core.compile.mounts.MountOptions;
import io.jrunc.core.compile.mounts.SharedMountNamespace;
import io.jrunc.core.compile.mounts.UserNamespaceMounts;
import io.jrunc.core.compile.process.ProcessCompiler;
import io.jrunc.core.compile.userns.UserNamespace;
import io.jrunc.core.host.MountInfo;
import io.jrunc.core.plan.Op.Create;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.core.plan.PlanBuilder;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Mount;
import io.jrunc.spec.Spec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The ROOTFS phase of a create plan: root propagation, the rootfs bound onto itself, the config's
 * mounts, devices, the cwd (without a mount namespace: only the rootfs opened, see
 * {@link SharedMountNamespace}); prestart/createRuntime (a sync point) and createContainer hooks
 * ({@link HookCompiler}); pivot_root (or move + chroot; without a mount namespace chroot alone), then
 * the remounts that make things read-only, readonly and masked paths.
 */
final class RootfsCompiler {
    private RootfsCompiler() {}

    /**
     * @param sharedMounts the container has no mount namespace of its own
     * @param ownCgroupNs the container has a cgroup namespace of its own (for cgroup mounts)
     */
    static void compile(CompileInput in, Linux linux, UserNamespace userns, boolean sharedMounts, boolean ownCgroupNs,
            PlanBuilder plan) throws ConfigException {
        List<Op> ops = plan.phase(PlanBuilder.Phase.ROOTFS);
        Spec spec = in.spec();
        boolean readonlyRoot = spec.root() != null && spec.root().readonlyOrFalse();
        long rootPropagation = sharedMounts ? 0 : rootPropagation(linux.rootfsPropagation());
        if (sharedMounts) {
            SharedMountNamespace.rootfs(in.rootfs(), readonlyRoot, ops);
        } else {
            rootfs(in, rootPropagation, ops);
        }

        UserNamespaceMounts usernsMounts = UserNamespaceMounts.of(spec, userns, in.host());
        MountCompiler mounts = new MountCompiler(in.bundle(), in.cgroupDirs(), in.host(), ownCgroupNs, usernsMounts);
        List<Mount> specMounts = orEmpty(spec.mounts());
        for (int i = 0; i < specMounts.size(); i++) mounts.compile(i, specMounts.get(i), ops);
        if (!devIsBound(specMounts)) {
            DeviceCompiler.compile(orEmpty(linux.devices()), in.host().exists(Path.of("/proc/kcore")),
                    usernsMounts.active() ? in.host() : null, ops);
        }
        String cwd = ProcessCompiler.cwd(spec.process().cwd());
        ops.add(new Op.MkdirAll(Origin.of("process.cwd", cwd), cwd, 0755));

        HookCompiler.beforePivot(in, ops);
        plan.place(PlanBuilder.Slot.SECCOMP_AGENT, PlanBuilder.Phase.ROOTFS); // the agent's socket is a host path
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

    private static boolean devIsBound(List<Mount> mounts) {
        for (Mount m : mounts) {
            boolean bind = "bind".equals(m.type()) || MountOptions.parse(m.options()).isBind();
            if (bind && "/dev".equals(m.destination())) return true;
        }
        return false;
    }
}
