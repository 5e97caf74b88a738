package io.jrunc.core.compile.namespaces;

import io.jrunc.core.ConfigException;
import io.jrunc.core.host.HostView;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Namespace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * linux.sysctl -> WRITE_PROC ops, after refusing every sysctl the container does not own. /proc/sys
 * is only partly namespaced: a write to anything else would change the host for everyone. The rules
 * are runc's (libcontainer/configs/validate):
 * <ul>
 * <li>net.*: needs a network namespace, and not one that is the runtime's own (joined by a path that
 *     leads back to it);</li>
 * <li>kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*: need an ipc namespace;</li>
 * <li>kernel.domainname: needs a uts namespace; kernel.hostname is refused even then, because it
 *     would fight the config's own {@code hostname} field;</li>
 * <li>anything else is not namespaced and is refused.</li>
 * </ul>
 * The values are written by the init right after it entered its namespaces, through the host's /proc
 * (sysctls follow the writer's namespaces, not the /proc mount's): no mount of the container can
 * stand in the way or redirect the write, and the default readonlyPaths entry /proc/sys does not
 * make them fail as it would after the pivot.
 */
public final class SysctlPolicy {
    private static final Set<String> IPC = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");
    static final Path HOST_NET_NS = Path.of("/proc/self/ns/net");

    private SysctlPolicy() {}

    /** Appends a WRITE_PROC for each of linux.sysctl, after checking the container has the namespace it needs. */
    public static void compile(Linux linux, HostView host, List<Op> ops) throws ConfigException {
        Map<String, String> sysctl = linux.sysctl();
        if (sysctl == null || sysctl.isEmpty()) return;
        List<Namespace> namespaces = linux.namespaces() == null ? List.of() : linux.namespaces();
        Boolean hostNet = null; // decided once, on the first net.* key
        for (var e : sysctl.entrySet()) {
            String key = e.getKey();
            String field = "linux.sysctl[\"" + key + "\"]";
            String name = dotted(key, field);
            if (IPC.contains(name) || name.startsWith("fs.mqueue.")) {
                if (!has(namespaces, "ipc")) {
                    throw new ConfigException(field, "sysctl \"" + name + "\" is not allowed in the host's ipc namespace"
                            + " (the container has no ipc namespace of its own)");
                }
            } else if (name.startsWith("net.")) {
                if (hostNet == null) hostNet = usesHostNetwork(namespaces, host);
                if (hostNet) throw new ConfigException(field, "sysctl \"" + name + "\" is not allowed in the host's network namespace");
            } else if (name.equals("kernel.hostname") && has(namespaces, "uts")) {
                throw new ConfigException(field, "sysctl \"" + name + "\" is not allowed as it conflicts with the OCI \"hostname\" field");
            } else if (!(name.equals("kernel.domainname") && has(namespaces, "uts"))) {
                throw new ConfigException(field, "sysctl \"" + name + "\" is not in a separate kernel namespace"
                        + (name.startsWith("kernel.") && name.endsWith("name") ? " (it needs a uts namespace)" : ""));
            }
            ops.add(new Op.WriteProc(Origin.of(field, e.getValue()), "sys/" + path(key), e.getValue()));
        }
    }

    /**
     * The key in sysctl(8)'s dotted form. A key whose first separator is '/' is in the path form
     * ("net/ipv4/conf/eth0.100/rp_filter"), where a dot is part of a name: the two swap.
     */
    static String dotted(String key, String field) throws ConfigException {
        if (key.isEmpty() || key.startsWith(".") || key.startsWith("/") || key.endsWith(".") || key.endsWith("/")
                || key.contains("..") || key.contains("//") || key.indexOf('\0') >= 0) {
            throw new ConfigException(field, "invalid sysctl name");
        }
        return slashForm(key) ? swap(key) : key;
    }

    /** The file under /proc/sys: dots of the dotted form are the directory separators. */
    public static String path(String key) {
        return slashForm(key) ? key : swap(key);
    }

    private static boolean slashForm(String key) {
        int sep = indexOfAny(key);
        return sep >= 0 && key.charAt(sep) == '/';
    }

    private static int indexOfAny(String key) {
        for (int i = 0; i < key.length(); i++) if (key.charAt(i) == '.' || key.charAt(i) == '/') return i;
        return -1;
    }

    private static String swap(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (char c : key.toCharArray()) out.append(c == '.' ? '/' : c == '/' ? '.' : c);
        return out.toString();
    }

    private static boolean has(List<Namespace> namespaces, String type) {
        return namespaces.stream().anyMatch(n -> type.equals(n.type()));
    }

    /** No network namespace, or one joined through a path that is jrunc's own ("host" meaning current, as runc). */
    private static boolean usesHostNetwork(List<Namespace> namespaces, HostView host) throws ConfigException {
        for (int i = 0; i < namespaces.size(); i++) {
            Namespace ns = namespaces.get(i);
            if (!"network".equals(ns.type())) continue;
            if (ns.path() == null || ns.path().isEmpty()) return false;
            try {
                return host.sameFile(Path.of(ns.path()), HOST_NET_NS);
            } catch (IOException e) {
                throw new ConfigException("linux.namespaces[" + i + "].path", "invalid network namespace path: " + e.getMessage());
            }
        }
        return true;
    }
}
