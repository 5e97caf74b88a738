package io.jrunc.spec;

import io.jrunc.spec.json.GoJsonText;
import io.jrunc.spec.json.GoTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code jrunc state}'s output written by hand: byte for byte what
 * {@code SpecJson.writeIndented(state, indent)} writes (runc's key order, annotations left out when
 * empty and sorted, Go's escapes and time format), without building Jackson's mapper, which cost
 * `state` more than the rest of the command (docs/performance.md). RuncStateJsonTest compares the
 * two.
 */
public final class RuncStateJson {
    private RuncStateJson() {}

    public static String writeIndented(RuncState s, String indent) {
        StringBuilder b = new StringBuilder(256).append('{');
        string(b, indent, "ociVersion", s.ociVersion()).append(',');
        string(b, indent, "id", s.id()).append(',');
        member(b, indent, "pid").append(s.pid()).append(',');
        string(b, indent, "status", s.status()).append(',');
        string(b, indent, "bundle", s.bundle()).append(',');
        string(b, indent, "rootfs", s.rootfs()).append(',');
        string(b, indent, "created", GoTime.format(s.created())).append(',');
        if (s.annotations() != null && !s.annotations().isEmpty()) {
            member(b, indent, "annotations").append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : new TreeMap<>(s.annotations()).entrySet()) {
                if (!first) b.append(',');
                first = false;
                b.append('\n').append(indent).append(indent);
                GoJsonText.quote(b, e.getKey()).append(": ");
                GoJsonText.quote(b, e.getValue());
            }
            b.append('\n').append(indent).append("},");
        }
        string(b, indent, "owner", s.owner());
        return b.append("\n}").toString();
    }

    private static StringBuilder member(StringBuilder b, String indent, String name) {
        return GoJsonText.quote(b.append('\n').append(indent), name).append(": ");
    }

    private static StringBuilder string(StringBuilder b, String indent, String name, String value) {
        return GoJsonText.quote(member(b, indent, name), value);
    }
}
