package io.jrunc.cli;

/**
 * Re-indents compact JSON the way Go's json.MarshalIndent does ({@code "key": value}, one member
 * per line, empty objects and arrays kept as {@code {}} and {@code []}), so `state` and `spec`
 * print byte-for-byte what runc prints for the same data.
 */
final class GoJson {
    private GoJson() {}

    static String indent(String compact, String unit) {
        StringBuilder out = new StringBuilder(compact.length() * 2);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') out.append(compact.charAt(++i));
                else if (c == '"') inString = false;
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    if (i + 1 < compact.length() && compact.charAt(i + 1) == close) {
                        out.append(c).append(close);
                        i++;
                    } else {
                        out.append(c);
                        newline(out, ++depth, unit);
                    }
                }
                case '}', ']' -> {
                    newline(out, --depth, unit);
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    newline(out, depth, unit);
                }
                case ':' -> out.append(": ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void newline(StringBuilder out, int depth, String unit) {
        out.append('\n');
        out.append(unit.repeat(Math.max(0, depth)));
    }
}
