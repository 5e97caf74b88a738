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
 * The project's one JSON reader without Jackson: users' documents (config.json, process.json) for
 * {@link RecordBinder}, and the runtime's own state.json on every command (Jackson's databind would
 * cost a hot command more than all else it does: docs/performance.md). It parses into plain values:
 * objects as {@code LinkedHashMap<String, Object>}, arrays as {@code ArrayList<Object>}, strings,
 * integers as {@code Long} (or {@code BigInteger} beyond 64 bits), other numbers as {@code Double},
 * {@code Boolean} and null.
 *
 * <p>It only ever accepts documents that Jackson, as {@link SpecMapper} configures it, reads the
 * same way: strict RFC 8259 grammar, strict UTF-8, no byte-order mark, no duplicate member names
 * (whose meaning for a record Jackson decides), and well inside Jackson's stream-read limits. On
 * anything else a user's document gets {@link RecordBinder.NotHandled}, and the caller asks
 * Jackson, whose answer (and error message) is then the only one.
 */
public final class StrictJsonReader {
    /** Below Jackson's own limits (1000 digits, 1000 levels, 20 M chars, 50 000 chars of a name). */
    private static final int MAX_NUMBER_LENGTH = 500;
    private static final int MAX_DEPTH = 500;
    private static final int MAX_STRING_LENGTH = InputLimits.MAX_STRING_LENGTH;
    private static final int MAX_NAME_LENGTH = 10_000;

    private final String text;
    private int pos;
    private int depth;

    private StrictJsonReader(String text) {
        this.text = text;
    }

    /**
     * The value of a user's document for {@link RecordBinder}; {@link RecordBinder.NotHandled} for
     * anything it does not accept, so that Jackson answers instead.
     */
    static Object parse(byte[] json) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
            return parse(text);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw RecordBinder.NotHandled.INSTANCE;
        }
    }

    /**
     * The value of one of the runtime's own documents (state.json, read by every command);
     * IllegalArgumentException saying at which offset it is malformed or beyond the limits.
     */
    public static Object parse(String text) {
        StrictJsonReader r = new StrictJsonReader(text);
        Object v = r.value();
        r.skipSpace();
        if (r.pos != text.length()) throw r.refused();
        return v;
    }

    private IllegalArgumentException refused() {
        return new IllegalArgumentException("malformed JSON, or beyond this reader's limits, at offset " + pos);
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
            if (peek() != '"') throw refused();
            String key = string(MAX_NAME_LENGTH);
            skipSpace();
            expect(':');
            if (m.containsKey(key)) throw refused();
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
        if (++depth > MAX_DEPTH) throw refused();
    }

    private String string(int maxLength) {
        pos++;
        int start = pos;
        // The common case: no escapes, one substring. Scanned no further than the limit, so an
        // over-long string is refused (by the builder's length check below) without reading it all.
        int end = (int) Math.min(text.length(), start + (long) maxLength + 1);
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '"') {
                String s = text.substring(start, pos++);
                if (s.length() > maxLength) throw refused();
                return s;
            }
            if (c == '\\' || c < 0x20) break;
            pos++;
        }
        StringBuilder b = new StringBuilder().append(text, start, pos);
        while (true) {
            if (pos >= text.length() || b.length() > maxLength) throw refused();
            char c = text.charAt(pos++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw refused();
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= text.length()) throw refused();
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> b.append(hex4());
                default -> throw refused();
            }
        }
    }

    private char hex4() {
        if (pos + 4 > text.length()) throw refused();
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) throw refused();
            v = v << 4 | d;
        }
        return (char) v;
    }

    /** RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private Object number() {
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') pos++;
        if (pos < text.length() && text.charAt(pos) == '0') pos++;
        else if (digits() == 0) throw refused();
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            integral = false;
            if (digits() == 0) throw refused();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            integral = false;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            if (digits() == 0) throw refused();
        }
        if (pos - start > MAX_NUMBER_LENGTH) throw refused();
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
        if (!text.startsWith(word, pos)) throw refused();
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) throw refused();
        pos++;
    }

    private char peek() {
        if (pos >= text.length()) throw refused();
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
