package io.jrunc.core.compile.mounts;

import static io.jrunc.core.compile.mounts.MountFlags.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Namespace;
import io.jrunc.spec.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container whose linux.namespaces has no {@code mount} entry shares the runtime's mount
 * namespace (runtime-spec: "the container will inherit the runtime namespace"). runc then still
 * makes the config's mounts, in the runtime's namespace, and chroots instead of pivoting. jrunc
 * does the same, with these differences, all so that the host is left as it was:
 * <ul>
 * <li>nothing happens to the host's own mounts: no propagation change of the runtime's {@code /}
 *     (runc makes it rslave), no pivot_root, no move of the rootfs onto {@code /} for --no-pivot
 *     (the process only chroots, see {@link Op.Chroot});</li>
 * <li>the rootfs is bound onto itself only when root.readonly needs a mount to make read-only;</li>
 * <li>every mount lands inside the rootfs (MOUNT resolves its target in the root), and `create`
 *     records the rootfs before the helper runs, so `delete` (and a failed create) unmounts
 *     everything below it that was not there before (core.state.HostMounts).</li>
 * </ul>
 * What cannot be honoured in the runtime's namespace is refused with the fields named: masked and
 * read-only paths (as runc: the container's root could simply unmount them there) and
 * linux.rootfsPropagation (it would set the propagation of a mount the host owns).
 */
public final class SharedMountNamespace {
    private SharedMountNamespace() {}

    /** Whether the container has no mount namespace entry at all, new or joined. */
    public static boolean applies(Spec spec) {
        Linux linux = spec.linux();
        if (linux == null || linux.namespaces() == null) return true;
        for (Namespace ns : linux.namespaces()) {
            if ("mount".equals(ns.type())) return false;
        }
        return true;
    }

    /** Refuses what needs a mount namespace of the container's own, naming every field involved. */
    public static void refuseWhatNeedsOwn(Path rootfs, Linux linux) throws ConfigException {
        if (rootfs.normalize().toString().equals("/")) {
            throw new ConfigException("root.path", "cannot be the host's / without a mount namespace (linux.namespaces has"
                    + " no \"mount\"): the container's mounts and devices would cover the host's own");
        }
        List<String> restricting = new ArrayList<>();
        if (linux.maskedPaths() != null && !linux.maskedPaths().isEmpty()) restricting.add("linux.maskedPaths");
        if (linux.readonlyPaths() != null && !linux.readonlyPaths().isEmpty()) restricting.add("linux.readonlyPaths");
        if (!restricting.isEmpty()) {
            throw new ConfigException(String.join(", ", restricting),
                    "cannot be applied without a mount namespace (linux.namespaces has no \"mount\"): in the runtime's"
                            + " mount namespace the container could unmount them");
        }
        if (linux.rootfsPropagation() != null && !linux.rootfsPropagation().isEmpty()) {
            throw new ConfigException("linux.rootfsPropagation",
                    "cannot be applied without a mount namespace (linux.namespaces has no \"mount\"): it would change"
                            + " the propagation of the runtime's own mounts");
        }
    }

    /**
     * The root: opened where it is. Only a read-only root is bound onto itself first, so that the
     * remount after the chroot makes this bind read-only and not the mount the rootfs lives on.
     */
    public static void rootfs(Path rootfsPath, boolean readonly, List<Op> ops) {
        String rootfs = rootfsPath.toString();
        Origin root = Origin.of("root.path", rootfs);
        if (readonly) ops.add(new Op.MountHost(Origin.of("root.readonly", rootfs), rootfs, rootfs, "", MS_BIND | MS_REC, ""));
        ops.add(new Op.OpenRoot(root, rootfs));
    }
}
