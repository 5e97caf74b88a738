package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.spec.json.RecordBinder;
import io.jrunc.spec.json.SpecMapper;
import io.jrunc.spec.json.Uint16;
import io.jrunc.spec.json.Uint32;
import io.jrunc.spec.json.Uint64;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast reader of config.json and process.json against Jackson: whatever it binds, Jackson binds
 * to an equal value; what it leaves (errors, doubtful input) goes to Jackson. Documents with every
 * member of every record, and mutations of each of their values to every JSON type and to the edges
 * of every integer range.
 */
class RecordBinderTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Replacements for one value: each JSON type, nulls inside containers, every range edge. */
    private static final List<String> MUTATIONS = List.of("null", "\"s\"", "\"\"", "\"7\"", "true", "false", "0",
            "-0", "1", "-1", "1.5", "1.0", "1e2", "[]", "[null]", "[1]", "[\"a\"]", "{}", "{\"k\":null}",
            "{\"k\":\"v\"}", "{\"k\":1}", "65535", "65536", "2147483647", "2147483648", "-2147483649",
            "4294967295", "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "18446744073709551615", "18446744073709551616", "123456789012345678901234567890");

    static List<Path> fixtures() {
        return TestFiles.dockerFixtures();
    }

    @Test
    void handlesEveryRecordOfTheConfigAndProcessDocuments() {
        assertTrue(RecordBinder.handles(Spec.class));
        assertTrue(RecordBinder.handles(Process.class));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void bindsEveryDockerFixtureAsJacksonDoes(Path file) throws Exception {
        byte[] bytes = TestFiles.bytes(file);
        Spec fast = RecordBinder.tryRead(bytes, Spec.class);
        assertNotNull(fast, file + " was left to Jackson");
        assertEquals(SpecMapper.get().readValue(bytes, Spec.class), fast);
    }

    @Test
    void bindsADocumentWithEveryMemberOfEveryRecordAsJacksonDoes() throws Exception {
        for (Class<?> type : List.of(Spec.class, Process.class)) {
            byte[] bytes = PLAIN.writeValueAsBytes(full(type, 0));
            Object fast = RecordBinder.tryRead(bytes, type);
            assertNotNull(fast, type.getSimpleName());
            assertEquals(SpecMapper.get().readValue(bytes, type), fast);
        }
    }

    /** Every value of the full document replaced by every mutation: never a different answer. */
    @Test
    void neverBindsWhatJacksonRejectsOrReadsDifferently() throws Exception {
        JsonNode full = full(Spec.class, 0);
        List<String> places = new ArrayList<>();
        collectPlaces(full, "", places);
        int bound = 0;
        int left = 0;
        for (String place : places) {
            for (String mutation : MUTATIONS) {
                JsonNode copy = full.deepCopy();
                replace(copy, place, PLAIN.readTree(mutation));
                byte[] bytes = PLAIN.writeValueAsBytes(copy);
                if (agree(bytes, place + " = " + mutation)) bound++;
                else left++;
            }
        }
        // Both outcomes occur: the mutations include valid values and errors for every place.
        assertTrue(bound > places.size(), "bound " + bound);
        assertTrue(left > places.size(), "left " + left);
    }

    /** Text-level variants that Jackson may read differently (or not at all). */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"ociVersion\":\"1\",\"ociVersion\":\"2\"}",
        "{\"hostname\":\"a\"} x",
        "\uFEFF{\"hostname\":\"a\"}",
        "{\"process\":{\"oomScoreAdj\":01}}",
        "{\"process\":{\"oomScoreAdj\":+1}}",
        "{\"process\":{\"oomScoreAdj\":1.}}",
        "{\"process\":{\"oomScoreAdj\":-}}",
        "{\"hostname\":\"a\\u00e9\\ud83d\\ude00\\/\"}",
        "{\"hostname\":\"tab\there\"}",
        "{\"hostname\":\"a\",}",
        "{\"hostname\":'a'}",
        "{/*c*/\"hostname\":\"a\"}",
        "{\"hostname\":\"a\"\u000b}",
        "{\"process\":{\"execCPUAffinity\":{\"finalCpus\":\"1\",\"final\":\"2\"}}}",
        "{\"process\":{\"ioPriority\":{\"ioClass\":\"x\",\"class\":\"IOPRIO_CLASS_RT\"}}}",
        "{\"process\":{\"user\":{\"additionalGids\":[1,4294967296]}}}",
        "{\"process\":{\"user\":{\"additionalGids\":[1,-1]}}}",
        "{\"process\":{\"user\":{\"additionalGids\":[1,4294967295]}}}",
        "null",
        "[]",
        "",
        "{\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}",
        " \r\n\t{\"hostname\":\"a\"} \r\n\t",
    })
    void textVariantsAgreeWithJackson(String text) {
        agree(text.getBytes(StandardCharsets.UTF_8), text);
    }

    /** additionalGids' element check moved into the project's own annotation: Jackson still applies it. */
    @Test
    void additionalGidsOutOfRangeIsStillJacksonsError() {
        SpecException e = assertThrows(SpecException.class, () -> SpecJson.parseConfig(
                "{\"process\":{\"user\":{\"additionalGids\":[1,-1]}}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("config.json: process.user.additionalGids[1]: expected an unsigned 32-bit integer "
                + "(0 to 4294967295), got -1", e.getMessage());
        assertNull(RecordBinder.tryRead("{\"user\":{\"additionalGids\":[4294967296]}}"
                .getBytes(StandardCharsets.UTF_8), Process.class));
    }

    @Test
    void malformedUtf8IsLeftToJackson() {
        byte[] bytes = {'{', '"', 'h', 'o', 's', 't', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertNull(RecordBinder.tryRead(bytes, Spec.class));
    }

    /** True when the binder bound it (then Jackson must read an equal value); false when it left it. */
    private static boolean agree(byte[] bytes, String what) {
        Spec fast = RecordBinder.tryRead(bytes, Spec.class);
        if (fast == null) return false;
        Spec jackson;
        try {
            jackson = SpecMapper.get().readValue(bytes, Spec.class);
        } catch (Exception e) {
            throw new AssertionError(what + ": bound, but Jackson rejects it: " + e.getMessage(), e);
        }
        assertEquals(jackson, fast, what);
        return true;
    }

    /** A JSON object with every member of {@code type} set; lists and maps with two entries. */
    private static JsonNode full(Type type, int depth) {
        if (type == String.class) return NODES.textNode("s" + depth);
        if (type == Boolean.class || type == boolean.class) return NODES.booleanNode(true);
        if (type == Integer.class || type == int.class) return NODES.numberNode(-7 - depth);
        if (type == Long.class || type == long.class) return NODES.numberNode(-9L - depth);
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            ArrayNode a = NODES.arrayNode();
            a.add(full(p.getActualTypeArguments()[0], depth + 1));
            a.add(full(p.getActualTypeArguments()[0], depth + 2));
            return a;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            ObjectNode m = NODES.objectNode();
            m.set("a", full(p.getActualTypeArguments()[1], depth + 1));
            m.set("b.c", full(p.getActualTypeArguments()[1], depth + 2));
            return m;
        }
        Class<?> c = (Class<?>) type;
        assertTrue(c.isRecord(), c.getName());
        RecordComponent[] components = c.getRecordComponents();
        Constructor<?> constructor = c.getDeclaredConstructors()[0];
        Annotation[][] annotations = constructor.getParameterAnnotations();
        ObjectNode o = NODES.objectNode();
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            JsonNode value = null;
            for (Annotation a : annotations[i]) {
                if (a instanceof JsonProperty p && !p.value().isEmpty()) name = p.value();
                if (a instanceof Uint16) value = NODES.numberNode(65535);
                if (a instanceof Uint32) value = NODES.numberNode(4294967295L);
                if (a instanceof Uint64) value = NODES.numberNode(new BigInteger("18446744073709551615"));
            }
            if (value == null && components[i].getName().equals("additionalGids")) {
                value = NODES.arrayNode().add(4294967295L).add(0);
            }
            o.set(name, value != null ? value : full(components[i].getGenericType(), depth + 1));
        }
        return o;
    }

    /** JSON-pointer-like places of every value under {@code node}. */
    private static void collectPlaces(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                out.add(at + "/" + e.getKey());
                collectPlaces(e.getValue(), at + "/" + e.getKey(), out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(at + "/" + i);
                collectPlaces(node.get(i), at + "/" + i, out);
            }
        }
    }

    private static void replace(JsonNode root, String place, JsonNode value) {
        int slash = place.lastIndexOf('/');
        JsonNode parent = place.substring(0, slash).isEmpty() ? root : root.at(place.substring(0, slash));
        String last = place.substring(slash + 1);
        if (parent instanceof ObjectNode o) o.set(last, value);
        else ((ArrayNode) parent).set(Integer.parseInt(last), value);
    }
}
