package io.jrunc.spec.json;

/**
 * JSON text written by hand the way Go's encoding/json writes it (see {@link GoCharacterEscapes}
 * for why each escape), for the few small documents a hot command prints without Jackson.
 */
public final class GoJsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJsonText() {}

    /** {@code s} as a JSON string literal with Go's escapes. */
    public static StringBuilder quote(StringBuilder b, String s) {
        return quote(b, s, true);
    }

    /**
     * {@code s} as a JSON string literal; {@code escapeHtml} false leaves {@code < > &} and
     * U+2028/U+2029 as they are (only quotes, backslashes and control characters are escaped).
     */
    public static StringBuilder quote(StringBuilder b, String s, boolean escapeHtml) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || escapeHtml && (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029')) {
                        b.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15])
                                .append(HEX[c & 15]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
