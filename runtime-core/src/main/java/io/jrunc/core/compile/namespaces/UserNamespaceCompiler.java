package io.jrunc.core.compile.namespaces;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.userns.UserNamespace;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.spec.User;
import java.util.List;

/**
 * The user namespace part of the plan, in runc's order (nsexec.c): the user namespace comes before
 * every other namespace, because it is the context the kernel checks their creation against.
 * <ol>
 * <li>a joined user namespace is entered first, before the other namespaces are joined;</li>
 * <li>a new one is unshared alone, then SYNC: the parent writes setgroups, uid_map and gid_map while
 *     the helper waits (the helper cannot write its own maps with more than its own id);</li>
 * <li>then the helper becomes root of the namespace (gid first), so that what it creates in the
 *     rootfs belongs to the container's root and not to the overflow id, and only then are the other
 *     namespaces unshared: they are owned by the user namespace of whoever creates them.</li>
 * </ol>
 */
public final class UserNamespaceCompiler {
    private UserNamespaceCompiler() {}

    /** Before any other SETNS: join the user namespace given by path. */
    static void joinFirst(UserNamespace userns, List<Op> ops) {
        if (userns.kind() != UserNamespace.Kind.JOINED) return;
        ops.add(new Op.SetNs(Origin.of(userns.field(), "user " + userns.joinPath()), userns.joinPath(), CloneFlags.CLONE_NEWUSER));
    }

    /** After the other SETNS and before the UNSHARE of the other new namespaces. */
    static void createAndBecomeRoot(UserNamespace userns, List<Op> ops) {
        if (!userns.enabled()) return;
        if (userns.isNew()) {
            ops.add(new Op.Unshare(Origin.of(userns.field(), "user"), CloneFlags.CLONE_NEWUSER));
            ops.add(new Op.Sync(Origin.of("linux.uidMappings", "write uid_map and gid_map"), SyncPoint.ID_MAPS));
        }
        Origin root = Origin.of(userns.field(), "become root in the user namespace");
        ops.add(new Op.SetResGid(root, 0));
        ops.add(new Op.SetResUid(root, 0));
    }

    /**
     * Refuses process ids the namespace does not map (setresuid would fail with a bare EINVAL) and
     * supplementary groups where setgroups is denied, with runc's messages. Returns whether the plan
     * may call setgroups at all: where it is denied the process keeps the groups it has, as in runc.
     */
    public static boolean setgroupsAllowed(User user, UserNamespace userns) throws ConfigException {
        if (!userns.enabled()) return true;
        if (!userns.uidMappings().isEmpty() && userns.hostUid(user.uid()).isEmpty()) {
            throw new ConfigException("process.user.uid", "cannot set uid to unmapped user in user namespace (uid " + user.uid() + ")");
        }
        boolean gidsKnown = !userns.gidMappings().isEmpty();
        if (gidsKnown && userns.hostGid(user.gid()).isEmpty()) {
            throw new ConfigException("process.user.gid", "cannot set gid to unmapped user in user namespace (gid " + user.gid() + ")");
        }
        List<Long> extra = user.additionalGids() == null ? List.of() : user.additionalGids();
        if (userns.denySetgroups()) {
            if (!extra.isEmpty()) {
                throw new ConfigException("process.user.additionalGids",
                        "cannot set any additional groups in a rootless container (setgroups is denied in its user namespace)");
            }
            return false;
        }
        for (int i = 0; i < extra.size(); i++) {
            if (gidsKnown && userns.hostGid(extra.get(i)).isEmpty()) {
                throw new ConfigException("process.user.additionalGids[" + i + "]",
                        "gid " + extra.get(i) + " is not mapped in the user namespace");
            }
        }
        return true;
    }
}
