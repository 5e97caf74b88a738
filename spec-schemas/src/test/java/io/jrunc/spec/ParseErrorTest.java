package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Wrong types fail with the JSON path and plain words; nothing is coerced. */
class ParseErrorTest {
    private static SpecException failure(String json) {
        return assertThrows(SpecException.class, () -> SpecJson.parseConfig(json.getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                // Strings are not numbers, fractions are not integers, null is not a primitive.
                Arguments.of("{\"process\":{\"user\":{\"uid\":\"0\"}}}", "process.user.uid",
                        "expected an integer, got a string"),
                Arguments.of("{\"process\":{\"user\":{\"uid\":0.5}}}", "process.user.uid",
                        "expected an integer, got a floating-point number"),
                Arguments.of("{\"process\":{\"user\":{\"uid\":null}}}", "process.user.uid",
                        "expected an integer, got null"),
                Arguments.of("{\"process\":{\"user\":{\"uid\":-1}}}", "process.user.uid",
                        "expected an unsigned 32-bit integer (0 to 4294967295), got -1"),
                Arguments.of("{\"process\":{\"user\":{\"gid\":4294967296}}}", "process.user.gid",
                        "expected an unsigned 32-bit integer (0 to 4294967295), got 4294967296"),
                Arguments.of("{\"process\":{\"user\":{\"additionalGids\":[10,\"20\"]}}}", "process.user.additionalGids[1]",
                        "expected an integer, got a string"),
                Arguments.of("{\"process\":{\"oomScoreAdj\":\"100\"}}", "process.oomScoreAdj",
                        "expected an integer, got a string"),
                Arguments.of("{\"process\":{\"oomScoreAdj\":3000000000}}", "process.oomScoreAdj",
                        "expected a 32-bit integer, got 3000000000 (out of range)"),
                Arguments.of("{\"process\":{\"terminal\":1}}", "process.terminal", "expected a boolean, got an integer"),
                Arguments.of("{\"process\":{\"terminal\":\"true\"}}", "process.terminal", "expected a boolean, got a string"),
                Arguments.of("{\"process\":{\"args\":\"sh\"}}", "process.args", "expected an array, got a string"),
                Arguments.of("{\"process\":{\"args\":[\"sh\",null]}}", "process.args[1]", "expected a string, got null"),
                Arguments.of("{\"process\":{\"args\":[\"sh\",7]}}", "process.args[1]", "expected a string, got an integer"),
                Arguments.of("{\"process\":\"sh\"}", "process", "expected an object, got a string"),
                Arguments.of("{\"process\":{\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"hard\":-1,\"soft\":1}]}}",
                        "process.rlimits[0].hard",
                        "expected an unsigned 64-bit integer (0 to 18446744073709551615), got -1"),
                Arguments.of("{\"hostname\":42}", "hostname", "expected a string, got an integer"),
                Arguments.of("{\"root\":{\"readonly\":\"yes\"}}", "root.readonly", "expected a boolean, got a string"),
                Arguments.of("{\"mounts\":[{},{},{},{\"destination\":\"/x\",\"options\":\"ro\"}]}", "mounts[3].options",
                        "expected an array, got a string"),
                Arguments.of("{\"mounts\":{\"destination\":\"/x\"}}", "mounts", "expected an array, got an object"),
                Arguments.of("{\"annotations\":{\"a\":true}}", "annotations[\"a\"]", "expected a string, got a boolean"),
                Arguments.of("{\"linux\":{\"sysctl\":{\"net.ipv4.ip_forward\":1}}}", "linux.sysctl[\"net.ipv4.ip_forward\"]",
                        "expected a string, got an integer"),
                Arguments.of("{\"linux\":{\"namespaces\":[{\"type\":\"pid\"},{\"type\":\"uts\"},{\"type\":[\"ipc\"]}]}}",
                        "linux.namespaces[2].type", "expected a string, got an array"),
                Arguments.of("{\"linux\":{\"resources\":{\"memory\":{\"limit\":\"64m\"}}}}", "linux.resources.memory.limit",
                        "expected an integer, got a string"),
                Arguments.of("{\"linux\":{\"resources\":{\"cpu\":{\"quota\":1.5}}}}", "linux.resources.cpu.quota",
                        "expected an integer, got a floating-point number"),
                Arguments.of("{\"linux\":{\"resources\":{\"blockIO\":{\"weight\":70000}}}}", "linux.resources.blockIO.weight",
                        "expected an unsigned 16-bit integer (0 to 65535), got 70000"),
                Arguments.of("{\"linux\":{\"resources\":{\"devices\":[{\"allow\":null}]}}}",
                        "linux.resources.devices[0].allow", "expected a boolean, got null"),
                Arguments.of("{\"linux\":{\"resources\":{\"devices\":[{\"allow\":0}]}}}",
                        "linux.resources.devices[0].allow", "expected a boolean, got an integer"),
                Arguments.of("{\"linux\":{\"timeOffsets\":{\"monotonic\":{\"secs\":\"1\"}}}}",
                        "linux.timeOffsets[\"monotonic\"].secs", "expected an integer, got a string"),
                Arguments.of("{\"linux\":{\"seccomp\":{\"syscalls\":[{\"names\":[\"x\"],\"args\":[{\"index\":\"0\"}]}]}}}",
                        "linux.seccomp.syscalls[0].args[0].index", "expected an integer, got a string"),
                Arguments.of("{\"linux\":{\"seccomp\":{\"syscalls\":[{\"args\":[{\"value\":18446744073709551616}]}]}}}",
                        "linux.seccomp.syscalls[0].args[0].value",
                        "expected an unsigned 64-bit integer (0 to 18446744073709551615), got 18446744073709551616"),
                Arguments.of("[]", "", "expected an object, got an array"),
                Arguments.of("null", "", "expected an object, got null"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void wrongTypeNamesThePath(String json, String path, String detail) {
        SpecException e = failure(json);
        assertEquals(SpecException.Kind.INVALID, e.kind());
        assertEquals(path, e.path());
        assertEquals(detail, e.detail());
        assertEquals("config.json: " + (path.isEmpty() ? "" : path + ": ") + detail, e.getMessage());
    }

    @Test
    void theBriefsExamplesReadAsPromised() {
        assertEquals("config.json: process.user.uid: expected an integer, got a string",
                failure("{\"process\":{\"user\":{\"uid\":\"0\"}}}").getMessage());
        assertEquals("config.json: mounts[3].options: expected an array, got a string",
                failure("{\"mounts\":[{},{},{},{\"options\":\"nosuid\"}]}").getMessage());
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        SpecException e = failure("{\n  \"ociVersion\": \"1.0.2\",\n  \"process\": {\n      }}\n  {}\n");
        assertEquals(SpecException.Kind.MALFORMED, e.kind());
        assertEquals(5, e.line());
        assertEquals(3, e.column());
        assertEquals("", e.path());
        assertEquals("config.json: malformed JSON at line 5, column 3: unexpected data after the top-level value",
                e.getMessage());

        SpecException missingValue = failure("{\n  \"a\": [1,\n  }\n}");
        assertEquals(3, missingValue.line());
        assertEquals(3, missingValue.column());
        assertEquals("config.json: malformed JSON at line 3, column 3: unexpected character ('}' (code 125)): "
                + "expected a value", missingValue.getMessage());

        SpecException truncated = failure("{\"process\": {\"args\": [\"sh\"");
        assertEquals(SpecException.Kind.MALFORMED, truncated.kind());
        assertEquals(1, truncated.line());
        assertEquals(27, truncated.column());

        SpecException empty = failure("");
        assertEquals("config.json: malformed JSON at line 1, column 1: no JSON value", empty.getMessage());
    }

    @Test
    void badUtf8IsMalformed() {
        byte[] json = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
        SpecException e = assertThrows(SpecException.class, () -> SpecJson.parseConfig(json));
        assertEquals(SpecException.Kind.MALFORMED, e.kind());
        assertEquals(1, e.line());
    }

    @Test
    void otherDocumentsNameThemselves() {
        SpecException process = assertThrows(SpecException.class,
                () -> SpecJson.parseProcess("{\"cwd\":5}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("process.json: cwd: expected a string, got an integer", process.getMessage());
        SpecException resources = assertThrows(SpecException.class,
                () -> SpecJson.parse("{\"pids\":{\"limit\":\"50\"}}".getBytes(StandardCharsets.UTF_8), Resources.class));
        assertEquals("resources.json: pids.limit: expected an integer, got a string", resources.getMessage());
        SpecException named = assertThrows(SpecException.class,
                () -> SpecJson.parse("{\"pids\":[]}".getBytes(StandardCharsets.UTF_8), Resources.class, "-"));
        assertEquals("-: pids: expected an object, got an array", named.getMessage());
    }

    @Test
    void aMissingFileIsAnIoError(@TempDir Path dir) {
        SpecException e = assertThrows(SpecException.class, () -> SpecJson.readConfig(dir.resolve("config.json")));
        assertEquals(SpecException.Kind.IO, e.kind());
        assertEquals("config.json: cannot read " + dir.resolve("config.json") + ": no such file", e.getMessage());
    }
}
