package io.jrunc.core.compile.mounts;

import io.jrunc.core.ConfigException;
import io.jrunc.core.host.HostView;
import io.jrunc.core.plan.Op.Create;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device nodes and /dev symlinks every container gets (runtime-spec "Default Devices" and
 * "Default Symlinks"), then linux.devices, which may replace a default of the same path.
 * Nothing is made when /dev is a bind mount: then /dev is the user's business, as in runc.
 * In a user namespace mknod is not permitted: each node is then the host's node of the same path
 * bound onto an empty file (runc does the same), so its numbers, mode and owner are the host's.
 */
public final class DeviceCompiler {
    public static final int S_IFIFO = 0010000, S_IFCHR = 0020000, S_IFBLK = 0060000;

    private record Node(Origin origin, String path, int type, long major, long minor, int perm, long uid, long gid) {}

    private static final List<Node> DEFAULTS = List.of(
            defaultNode("/dev/null", 1, 3), defaultNode("/dev/zero", 1, 5), defaultNode("/dev/full", 1, 7),
            defaultNode("/dev/random", 1, 8), defaultNode("/dev/urandom", 1, 9), defaultNode("/dev/tty", 5, 0));

    private DeviceCompiler() {}

    private static Node defaultNode(String path, int major, int minor) {
        return new Node(Origin.of("default devices", path), path, S_IFCHR, major, minor, 0666, 0, 0);
    }

    /** @param bindFrom the host whose nodes are bound in, or null to make the nodes with mknod */
    public static void compile(List<Device> devices, boolean procHasKcore, HostView bindFrom, List<Op> ops) throws ConfigException {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Node n : DEFAULTS) nodes.put(n.path(), n);
        for (int i = 0; i < devices.size(); i++) {
            Node n = node("linux.devices[" + i + "]", devices.get(i));
            nodes.put(n.path(), n);
        }
        for (Node n : nodes.values()) {
            if (bindFrom != null) {
                if (!bindFrom.exists(Path.of(n.path()))) {
                    throw new ConfigException(n.origin().path(), "in a user namespace devices are bind mounts of the host's nodes, and the host has no "
                            + n.path());
                }
                ops.add(new Op.Mount(n.origin(), n.path(), n.path(), "", MountFlags.MS_BIND, "", Create.FILE));
            } else {
                ops.add(new Op.Mknod(n.origin(), n.path(), n.type() | n.perm(), n.major(), n.minor(), n.uid(), n.gid()));
            }
        }
        Origin links = Origin.of("default symlinks");
        List<String[]> symlinks = new ArrayList<>(List.of(
                new String[] {"/proc/self/fd", "/dev/fd"}, new String[] {"/proc/self/fd/0", "/dev/stdin"},
                new String[] {"/proc/self/fd/1", "/dev/stdout"}, new String[] {"/proc/self/fd/2", "/dev/stderr"},
                new String[] {"pts/ptmx", "/dev/ptmx"}));
        if (procHasKcore) symlinks.add(new String[] {"/proc/kcore", "/dev/core"});
        for (String[] link : symlinks) ops.add(new Op.Symlink(Origin.of(links.path(), link[1]), link[0], link[1]));
    }

    private static Node node(String path, Device d) throws ConfigException {
        if (d.path() == null || !d.path().startsWith("/")) {
            throw new ConfigException(path + ".path", "must be an absolute path");
        }
        String normalized = Path.of(d.path()).normalize().toString();
        int type = switch (d.type() == null ? "" : d.type()) {
            case "c", "u" -> S_IFCHR;
            case "b" -> S_IFBLK;
            case "p" -> S_IFIFO;
            default -> throw new ConfigException(path + ".type", "must be one of c, b, u, p, not \"" + d.type() + "\"");
        };
        if (type != S_IFIFO && (d.major() == null || d.minor() == null)) {
            throw new ConfigException(path, "a " + d.type() + " device needs major and minor");
        }
        int perm = d.fileMode() == null ? 0666 : d.fileMode() & 07777;
        return new Node(Origin.of(path, normalized), normalized, type, d.major() == null ? 0 : d.major(),
                d.minor() == null ? 0 : d.minor(), perm, d.uid() == null ? 0 : d.uid(), d.gid() == null ? 0 : d.gid());
    }
}
