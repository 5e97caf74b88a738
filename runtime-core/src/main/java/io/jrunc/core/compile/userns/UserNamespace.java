package io.jrunc.core.compile.userns;

import io.jrunc.core.ConfigException;
import io.jrunc.core.host.CallerIds;
import io.jrunc.core.host.HostView;
import io.jrunc.spec.IdMapping;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Namespace;
import io.jrunc.spec.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container's user namespace, decided once from config.json and the caller: none, a new one
 * whose maps the parent writes at the {@link io.jrunc.core.plan.SyncPoint#ID_MAPS} sync point, or an existing one joined
 * through its path. Both the plan compiler (which ops, whether setgroups may be called) and the
 * parent side of create (which maps to write, how) read it, so they cannot disagree.
 *
 * @param field        the config path of the user namespace entry, for error messages
 * @param joinPath     the namespace to join, or null unless {@code kind} is JOINED
 * @param callerUid    jrunc's effective uid: not 0 means rootless
 * @param denySetgroups the parent writes "deny" to /proc/PID/setgroups before gid_map (runc's rule:
 *                      a rootless caller mapping only its own gid to 0; the kernel requires it for an
 *                      unprivileged gid_map write), so the container may not call setgroups(2)
 */
public record UserNamespace(Kind kind, String field, String joinPath, List<IdMapping> uidMappings,
                            List<IdMapping> gidMappings, long callerUid, long callerGid, boolean denySetgroups) {

    public enum Kind { NONE, NEW, JOINED }

    /**
     * The SYNC tag at which the helper waits, alone in its new user namespace, for the parent to
     * write setgroups, uid_map and gid_map. Tags 50-59 belong to user namespaces.
     */

    private static final Pattern PROC_NS = Pattern.compile("/proc/(\\d+)/ns/user");

    public UserNamespace {
        uidMappings = List.copyOf(uidMappings);
        gidMappings = List.copyOf(gidMappings);
    }

    /** What {@code spec} asks for, for the caller whose /proc/self/status {@code host} shows. */
    public static UserNamespace of(Spec spec, HostView host) throws ConfigException {
        CallerIds caller = CallerIds.of(host);
        long[] ids = {caller.uid(), caller.gid()};
        Linux linux = spec.linux();
        List<IdMapping> uids = linux == null || linux.uidMappings() == null ? List.of() : linux.uidMappings();
        List<IdMapping> gids = linux == null || linux.gidMappings() == null ? List.of() : linux.gidMappings();
        List<Namespace> namespaces = linux == null || linux.namespaces() == null ? List.of() : linux.namespaces();
        for (int i = 0; i < namespaces.size(); i++) {
            Namespace ns = namespaces.get(i);
            if (!"user".equals(ns.type())) continue;
            String field = "linux.namespaces[" + i + "]";
            if (ns.path() != null && !ns.path().isEmpty()) return joined(field, ns.path(), uids, gids, ids, host);
            return created(field, uids, gids, ids);
        }
        if (!uids.isEmpty() || !gids.isEmpty()) {
            throw new ConfigException(uids.isEmpty() ? "linux.gidMappings" : "linux.uidMappings",
                    "user namespace mappings specified, but USER namespace isn't enabled in the config");
        }
        if (caller.uid() != 0) {
            // Without one nothing else could be set up: every namespace and mount needs privilege.
            throw new ConfigException("linux.namespaces", "rootless container requires user namespaces (jrunc spec --rootless writes a config with one)");
        }
        return new UserNamespace(Kind.NONE, "", null, List.of(), List.of(), ids[0], ids[1], false);
    }

    private static UserNamespace created(String field, List<IdMapping> uids, List<IdMapping> gids, long[] ids)
            throws ConfigException {
        check("linux.uidMappings", uids, "uid");
        check("linux.gidMappings", gids, "gid");
        boolean deny = ids[0] != 0 && gids.equals(List.of(new IdMapping(0, ids[1], 1)));
        return new UserNamespace(Kind.NEW, field, null, uids, gids, ids[0], ids[1], deny);
    }

    /** runc refuses the same: a new user namespace needs maps, and a root inside it for the helper to become. */
    private static void check(String field, List<IdMapping> maps, String what) throws ConfigException {
        if (maps.isEmpty()) throw new ConfigException(field, "user namespaces enabled, but no " + what + " mappings found");
        for (int i = 0; i < maps.size(); i++) {
            if (maps.get(i).size() == 0) throw new ConfigException(field + "[" + i + "].size", "must not be 0");
        }
        if (toHost(maps, 0).isEmpty()) {
            throw new ConfigException(field, "user namespaces enabled, but no root " + what + " mapping found (map container " + what + " 0)");
        }
    }

    /**
     * A joined namespace has its maps already. The config's are used when given (as runc 1.1 does);
     * else, for a /proc/PID/ns/user path, they are read from that process, so the fifo owner and the
     * process's ids can still be checked. Whether setgroups is allowed there is read the same way.
     */
    private static UserNamespace joined(String field, String path, List<IdMapping> uids, List<IdMapping> gids,
                                        long[] ids, HostView host) {
        Matcher m = PROC_NS.matcher(path);
        boolean deny = false;
        if (m.matches()) {
            Path proc = Path.of("/proc", m.group(1));
            if (uids.isEmpty()) uids = parseMap(host.readLines(proc.resolve("uid_map")));
            if (gids.isEmpty()) gids = parseMap(host.readLines(proc.resolve("gid_map")));
            deny = host.readLines(proc.resolve("setgroups")).stream().anyMatch(l -> l.trim().equals("deny"));
        }
        return new UserNamespace(Kind.JOINED, field, path, uids, gids, ids[0], ids[1], deny);
    }

    /** /proc/PID/uid_map lines: "container host size", blank-separated. */
    public static List<IdMapping> parseMap(List<String> lines) {
        List<IdMapping> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) continue;
            try {
                out.add(new IdMapping(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
            } catch (NumberFormatException ignored) {
                // not a map line
            }
        }
        return out;
    }

    public boolean enabled() {
        return kind != Kind.NONE;
    }

    public boolean isNew() {
        return kind == Kind.NEW;
    }

    public boolean rootless() {
        return callerUid != 0;
    }

    /** The host uid of a container uid, if the maps are known and map it. */
    public OptionalLong hostUid(long containerUid) {
        return toHost(uidMappings, containerUid);
    }

    public OptionalLong hostGid(long containerGid) {
        return toHost(gidMappings, containerGid);
    }

    private static OptionalLong toHost(List<IdMapping> maps, long id) {
        for (IdMapping m : maps) {
            if (id >= m.containerID() && id - m.containerID() < m.size()) return OptionalLong.of(m.hostID() + id - m.containerID());
        }
        return OptionalLong.empty();
    }

    /**
     * Whether the uid map needs newuidmap: an unprivileged parent may only write a single line that
     * maps its own uid; anything more is checked against /etc/subuid by the setuid tool.
     */
    public boolean uidMapNeedsTool() {
        return rootless() && !(uidMappings.size() == 1 && uidMappings.getFirst().hostID() == callerUid
                && uidMappings.getFirst().size() == 1);
    }

    /**
     * Whether the gid map needs newgidmap. An unprivileged write of the own gid is only allowed with
     * setgroups denied, and setgroups is denied exactly for the single own-gid-to-0 map (runc's rule).
     */
    public boolean gidMapNeedsTool() {
        return rootless() && !denySetgroups;
    }

    /** The text of a map file: one "container host size" line per mapping. */
    public static String mapText(List<IdMapping> maps) {
        StringBuilder b = new StringBuilder();
        for (IdMapping m : maps) b.append(m.containerID()).append(' ').append(m.hostID()).append(' ').append(m.size()).append('\n');
        return b.toString();
    }
}
