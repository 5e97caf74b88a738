package io.jrunc.core.state;

import io.jrunc.spec.json.GoJsonText;
import io.jrunc.spec.json.StrictJsonReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * state.json read and written by hand. Every command reads it, and Jackson's databind (the mapper
 * plus reflection over this record) cost `state` about twice the rest of the command
 * (docs/performance.md). The format is what Jackson wrote before: one object, the record's
 * components by name, so files written by either read the same. Unknown members are ignored and
 * a missing one takes Java's default, as Jackson did.
 *
 * <p>Adding a component to {@link ContainerRecord} means adding it here too:
 * ContainerRecordJsonTest fails for a component that does not survive a round trip.
 */
final class ContainerRecordJson {
    private ContainerRecordJson() {}

    static String write(ContainerRecord r) {
        StringBuilder b = new StringBuilder(512).append('{');
        string(b, "ociVersion", r.ociVersion()).append(',');
        string(b, "id", r.id()).append(',');
        name(b, "initPid").append(r.initPid()).append(',');
        name(b, "initStartTime").append(r.initStartTime()).append(',');
        string(b, "bundle", r.bundle()).append(',');
        string(b, "rootfs", r.rootfs()).append(',');
        string(b, "created", r.created()).append(',');
        string(b, "owner", r.owner()).append(',');
        map(b, "annotations", r.annotations()).append(',');
        map(b, "cgroups", r.cgroups()).append(',');
        map(b, "namespaces", r.namespaces()).append(',');
        name(b, "sharedPidNamespace").append(r.sharedPidNamespace());
        return b.append('}').toString();
    }

    /** IllegalArgumentException when the text is not a state object. */
    static ContainerRecord read(String json) {
        if (!(StrictJsonReader.parse(json) instanceof Map<?, ?> m)) throw new IllegalArgumentException("not a JSON object");
        return new ContainerRecord(string(m, "ociVersion"), string(m, "id"), (int) number(m, "initPid"),
                number(m, "initStartTime"), string(m, "bundle"), string(m, "rootfs"), string(m, "created"),
                string(m, "owner"), map(m, "annotations"), map(m, "cgroups"), map(m, "namespaces"),
                flag(m, "sharedPidNamespace"));
    }

    /** A boolean member, false when absent (records written before it existed). */
    private static boolean flag(Map<?, ?> m, String name) {
        Boolean b = typed(m, name, Boolean.class);
        return b != null && b;
    }

    private static StringBuilder name(StringBuilder b, String name) {
        return GoJsonText.quote(b, name).append(':');
    }

    private static StringBuilder string(StringBuilder b, String name, String value) {
        name(b, name);
        return value == null ? b.append("null") : GoJsonText.quote(b, value);
    }

    private static StringBuilder map(StringBuilder b, String name, Map<String, String> value) {
        name(b, name);
        if (value == null) return b.append("null");
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : value.entrySet()) {
            if (!first) b.append(',');
            first = false;
            GoJsonText.quote(b, e.getKey()).append(':');
            if (e.getValue() == null) b.append("null");
            else GoJsonText.quote(b, e.getValue());
        }
        return b.append('}');
    }

    private static String string(Map<?, ?> m, String name) {
        return typed(m, name, String.class);
    }

    private static long number(Map<?, ?> m, String name) {
        Long n = typed(m, name, Long.class);
        return n == null ? 0 : n;
    }

    private static Map<String, String> map(Map<?, ?> m, String name) {
        Map<?, ?> v = typed(m, name, Map.class);
        if (v == null) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : v.entrySet()) {
            if (e.getValue() != null && !(e.getValue() instanceof String)) {
                throw new IllegalArgumentException(name + "." + e.getKey() + ": expected a string");
            }
            out.put((String) e.getKey(), (String) e.getValue());
        }
        return out;
    }

    private static <T> T typed(Map<?, ?> m, String name, Class<T> type) {
        Object v = m.get(name);
        if (v == null || type.isInstance(v)) return type.cast(v);
        throw new IllegalArgumentException(name + ": expected " + type.getSimpleName().toLowerCase() + ", got " + v);
    }
}
