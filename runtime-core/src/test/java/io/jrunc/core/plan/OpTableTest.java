package io.jrunc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The op table (runtime-native/src/main/ops.txt) is the one source of the wire contract: the helper's
 * side is generated from it, Java reads it. This holds the rest to it: every Op record has a row and
 * every row a record, each record's components (after origin) have the row's argument kinds in
 * order and writeArgs writes exactly those, and docs/plan-protocol.md lists the same codes, names and
 * kinds. PlanDecodeTest then has the real helper decode what Java encodes.
 */
class OpTableTest {
    private static final Path REPO = Path.of("..");

    private static Map<String, WireTable.Row> byRecord() {
        return WireTable.rows().stream().collect(Collectors.toMap(WireTable.Row::record, r -> r));
    }

    @Test
    void everyOpRecordHasARowAndEveryRowARecord() {
        List<String> records = SampleOps.records().stream().map(Class::getSimpleName).sorted().toList();
        assertTrue(records.size() > 40, "found the records: " + records);
        assertEquals(records, byRecord().keySet().stream().sorted().toList());
        assertEquals(WireTable.rows().size(), WireTable.rows().stream().map(WireTable.Row::code).distinct().count(),
                "codes are unique");
    }

    @Test
    void componentsAfterOriginAreTheArgumentsInOrder() {
        Map<String, WireTable.Row> rows = byRecord();
        for (Class<?> type : SampleOps.records()) {
            String kinds = SampleOps.arguments(type).stream().map(c -> String.valueOf(SampleOps.kind(c))).collect(Collectors.joining());
            assertEquals(rows.get(type.getSimpleName()).args(), kinds, "Op." + type.getSimpleName() + "'s components");
        }
    }

    @Test
    void writeArgsWritesTheRowsKindsAndNothingElse() {
        for (Op op : SampleOps.everyOp()) new Plan(List.of(op)).encode(); // ArgWriter checks each kind against the row
        ArgWriter writer = new ArgWriter(new java.io.ByteArrayOutputStream(), WireTable.of(new Op.Umask(null, 0)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.string("022"));
        assertEquals("op UMASK (Op.Umask) takes arguments \"i\" (ops.txt), argument 0 does not fit", e.getMessage());
        ArgWriter none = new ArgWriter(new java.io.ByteArrayOutputStream(), WireTable.of(new Op.Umask(null, 0)));
        assertThrows(IllegalStateException.class, none::finish, "a missing argument");
    }

    @Test
    void mountCreateModesAreNamedWireValues() {
        assertEquals(List.of(0L, 1L, 2L), List.of(Op.Create.MUST_EXIST.wire(), Op.Create.DIRECTORY.wire(), Op.Create.FILE.wire()));
    }

    @Test
    void protocolDocListsTheTable() throws IOException {
        String protocol = Files.readString(REPO.resolve("docs/plan-protocol.md"));
        Matcher m = Pattern.compile("\\n\\| (\\d+)\\s*\\| (\\w+)\\s*\\| ([^|]*)\\|").matcher(protocol.substring(protocol.indexOf("\n## Ops")));
        Map<Integer, String> docs = new TreeMap<>();
        while (m.find()) {
            List<String> kinds = new ArrayList<>();
            Matcher k = Pattern.compile("\\b(INT|STRV|STR|BYTES)\\b").matcher(m.group(3));
            while (k.find()) kinds.add(switch (k.group(1)) { case "INT" -> "i"; case "STR" -> "s"; case "STRV" -> "v"; default -> "b"; });
            docs.put(Integer.parseInt(m.group(1)), m.group(2) + " " + String.join("", kinds));
        }
        Map<Integer, String> table = new TreeMap<>();
        for (WireTable.Row r : WireTable.rows()) table.put(r.code(), r.name() + " " + r.args());
        assertEquals(table, docs, "plan-protocol.md's Ops table: code, name and argument kinds of every row of ops.txt");
    }

    @Test
    void tableOnTheClassPathIsTheSource() throws IOException {
        String source = Files.readString(REPO.resolve("runtime-native/src/main/ops.txt"));
        try (var in = WireTable.class.getResourceAsStream(WireTable.RESOURCE)) {
            assertEquals(source, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "the packaged table is stale: rebuild runtime-native");
        }
    }
}
