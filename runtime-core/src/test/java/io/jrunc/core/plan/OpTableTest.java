package io.jrunc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The op table ({@link OpCode}) is the one source of the wire contract: the helper's side is generated
 * from it, Java uses it. This holds the rest to it: every Op record names its own row and every row
 * has a record, each record's components (after origin) have the row's argument kinds in order and
 * writeArgs writes exactly those, and docs/plan-protocol.md lists the same codes, names and kinds.
 * PlanDecodeTest then has the real helper decode what Java encodes.
 */
class OpTableTest {
    private static final Path REPO = Path.of("..");

    @Test
    void everyOpRecordHasItsOwnRowAndEveryRowARecord() {
        List<Op> ops = SampleOps.everyOp();
        assertTrue(ops.size() > 40, "found the records: " + ops);
        List<OpCode> named = ops.stream().map(Op::op).sorted().toList();
        assertEquals(List.of(OpCode.values()), named, "each OpCode is named by exactly one Op record");
        assertEquals(OpCode.values().length, Arrays.stream(OpCode.values()).mapToInt(OpCode::code).distinct().count(),
                "codes are unique");
    }

    @Test
    void componentsAfterOriginAreTheArgumentsInOrder() {
        for (Op op : SampleOps.everyOp()) {
            String kinds = SampleOps.arguments(op.getClass()).stream().map(c -> String.valueOf(SampleOps.kind(c)))
                    .collect(Collectors.joining());
            assertEquals(op.op().args(), kinds, "Op." + op.getClass().getSimpleName() + "'s components");
        }
    }

    @Test
    void writeArgsWritesTheRowsKindsAndNothingElse() {
        for (Op op : SampleOps.everyOp()) new Plan(List.of(op)).encode(); // ArgWriter checks each kind against the row
        ArgWriter writer = new ArgWriter(new ByteArrayOutputStream(), OpCode.UMASK);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.string("022"));
        assertEquals("op UMASK takes arguments \"i\" (OpCode), argument 0 does not fit", e.getMessage());
        ArgWriter none = new ArgWriter(new ByteArrayOutputStream(), OpCode.UMASK);
        assertThrows(IllegalStateException.class, none::finish, "a missing argument");
    }

    @Test
    void mountCreateModesAreNamedWireValues() {
        assertEquals(List.of(0, 1, 2), List.of(Op.Create.MUST_EXIST.wire(), Op.Create.DIRECTORY.wire(), Op.Create.FILE.wire()));
        assertEquals(List.of(OpCode.MOUNT_CREATE_MUST_EXIST, OpCode.MOUNT_CREATE_DIRECTORY, OpCode.MOUNT_CREATE_FILE),
                List.of(Op.Create.MUST_EXIST.wire(), Op.Create.DIRECTORY.wire(), Op.Create.FILE.wire()));
    }

    @Test
    void protocolDocListsTheTable() throws IOException {
        String protocol = Files.readString(REPO.resolve("docs/plan-protocol.md"));
        Matcher m = Pattern.compile("\\n\\| (\\d+)\\s*\\| (\\w+)\\s*\\| ([^|]*)\\|")
                .matcher(protocol.substring(protocol.indexOf("\n## Ops")));
        Map<Integer, String> docs = new TreeMap<>();
        while (m.find()) {
            List<String> kinds = new ArrayList<>();
            Matcher k = Pattern.compile("\\b(INT|STRV|STR|BYTES)\\b").matcher(m.group(3));
            while (k.find()) {
                kinds.add(switch (k.group(1)) { case "INT" -> "i"; case "STR" -> "s"; case "STRV" -> "v"; default -> "b"; });
            }
            docs.put(Integer.parseInt(m.group(1)), m.group(2) + " " + String.join("", kinds));
        }
        Map<Integer, String> table = new TreeMap<>();
        for (OpCode op : OpCode.values()) table.put(op.code(), op.name() + " " + op.args());
        assertEquals(table, docs, "plan-protocol.md's Ops table: code, name and argument kinds of every row of OpCode");
    }
}
