package io.jrunc.core.compile;

import io.jrunc.core.ConfigException;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Namespace;
import java.util.List;

/**
 * linux.namespaces -> SETNS for the ones joined through a path, one UNSHARE for the new ones, then
 * FORK: a new pid (or time) namespace only applies to children, so the container's init is always
 * the helper's child, and its host pid is what the pid file gets.
 */
final class NamespaceCompiler {
    private NamespaceCompiler() {}

    /** Adds the ops and returns the CLONE_NEW* flags of every namespace the container has of its own or joins. */
    static int compile(List<Namespace> namespaces, List<Op> ops) throws ConfigException {
        int unshare = 0;
        int all = 0;
        for (int i = 0; i < namespaces.size(); i++) {
            Namespace ns = namespaces.get(i);
            String path = "linux.namespaces[" + i + "]";
            int flag = CloneFlags.of(ns.type());
            if (flag == 0) throw new ConfigException(path + ".type", "unknown namespace type \"" + ns.type() + "\"");
            if (flag == CloneFlags.CLONE_NEWUSER) {
                throw new ConfigException(path, "user namespaces are not supported yet");
            }
            all |= flag;
            if (ns.path() != null && !ns.path().isEmpty()) {
                ops.add(new Op.SetNs(Origin.of(path, ns.type() + " " + ns.path()), ns.path(), flag));
            } else {
                unshare |= flag;
            }
        }
        if (unshare != 0) ops.add(new Op.Unshare(Origin.of("linux.namespaces"), unshare));
        ops.add(new Op.Fork(Origin.of("linux.namespaces", "create the container's init")));
        return all;
    }
}
