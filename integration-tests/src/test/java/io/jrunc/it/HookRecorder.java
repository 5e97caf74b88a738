package io.jrunc.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OCI hooks that record what they see: busybox's sh (argv[0] "sh", so busybox only runs the shell
 * when argv[0] is passed apart from the path) writes one file per run into a directory, with its
 * cwd, mount and pid namespace, arguments, environment and the state it read on stdin, and appends
 * its name to {@code order}. Hooks running in the container write to the same directory bound into
 * it at {@link #IN_CONTAINER}.
 */
final class HookRecorder {
    static final String IN_CONTAINER = "/hookout";

    /** $0 = the hook's name, $1 = the output dir, the rest recorded as args. */
    private static final String RECORD = """
            n=$0; d=$1; shift
            {
              echo "cwd=$(pwd)"
              echo "mnt=$(readlink /proc/self/ns/mnt)"
              echo "pidns=$(readlink /proc/self/ns/pid)"
              echo "args=$*"
              env | while read -r l; do echo "env.$l"; done
              echo "state=$(cat)"
            } > "$d/$n.run.$$"
            echo "$n" >> "$d/order"
            """;

    final Path dir;

    HookRecorder(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binds the output dir into the container (for startContainer hooks). */
    void bindInto(Bundle b) {
        b.addMount(IN_CONTAINER, "bind", dir.toString(), "rbind", "rw");
    }

    /** A hook that records as {@code name} then runs {@code then} (e.g. "exit 3"); {@code path} is the program (a busybox). */
    static ObjectNode hook(String path, String name, String outDir, String then, Integer timeout) {
        ObjectNode h = Bundle.JSON.createObjectNode();
        h.put("path", path);
        ArrayNode args = h.putArray("args");
        args.add("sh").add("-c").add(RECORD + (then == null ? "" : then)).add(name).add(outDir).add("a1").add("a 2");
        ArrayNode env = h.putArray("env");
        env.add("PATH=/usr/bin:/bin").add("HOOK_MARK=" + name);
        if (timeout != null) h.put("timeout", timeout);
        return h;
    }

    /** Adds {@code hook} to {@code hooks.<point>} of the bundle. */
    static void add(Bundle b, String point, ObjectNode hook) {
        b.config().withObject("/hooks").withArray(point).add(hook);
    }

    /** The names in the order the hooks ran. */
    List<String> order() {
        Path f = dir.resolve("order");
        try {
            return Files.exists(f) ? Files.readAllLines(f) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What each run of {@code name} recorded, as key=value (state= the JSON). */
    List<Map<String, String>> runs(String name) {
        List<Map<String, String>> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(name + ".run.")).sorted().toList()) {
                Map<String, String> m = new LinkedHashMap<>();
                for (String line : Files.readAllLines(f)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1));
                }
                out.add(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The one run of {@code name} (fails unless it ran exactly once) and its state. */
    Map<String, String> only(String name) {
        List<Map<String, String>> runs = runs(name);
        if (runs.size() != 1) throw new AssertionError(name + " ran " + runs.size() + " times; order " + order());
        return runs.getFirst();
    }

    static JsonNode state(Map<String, String> run) {
        try {
            return Bundle.JSON.readTree(run.get("state"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
