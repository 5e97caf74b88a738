package io.jrunc.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** /proc/PID/mountinfo, parsed (proc(5)): what is mounted where, with its propagation. */
public record MountInfo(List<Entry> entries) {

    /** One line; {@code optional} holds the propagation tags such as {@code shared:1}. */
    public record Entry(int id, int parentId, String root, String mountPoint, String options,
                        List<String> optional, String fstype, String source, String superOptions) {
        public boolean shared() {
            return optional.stream().anyMatch(o -> o.startsWith("shared:"));
        }
    }

    public static MountInfo ofSelf() throws IOException {
        return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
    }

    public static MountInfo parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) continue;
            String[] f = line.split(" ");
            int dash = Arrays.asList(f).indexOf("-");
            if (dash < 6 || f.length < dash + 4) continue;
            entries.add(new Entry(Integer.parseInt(f[0]), Integer.parseInt(f[1]), unescape(f[3]), unescape(f[4]),
                    f[5], List.of(Arrays.copyOfRange(f, 6, dash)), f[dash + 1], unescape(f[dash + 2]), f[dash + 3]));
        }
        return new MountInfo(List.copyOf(entries));
    }

    /** The mount that contains {@code path}: the last-mounted entry whose mount point is its longest prefix. */
    public Entry mountContaining(Path path) {
        String p = path.normalize().toString();
        Entry best = null;
        for (Entry e : entries) {
            String mp = e.mountPoint();
            boolean contains = p.equals(mp) || mp.equals("/") || p.startsWith(mp + "/");
            if (contains && (best == null || mp.length() >= best.mountPoint().length())) best = e;
        }
        return best;
    }

    /** Whether anything is mounted at or below {@code path} (used to prove a failed create left no mount). */
    public boolean hasMountUnder(Path path) {
        String p = path.normalize().toString();
        return entries.stream().anyMatch(e -> e.mountPoint().equals(p) || e.mountPoint().startsWith(p + "/"));
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    public static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
