package io.jrunc.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed output of the probe: {@code key=value} lines (a repeated key keeps its last value). */
public final class Probe {
    public final String raw;
    public final List<String> lines = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    private Probe(String raw) {
        this.raw = raw;
        for (String l : raw.split("\n")) {
            l = l.replace("\r", "");
            if (l.isEmpty()) continue;
            lines.add(l);
            int eq = l.indexOf('=');
            if (eq > 0) values.put(l.substring(0, eq), l.substring(eq + 1));
        }
    }

    public static Probe parse(String output) { return new Probe(output); }

    public String get(String key) { return values.get(key); }

    /** The value of key; fails the test (showing the whole output) when missing. */
    public String need(String key) {
        String v = values.get(key);
        if (v == null) throw new AssertionError("probe printed no '" + key + "'; output was:\n" + raw);
        return v;
    }

    public boolean has(String key) { return values.containsKey(key); }
    public Map<String, String> all() { return values; }

    /** One mount as the probe printed it. */
    public record Mount(String target, String type, String source, Set<String> opts, Set<String> superOpts, String propagation, String root) {
        public boolean has(String opt) { return opts.contains(opt) || superOpts.contains(opt); }
    }

    /** Mounts by target (the topmost when stacked). */
    public Map<String, Mount> mounts() {
        Map<String, Mount> out = new LinkedHashMap<>();
        for (String l : lines) {
            if (!l.startsWith("mount.")) continue;
            int eq = l.indexOf("=type=");
            if (eq < 0) continue;
            String target = l.substring("mount.".length(), eq);
            Map<String, String> f = new LinkedHashMap<>();
            for (String part : l.substring(eq + 1).split(" ")) {
                int e = part.indexOf('=');
                if (e > 0) f.put(part.substring(0, e), part.substring(e + 1));
            }
            out.put(target, new Mount(target, f.get("type"), f.get("src"), set(f.get("opts")), set(f.get("super")), f.get("prop"), f.get("root")));
        }
        return out;
    }

    public Mount mount(String target) {
        Mount m = mounts().get(target);
        if (m == null) throw new AssertionError("no mount at " + target + " in probe output:\n" + raw);
        return m;
    }

    private static Set<String> set(String csv) {
        return csv == null || csv.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(csv.split(",")));
    }

    @Override public String toString() { return raw; }
}
