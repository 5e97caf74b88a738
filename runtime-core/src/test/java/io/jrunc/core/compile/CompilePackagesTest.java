package io.jrunc.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiler's packages stay acyclic: the subpackages (namespaces, userns, mounts, process,
 * seccomp, lsm) never depend on the root package that assembles them, and no package the compiler
 * uses depends back on it. Read from the imports of the main sources (a class's package is the part
 * of an import before its first capitalised segment).
 */
class CompilePackagesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?(io\\.jrunc\\.core[\\w.]*?)\\.[A-Z]");

    @Test
    void noCycleThroughTheCompiler() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        for (String from : deps.keySet()) {
            if (!from.startsWith("io.jrunc.core.compile")) continue;
            for (String to : deps.get(from)) {
                if (!to.equals(from)) {
                    assertFalse(reaches(deps, to, from), from + " -> " + to + " closes a cycle back to " + from);
                }
            }
        }
    }

    @Test
    void subpackagesDoNotDependOnTheRoot() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        List<String> offenders = deps.entrySet().stream()
                .filter(e -> e.getKey().startsWith("io.jrunc.core.compile."))
                .filter(e -> e.getValue().contains("io.jrunc.core.compile"))
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), offenders);
    }

    private static boolean reaches(Map<String, Set<String>> deps, String start, String target) {
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (p.equals(target)) return true;
            if (seen.add(p)) todo.addAll(deps.getOrDefault(p, Set.of()));
        }
        return false;
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) continue;
                Set<String> to = deps.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                Matcher imp = IMPORT.matcher(text);
                while (imp.find()) {
                    if (!imp.group(1).equals(pkg.group(1))) to.add(imp.group(1));
                }
            }
        }
        assertTrue(deps.containsKey("io.jrunc.core.compile"), "main sources found under " + SOURCES.toAbsolutePath());
        return deps;
    }
}
