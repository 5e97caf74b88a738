package io.jrunc.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.jrunc.spec.json.DetailedMismatchException;
import io.jrunc.spec.json.JsonPath;
import io.jrunc.spec.json.SpecMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what Jackson throws into a {@link SpecException} that a person can act on: the JSON path
 * of the bad value, what was expected and what was found, or the line and column of a syntax
 * error. Jackson's own messages name Java classes and constructors, which mean nothing to the
 * author of a config.json.
 */
public final class ErrorTranslator {
    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private ErrorTranslator() {}

    /**
     * @param source the document's name for the user
     * @param document the bytes that were parsed, re-read (only on this error path) to say what
     *     kind of value sat at the failing place
     */
    public static SpecException translate(String source, byte[] document, JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? render(m.getPath()) : "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
                // Jackson's text names its own class and method; say which of jrunc's limits it is.
                String what = firstLine(String.valueOf(((JsonProcessingException) t).getOriginalMessage()))
                        .replaceAll(",? ?\\(?from `[^`]*`\\)?", "");
                return invalid(source, path, "beyond jrunc's input limits (docs/reliability.md, \"Input limits\"): " + what, e);
            }
            if (t instanceof DetailedMismatchException d) {
                return invalid(source, path, d.detail(), e);
            }
            if (t instanceof InputCoercionException c) {
                String got = valueText(document, e);
                return invalid(source, path, "expected " + describeWidth(c.getTargetType()) + ", got " + got
                        + " (out of range)", e);
            }
            if (t instanceof StreamReadException s && !(t instanceof DatabindException)) {
                return malformed(source, s.getLocation(), reason(s.getOriginalMessage()), e);
            }
        }
        if (e instanceof MismatchedInputException m) {
            String msg = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
            if (msg.startsWith("No content to map")) return malformed(source, m.getLocation(), "no JSON value", e);
            if (msg.startsWith("Trailing token")) {
                return malformed(source, m.getLocation(), "unexpected data after the top-level value", e);
            }
            String expected = describe(m.getTargetType());
            if (m instanceof InvalidNullException) return invalid(source, path, "expected " + expected + ", got null", e);
            String got = describe(nodeAt(document, m));
            return invalid(source, path, "expected " + expected + (got == null ? "" : ", got " + got), e);
        }
        String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return invalid(source, path, firstLine(msg), e);
    }

    private static SpecException invalid(String source, String path, String detail, Throwable cause) {
        return new SpecException(SpecException.Kind.INVALID, source, path, detail, -1, -1, cause);
    }

    private static SpecException malformed(String source, JsonLocation where, String reason, Throwable cause) {
        int line = where == null ? -1 : where.getLineNr();
        // An empty document fails "at column 0"; columns are 1-based everywhere else.
        int column = where == null ? -1 : Math.max(1, where.getColumnNr());
        String at = line > 0 ? " at line " + line + ", column " + column : "";
        return new SpecException(SpecException.Kind.MALFORMED, source, "", "malformed JSON" + at + ": " + reason,
                line, column, cause);
    }

    /** Jackson's reason, without the "[Source: ...]" noise and without a second line. */
    private static String reason(String message) {
        if (message == null || message.isEmpty()) return "syntax error";
        String s = SOURCE_LOCATION.matcher(firstLine(message)).replaceAll("line $1, column $2");
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The path in {@link JsonPath} notation. A member of a Map being filled is a key, not a name. */
    public static String render(List<JsonMappingException.Reference> refs) {
        String path = "";
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                path = JsonPath.index(path, r.getIndex());
            } else if (r.getFieldName() != null) {
                Object from = r.getFrom();
                boolean mapEntry = from instanceof Map<?, ?>
                        || (from instanceof Class<?> c && Map.class.isAssignableFrom(c));
                path = mapEntry ? JsonPath.key(path, r.getFieldName()) : JsonPath.member(path, r.getFieldName());
            }
        }
        return path;
    }

    private static JsonNode nodeAt(byte[] document, JsonMappingException e) {
        JsonNode node;
        try {
            node = SpecMapper.get().readTree(document);
        } catch (Exception unreadable) {
            return null;
        }
        for (JsonMappingException.Reference r : e.getPath()) {
            if (node == null) return null;
            node = r.getIndex() >= 0 ? node.get(r.getIndex()) : node.get(r.getFieldName());
        }
        return node;
    }

    /** The number as written, e.g. 99999999999, when the failing place can be found again. */
    private static String valueText(byte[] document, JsonProcessingException e) {
        JsonNode node = e instanceof JsonMappingException m ? nodeAt(document, m) : null;
        return node != null && node.isNumber() ? node.asText() : "a number";
    }

    private static String describeWidth(Class<?> type) {
        if (type == int.class || type == Integer.class) return "a 32-bit integer";
        if (type == long.class || type == Long.class) return "a 64-bit integer";
        return describe(type);
    }

    static String describe(Class<?> type) {
        if (type == null) return "a value";
        if (type == boolean.class || type == Boolean.class) return "a boolean";
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)
                || type == BigDecimal.class) {
            return "a number";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class
                || type == java.time.Instant.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        return "an object";
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) return null;
        return switch (node.getNodeType()) {
            case STRING, BINARY -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a floating-point number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL -> "null";
            case MISSING -> null;
        };
    }
}
