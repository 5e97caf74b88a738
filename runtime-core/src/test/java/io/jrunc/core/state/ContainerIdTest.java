package io.jrunc.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ContainerIdTest {
    /** runc's own rule, which the hand-written check must agree with. */
    private static final Pattern RUNC = Pattern.compile("^[\\w+.-]+$");

    @Test
    void acceptsExactlyRuncsAlphabet() {
        List<String> ids = List.of("a", "A-b_c.d+e", "0123456789abcdef", "..x", ".hidden", ".", "..", "", "a/b", "../x",
                "a b", "a\tb", "a\nb", "é", "ä1", "a:b", "a@b", "a\u0000b", "x".repeat(300), "-", "+", "_", "a*", "日本");
        for (String id : ids) {
            boolean expected = RUNC.matcher(id).matches() && !id.equals(".") && !id.equals("..");
            assertEquals(expected, ContainerId.isValid(id), id);
        }
        for (char c = 0; c < 0x3000; c++) {
            String id = "a" + c;
            assertEquals(RUNC.matcher(id).matches(), ContainerId.isValid(id), "char " + (int) c);
        }
    }
}
