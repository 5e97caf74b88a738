package io.jrunc.core.compile.mounts;

import static io.jrunc.core.compile.mounts.MountFlags.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OCI mount options of one mount, split the way mount(2) needs them: flags to set, propagation
 * changes (each its own mount call) and the rest, joined as the filesystem's data string.
 * The option names and meanings are mount(8)'s, the same table runc and crun use.
 */
public record MountOptions(long flags, List<Long> propagation, String data) {

    private record Flag(boolean clear, long value) {}

    private static final Map<String, Flag> FLAGS = Map.ofEntries(
            Map.entry("async", new Flag(true, MS_SYNCHRONOUS)),
            Map.entry("atime", new Flag(true, MS_NOATIME)),
            Map.entry("bind", new Flag(false, MS_BIND)),
            Map.entry("defaults", new Flag(false, 0)),
            Map.entry("dev", new Flag(true, MS_NODEV)),
            Map.entry("diratime", new Flag(true, MS_NODIRATIME)),
            Map.entry("dirsync", new Flag(false, MS_DIRSYNC)),
            Map.entry("exec", new Flag(true, MS_NOEXEC)),
            Map.entry("mand", new Flag(false, MS_MANDLOCK)),
            Map.entry("noatime", new Flag(false, MS_NOATIME)),
            Map.entry("nodev", new Flag(false, MS_NODEV)),
            Map.entry("nodiratime", new Flag(false, MS_NODIRATIME)),
            Map.entry("noexec", new Flag(false, MS_NOEXEC)),
            Map.entry("nomand", new Flag(true, MS_MANDLOCK)),
            Map.entry("norelatime", new Flag(true, MS_RELATIME)),
            Map.entry("nostrictatime", new Flag(true, MS_STRICTATIME)),
            Map.entry("nosuid", new Flag(false, MS_NOSUID)),
            Map.entry("nosymfollow", new Flag(false, MS_NOSYMFOLLOW)),
            Map.entry("rbind", new Flag(false, MS_BIND | MS_REC)),
            Map.entry("relatime", new Flag(false, MS_RELATIME)),
            Map.entry("remount", new Flag(false, MS_REMOUNT)),
            Map.entry("ro", new Flag(false, MS_RDONLY)),
            Map.entry("rw", new Flag(true, MS_RDONLY)),
            Map.entry("strictatime", new Flag(false, MS_STRICTATIME)),
            Map.entry("suid", new Flag(true, MS_NOSUID)),
            Map.entry("sync", new Flag(false, MS_SYNCHRONOUS)));

    private static final Map<String, Long> PROPAGATIONS = Map.of(
            "private", MS_PRIVATE, "rprivate", MS_PRIVATE | MS_REC,
            "shared", MS_SHARED, "rshared", MS_SHARED | MS_REC,
            "slave", MS_SLAVE, "rslave", MS_SLAVE | MS_REC,
            "unbindable", MS_UNBINDABLE, "runbindable", MS_UNBINDABLE | MS_REC);

    public static MountOptions parse(List<String> options) {
        long flags = 0;
        List<Long> propagation = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (String option : options == null ? List.<String>of() : options) {
            Flag flag = FLAGS.get(option);
            Long prop = PROPAGATIONS.get(option);
            if (flag != null) {
                flags = flag.clear() ? flags & ~flag.value() : flags | flag.value();
            } else if (prop != null) {
                propagation.add(prop);
            } else if (!option.isEmpty()) {
                data.add(option);
            }
        }
        return new MountOptions(flags, List.copyOf(propagation), String.join(",", data));
    }

    /** Every option name this table knows (the rest go to the filesystem as data), sorted: `features` lists them. */
    public static java.util.List<String> knownNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(FLAGS.keySet());
        names.addAll(PROPAGATIONS.keySet());
        return java.util.List.copyOf(names);
    }

    /** The propagation value for linux.rootfsPropagation, or null for an unknown name. */
    public static Long propagation(String name) {
        return PROPAGATIONS.get(name);
    }

    public boolean isBind() {
        return (flags & MS_BIND) != 0;
    }
}
