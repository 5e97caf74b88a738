package io.jrunc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The op table is written down four times: Op.java (Java's side of the wire), jrunc_init.h (the
 * codes), main.c (the helper's dispatch table and argument kinds) and docs/plan-protocol.md. The
 * codes and names must agree everywhere.
 */
class OpTableTest {
    private static final Path REPO = Path.of("..");

    private static Map<Integer, String> matches(Path file, String regex, int codeGroup, int nameGroup) throws IOException {
        return matches(Files.readString(REPO.resolve(file)), regex, codeGroup, nameGroup);
    }

    private static Map<Integer, String> matches(String text, String regex, int codeGroup, int nameGroup) {
        Map<Integer, String> out = new TreeMap<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) out.put(Integer.parseInt(m.group(codeGroup)), m.group(nameGroup));
        return out;
    }

    private static String squash(String name) {
        return name.replace("_", "").toUpperCase();
    }

    @Test
    void javaHeaderDispatchAndDocsAgree() throws IOException {
        Map<Integer, String> java = matches(Path.of("runtime-core/src/main/java/io/jrunc/core/plan/Op.java"),
                "record (\\w+)\\([^{]*\\{(?:[^}]*\\}\\s*)?\\s*public int code\\(\\) \\{ return (\\d+); \\}", 2, 1);
        Map<Integer, String> header = matches(Path.of("runtime-native/src/main/c/jrunc_init.h"),
                "OP_(\\w+) = (\\d+),", 2, 1);
        Map<String, String> dispatch = new TreeMap<>();
        Matcher d = Pattern.compile("\\[OP_(\\w+)\\] = \\{ \"(\\w+)\"")
                .matcher(Files.readString(REPO.resolve("runtime-native/src/main/c/main.c")));
        while (d.find()) dispatch.put(d.group(1), d.group(2));
        String protocol = Files.readString(REPO.resolve("docs/plan-protocol.md"));
        Map<Integer, String> docs = matches(protocol.substring(protocol.indexOf("\n## Ops")),
                "\\n\\| (\\d+)\\s*\\| (\\w+)\\s*\\|", 1, 2);

        assertTrue(java.size() > 40, "found the records: " + java);
        assertEquals(java.keySet(), header.keySet(), "codes in Op.java and jrunc_init.h");
        assertEquals(java.keySet(), docs.keySet(), "codes in Op.java and plan-protocol.md");
        for (var e : header.entrySet()) {
            assertEquals(e.getValue(), dispatch.get(e.getValue()), "main.c dispatches OP_" + e.getValue() + " under its name");
            assertEquals(e.getValue(), docs.get(e.getKey()), "plan-protocol.md names op " + e.getKey());
        }
        assertEquals(header.size(), dispatch.size(), "main.c has a row for every op: " + dispatch);
        for (var e : java.entrySet()) {
            String c = squash(header.get(e.getKey()));
            String j = squash(e.getValue());
            assertTrue(c.equals(j) || c.startsWith(j.substring(0, Math.min(4, j.length()))),
                    "op " + e.getKey() + ": Op." + e.getValue() + " and OP_" + header.get(e.getKey()));
        }
    }
}
