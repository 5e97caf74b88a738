package io.jrunc.core.compile.namespaces;

import io.jrunc.core.ConfigException;
import io.jrunc.core.host.HostView;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Namespace;
import io.jrunc.spec.TimeOffset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * linux.timeOffsets -> writes to /proc/self/timens_offsets. unshare(CLONE_NEWTIME) does not move the
 * helper into the new time namespace, only its children; the offsets can be set until the first
 * process enters it, which is the init at FORK. So these ops go between UNSHARE and FORK (and after
 * whatever sync point writes a user namespace's maps, since the write needs CAP_SYS_TIME there).
 * The checks are runc's: a kernel with time namespaces, offsets only with a time namespace of the
 * container's own (a joined one has its offsets already), clocks monotonic and boottime.
 */
public final class TimeNamespaceCompiler {
    static final Path TIMENS_OFFSETS = Path.of("/proc/self/timens_offsets");
    private static final Set<String> CLOCKS = Set.of("monotonic", "boottime");
    private static final long NSEC_PER_SEC = 1_000_000_000L;

    private TimeNamespaceCompiler() {}

    /**
     * Puts the config's time offsets right before the FORK in {@code ops}, which {@link NamespaceCompiler}
     * just added: after the UNSHARE and any sync point between the two, before the init enters the namespace.
     */
    public static void compile(Linux linux, HostView host, List<Op> ops) throws ConfigException {
        addBeforeFork(offsets(linux, host), ops);
    }

    private static void addBeforeFork(List<Op> offsets, List<Op> ops) {
        if (offsets.isEmpty()) return;
        for (int i = ops.size() - 1; i >= 0; i--) {
            if (ops.get(i) instanceof Op.Fork) {
                ops.addAll(i, offsets);
                return;
            }
        }
        throw new IllegalStateException("the plan has no FORK to put the time offsets before");
    }

    /** The ops to put right before FORK; none when the config has no time offsets. */
    private static List<Op> offsets(Linux linux, HostView host) throws ConfigException {
        List<Namespace> namespaces = linux.namespaces() == null ? List.of() : linux.namespaces();
        int index = -1;
        for (int i = 0; i < namespaces.size(); i++) if ("time".equals(namespaces.get(i).type())) index = i;
        if (index >= 0 && !host.exists(TIMENS_OFFSETS)) {
            throw new ConfigException("linux.namespaces[" + index + "]", "time namespaces aren't enabled in the kernel");
        }
        Map<String, TimeOffset> offsets = linux.timeOffsets();
        List<Op> ops = new ArrayList<>();
        if (offsets == null || offsets.isEmpty()) return ops;
        if (index < 0) {
            throw new ConfigException("linux.timeOffsets", "time namespace offsets specified, but the config has no time namespace");
        }
        String joined = namespaces.get(index).path();
        if (joined != null && !joined.isEmpty()) {
            throw new ConfigException("linux.timeOffsets", "cannot be set for a joined time namespace (linux.namespaces["
                    + index + "].path is " + joined + ")");
        }
        for (var e : offsets.entrySet()) {
            String field = "linux.timeOffsets[\"" + e.getKey() + "\"]";
            if (!CLOCKS.contains(e.getKey())) throw new ConfigException(field, "unknown clock (monotonic or boottime)");
            long secs = e.getValue() == null || e.getValue().secs() == null ? 0 : e.getValue().secs();
            long nanos = e.getValue() == null || e.getValue().nanosecs() == null ? 0 : e.getValue().nanosecs();
            if (nanos < 0 || nanos >= NSEC_PER_SEC) {
                throw new ConfigException(field + ".nanosecs", "must be below 1000000000, got " + nanos);
            }
            String line = e.getKey() + " " + secs + " " + nanos + "\n";
            ops.add(new Op.WriteProc(Origin.of(field, secs + "s " + nanos + "ns"), "self/timens_offsets", line));
        }
        return ops;
    }
}
