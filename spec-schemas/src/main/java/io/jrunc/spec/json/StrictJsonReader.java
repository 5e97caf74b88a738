package io.jrunc.spec.json;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a user's document (config.json, process.json) into plain values for {@link RecordBinder}:
 * objects as {@code LinkedHashMap<String, Object>}, arrays as {@code ArrayList<Object>}, strings,
 * integers as {@code Long} (or {@code BigInteger} beyond 64 bits), other numbers as {@code Double},
 * {@code Boolean} and null.
 *
 * <p>It only ever accepts documents that Jackson, as {@link SpecMapper} configures it, reads the
 * same way: strict RFC 8259 grammar, strict UTF-8, no byte-order mark, no duplicate member names
 * (whose meaning for a record Jackson decides), and well inside Jackson's stream-read limits. On
 * anything else it throws {@link RecordBinder.NotHandled}, and the caller asks Jackson, whose
 * answer (and error message) is then the only one.
 */
final class StrictJsonReader {
    /** Below Jackson's own limits (1000 digits, 1000 levels, 20 M chars, 50 000 chars of a name). */
    private static final int MAX_NUMBER_LENGTH = 500;
    private static final int MAX_DEPTH = 500;
    private static final int MAX_STRING_LENGTH = 1_000_000;
    private static final int MAX_NAME_LENGTH = 10_000;

    private final String text;
    private int pos;
    private int depth;

    private StrictJsonReader(String text) {
        this.text = text;
    }

    /** The value of a complete document. */
    static Object parse(byte[] json) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw RecordBinder.NotHandled.INSTANCE;
        }
        StrictJsonReader r = new StrictJsonReader(text);
        Object v = r.value();
        r.skipSpace();
        if (r.pos != text.length()) throw RecordBinder.NotHandled.INSTANCE;
        return v;
    }

    private Object value() {
        skipSpace();
        return switch (peek()) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string(MAX_STRING_LENGTH);
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        enter();
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return m;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') throw RecordBinder.NotHandled.INSTANCE;
            String key = string(MAX_NAME_LENGTH);
            skipSpace();
            expect(':');
            if (m.containsKey(key)) throw RecordBinder.NotHandled.INSTANCE;
            m.put(key, value());
            skipSpace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect('}');
            depth--;
            return m;
        }
    }

    private List<Object> array() {
        enter();
        List<Object> l = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return l;
        }
        while (true) {
            l.add(value());
            skipSpace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect(']');
            depth--;
            return l;
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw RecordBinder.NotHandled.INSTANCE;
    }

    private String string(int maxLength) {
        pos++;
        int start = pos;
        // The common case: no escapes, one substring.
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                String s = text.substring(start, pos++);
                if (s.length() > maxLength) throw RecordBinder.NotHandled.INSTANCE;
                return s;
            }
            if (c == '\\' || c < 0x20) break;
            pos++;
        }
        StringBuilder b = new StringBuilder().append(text, start, pos);
        while (true) {
            if (pos >= text.length() || b.length() > maxLength) throw RecordBinder.NotHandled.INSTANCE;
            char c = text.charAt(pos++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw RecordBinder.NotHandled.INSTANCE;
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= text.length()) throw RecordBinder.NotHandled.INSTANCE;
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> b.append(hex4());
                default -> throw RecordBinder.NotHandled.INSTANCE;
            }
        }
    }

    private char hex4() {
        if (pos + 4 > text.length()) throw RecordBinder.NotHandled.INSTANCE;
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) throw RecordBinder.NotHandled.INSTANCE;
            v = v << 4 | d;
        }
        return (char) v;
    }

    /** RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private Object number() {
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') pos++;
        if (pos < text.length() && text.charAt(pos) == '0') pos++;
        else if (digits() == 0) throw RecordBinder.NotHandled.INSTANCE;
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            integral = false;
            if (digits() == 0) throw RecordBinder.NotHandled.INSTANCE;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            integral = false;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            if (digits() == 0) throw RecordBinder.NotHandled.INSTANCE;
        }
        if (pos - start > MAX_NUMBER_LENGTH) throw RecordBinder.NotHandled.INSTANCE;
        String n = text.substring(start, pos);
        if (!integral) return Double.valueOf(n);
        // 18 digits always fit a long; longer ones are rare (uint64 masks) and checked exactly.
        if (n.length() <= 18) return Long.parseLong(n);
        BigInteger big = new BigInteger(n);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        return pos - start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) throw RecordBinder.NotHandled.INSTANCE;
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) throw RecordBinder.NotHandled.INSTANCE;
        pos++;
    }

    private char peek() {
        if (pos >= text.length()) throw RecordBinder.NotHandled.INSTANCE;
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }
}
