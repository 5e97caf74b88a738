package io.jrunc.core.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container has put on the host, kept in {@code <root>/<id>/footprint} apart from state.json
 * so that `delete --force` can find it when state.json was never written (a create killed half-way)
 * or cannot be read (truncated, garbage, deleted). create writes the cgroup directories before it
 * makes any of them, then appends each process it starts as soon as it knows its pid; `delete
 * --force` kills what is named here and removes the cgroups (docs/reliability.md).
 *
 * <p>One record per line, fields separated by tabs ({@code %}, tab and newline escaped as
 * {@code %25 %09 %0A}): {@code created TIME}, {@code cgroup HIERARCHY DIR}, {@code process ROLE PID
 * STARTTIME}. The first lines are written to a temp file and renamed; later ones are appended in
 * one write each, so a crash leaves at worst a partial last line, which is skipped.
 */
public record Footprint(String created, Map<String, Path> cgroups, List<Process> processes) {
    public static final String FILE = "footprint";

    /** A process create started: the helper before it forked, or the container's init. */
    public record Process(String role, int pid, long startTime) {
        /** Still the same process (its pid not reused since). */
        public boolean alive() {
            return ProcStat.isOurs(pid, startTime);
        }
    }

    /** Nothing recorded (no footprint file: a state dir made before anything else was). */
    public static final Footprint NONE = new Footprint("", Map.of(), List.of());

    /** Starts the footprint of a container in {@code dir}, before any of its cgroups or processes exists. */
    public static void begin(Path dir, String created, Map<String, Path> cgroups) throws IOException {
        StringBuilder text = new StringBuilder(line("created", created));
        cgroups.forEach((name, path) -> text.append(line("cgroup", name, path.toString())));
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            ch.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
        try {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Appends a process of the container (nothing when it is already gone: there is nothing to find). */
    public static void addProcess(Path dir, String role, int pid) throws IOException {
        ProcStat stat = ProcStat.of(pid);
        if (stat == null) return;
        byte[] bytes = line("process", role, Integer.toString(pid), Long.toString(stat.startTime())).getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
        }
    }

    /** The footprint in {@code dir}; {@link #NONE} when there is none. Lines it cannot parse are skipped. */
    public static Footprint read(Path dir) throws IOException {
        String text;
        try (var in = Files.newInputStream(dir.resolve(FILE), LinkOption.NOFOLLOW_LINKS)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return NONE;
        }
        return parse(text);
    }

    static Footprint parse(String text) {
        String created = "";
        Map<String, Path> cgroups = new LinkedHashMap<>();
        List<Process> processes = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) break; // a line cut short by a crash
            String[] f = text.substring(start, end).split("\t", -1);
            start = end + 1;
            for (int i = 0; i < f.length; i++) f[i] = unescape(f[i]);
            try {
                switch (f[0]) {
                    case "created" -> { if (f.length == 2) created = f[1]; }
                    case "cgroup" -> { if (f.length == 3 && f[2].startsWith("/")) cgroups.put(f[1], Path.of(f[2])); }
                    case "process" -> {
                        if (f.length == 4) processes.add(new Process(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3])));
                    }
                    default -> { }
                }
            } catch (RuntimeException unreadable) {
                // skipped, like a line of a newer format
            }
        }
        return new Footprint(created, cgroups, processes);
    }

    private static String line(String... fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) out.append('\t');
            out.append(escape(fields[i]));
        }
        return out.append('\n').toString();
    }

    private static String escape(String s) {
        return s.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A");
    }

    private static String unescape(String s) {
        return s.replace("%09", "\t").replace("%0A", "\n").replace("%25", "%");
    }
}
