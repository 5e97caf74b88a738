package io.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonReaderTest {
    @Test
    void readsEveryKindOfValue() {
        Object v = StrictJsonReader.parse(" {\"s\":\"a\\\"b\\\\c\\n\\u003c\\/\",\"n\":-12,\"big\":9007199254740993,\"d\":1.5e2,"
                + "\"t\":true,\"f\":false,\"z\":null,\"o\":{},\"a\":[1,\"x\",[]]}\n");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n</");
        m.put("n", -12L);
        m.put("big", 9007199254740993L);
        m.put("d", 150.0);
        m.put("t", true);
        m.put("f", false);
        m.put("z", null);
        m.put("o", Map.of());
        m.put("a", Arrays.asList(1L, "x", List.of()));
        assertEquals(m, v);
    }

    @Test
    void refusesMalformedText() {
        for (String bad : new String[] {"", "{", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "\"open", "{\"a\":tru}", "{} x",
                "{\"a\":\"\\q\"}", "{\"a\":\"\u0001\"}", "-", "{a:1}"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StrictJsonReader.parse(bad), bad);
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
        }
    }
}
