package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No package of jrunc's main code depends, through any chain, on a package that depends back on it:
 * packages are meant to show the architecture (docs/architecture.md), and a cycle means two of them
 * are one concern, or a piece sits in the wrong one. Here because runtime-cli's test class path holds
 * every module's main classes (target/classes directories or the modules' jars).
 *
 * <p>Our own check rather than a library: the JDK's class-file API reads every class's constant pool,
 * where each class it names (in code, signatures, annotations) appears. Constants the compiler
 * inlines leave no trace, which is right: they make no dependency at run time either.
 */
class PackageCyclesTest {
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L(io/jrunc/[\\w/$]+)[;<]");

    @Test
    void noPackageCycleAmongJruncPackages() throws IOException {
        Map<String, Map<String, String>> edges = packageDependencies();
        assertTrue(edges.containsKey("io.jrunc.cli") && edges.containsKey("io.jrunc.core.lifecycle")
                && edges.containsKey("io.jrunc.sys") && edges.containsKey("io.jrunc.spec"),
                "every module's main classes are on the class path: " + edges.keySet());
        List<List<String>> cycles = stronglyConnected(edges).stream().filter(c -> c.size() > 1).toList();
        StringBuilder report = new StringBuilder();
        for (List<String> cycle : cycles) {
            report.append("\npackages in a cycle: ").append(cycle);
            for (String from : cycle) {
                for (var e : edges.get(from).entrySet()) {
                    if (cycle.contains(e.getKey())) report.append("\n  ").append(from).append(" -> ").append(e.getKey())
                            .append(" (e.g. ").append(e.getValue()).append(")");
                }
            }
        }
        assertFalse(!cycles.isEmpty(), report.toString());
    }

    /** Package -> (package it uses -> one class that shows it), for the io.jrunc main classes on the class path. */
    private static Map<String, Map<String, String>> packageDependencies() throws IOException {
        Map<String, Map<String, String>> edges = new TreeMap<>();
        for (ClassModel model : MainClasses.all()) {
            String self = model.thisClass().asInternalName();
            String from = packageOf(self);
            Map<String, String> out = edges.computeIfAbsent(from, k -> new TreeMap<>());
            for (String used : namedClasses(model)) {
                String to = packageOf(used);
                if (used.startsWith("io/jrunc/") && !to.equals(from)) {
                    out.putIfAbsent(to, self.replace('/', '.') + " uses " + used.replace('/', '.'));
                }
            }
        }
        return edges;
    }

    private static List<String> namedClasses(ClassModel model) {
        List<String> names = new ArrayList<>();
        for (PoolEntry e : model.constantPool()) {
            if (e instanceof ClassEntry c) {
                names.add(c.asInternalName().replaceFirst("^\\[*L?", "").replaceFirst(";$", ""));
            } else if (e instanceof Utf8Entry u) {
                Matcher m = DESCRIPTOR_TYPE.matcher(u.stringValue());
                while (m.find()) names.add(m.group(1));
            }
        }
        return names;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }

    /** Tarjan's strongly connected components: each one with more than one package is a cycle. */
    private static List<List<String>> stronglyConnected(Map<String, Map<String, String>> edges) {
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> out = new ArrayList<>();
        for (String p : edges.keySet()) if (!index.containsKey(p)) visit(p, edges, index, low, stack, out);
        return out;
    }

    private static void visit(String p, Map<String, Map<String, String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, List<List<String>> out) {
        index.put(p, index.size());
        low.put(p, index.get(p));
        stack.push(p);
        for (String q : edges.getOrDefault(p, Map.of()).keySet()) {
            if (!index.containsKey(q)) {
                visit(q, edges, index, low, stack, out);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (stack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            TreeSet<String> component = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                component.add(q);
            } while (!q.equals(p));
            out.add(List.copyOf(component));
        }
    }
}
