package io.jrunc.core.compile.namespaces;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.userns.UserNamespace;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Namespace;
import java.util.List;

/**
 * linux.namespaces -> SETNS for the ones joined through a path, one UNSHARE for the new ones, then
 * FORK: a new pid (or time) namespace only applies to children, so the container's init is always
 * the helper's child, and its host pid is what the pid file gets. A user namespace is placed by
 * {@link UserNamespaceCompiler}: joined before the others, created alone before the others.
 */
public final class NamespaceCompiler {
    private NamespaceCompiler() {}

    /** Adds the ops and returns the CLONE_NEW* flags of every namespace the container has of its own or joins. */
    public static int compile(List<Namespace> namespaces, UserNamespace userns, List<Op> ops) throws ConfigException {
        int unshare = 0;
        int all = 0;
        UserNamespaceCompiler.joinFirst(userns, ops);
        for (int i = 0; i < namespaces.size(); i++) {
            Namespace ns = namespaces.get(i);
            String path = "linux.namespaces[" + i + "]";
            int flag = CloneFlags.of(ns.type());
            if (flag == 0) throw new ConfigException(path + ".type", "unknown namespace type \"" + ns.type() + "\"");
            all |= flag;
            if (flag == CloneFlags.CLONE_NEWUSER) continue;
            if (ns.path() != null && !ns.path().isEmpty()) {
                ops.add(new Op.SetNs(Origin.of(path, ns.type() + " " + ns.path()), ns.path(), flag));
            } else {
                unshare |= flag;
            }
        }
        UserNamespaceCompiler.createAndBecomeRoot(userns, ops);
        if (unshare != 0) ops.add(new Op.Unshare(Origin.of("linux.namespaces"), unshare));
        ops.add(new Op.Fork(Origin.of("linux.namespaces", "create the container's init")));
        return all;
    }
}
