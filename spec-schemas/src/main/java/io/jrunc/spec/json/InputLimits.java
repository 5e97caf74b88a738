package io.jrunc.spec.json;

/**
 * The limits jrunc puts on the documents a user gives it (config.json, process.json), and the
 * finder that names the field beyond them (issue 12, item 6; docs/reliability.md, "Input limits").
 *
 * <p>Decision: a string value longer than {@link #MAX_STRING_LENGTH} characters is refused, with
 * the field and the limit, instead of accepted. runc accepts any size, but in jrunc every string
 * of the config may end up in state.json (annotations are kept there and printed by `state` and
 * `list`, and go to every hook's state on stdin), and every command is a fresh JVM that parses it
 * again, interpreted (-Xint): a huge annotation costs `create` seconds and hundreds of MB, and
 * each later `state` or `list` about as much (docs/performance.md, "Figures behind the code"). One limit serves the config and the state reader
 * ({@link StrictJsonReader} reads state.json with it), so what create accepts, state can read.
 * Kubernetes caps all of a pod's annotations together at 256 KiB; a million characters is far
 * above any real value. A document over {@link #MAX_DOCUMENT_BYTES} is refused before it is read.
 *
 * <p>The finder runs only on the error path (a document {@link RecordBinder} did not take), so
 * valid configs pay nothing for it; it also names the byte offset and the field of invalid
 * UTF-8, which Jackson reports only as a line and column.
 */
public final class InputLimits {
    /** Characters (UTF-16 units, as Java and Jackson count) of one string value. */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    /** Bytes of one document: read whole into memory, so bounded before reading. */
    public static final long MAX_DOCUMENT_BYTES = 64L << 20;

    private InputLimits() {}

    /**
     * What is wrong and where: {@code path} in {@link JsonPath} notation ("" for the top level);
     * for invalid UTF-8 (a malformed document) also its 1-based line and column, else -1.
     */
    public record Finding(String path, String detail, int line, int column) {
        public boolean malformed() {
            return line > 0;
        }
    }

    /**
     * The first string beyond the limit or the first invalid UTF-8 sequence of {@code json}, or
     * null when there is none (or when the document is not JSON enough to walk: Jackson then says
     * what is wrong with it).
     */
    public static Finding find(byte[] json) {
        return new Walker(json).run();
    }

    /** A byte-level walk of the JSON structure that keeps the path; no values are built. */
    private static final class Walker {
        private final byte[] b;
        private int pos;
        private int depth;
        private Finding found;

        Walker(byte[] b) {
            this.b = b;
        }

        Finding run() {
            try {
                value("");
            } catch (Stop s) {
                // found, or the structure is Jackson's to report
            }
            return found;
        }

        private void value(String path) {
            space();
            if (pos >= b.length) throw Stop.STOP;
            int c = b[pos] & 0xff;
            if (c == '"') {
                string(path);
            } else if (c == '{') {
                open();
                pos++;
                space();
                if (peek() == '}') { pos++; depth--; return; }
                while (true) {
                    space();
                    if (peek() != '"') throw Stop.STOP;
                    String name = string(path);
                    space();
                    if (peek() != ':') throw Stop.STOP;
                    pos++;
                    value(JsonPath.member(path, name));
                    space();
                    int n = peek();
                    pos++;
                    if (n == '}') break;
                    if (n != ',') throw Stop.STOP;
                }
                depth--;
            } else if (c == '[') {
                open();
                pos++;
                space();
                if (peek() == ']') { pos++; depth--; return; }
                for (int i = 0;; i++) {
                    value(JsonPath.index(path, i));
                    space();
                    int n = peek();
                    pos++;
                    if (n == ']') break;
                    if (n != ',') throw Stop.STOP;
                }
                depth--;
            } else {
                // a number, true, false, null: ASCII up to the next delimiter
                while (pos < b.length) {
                    int d = b[pos] & 0xff;
                    if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' || d == '\r') break;
                    if (d >= 0x80) invalidUtf8(path, pos);
                    pos++;
                }
            }
        }

        /** Nesting as deep as Jackson's own limit is walked; deeper is Jackson's to refuse. */
        private void open() {
            if (++depth > 1000) throw Stop.STOP;
        }

        /**
         * A string at pos (the opening quote); returns its text when it is short (a member name),
         * else "" (values are not kept). Checks UTF-8 and the length.
         */
        private String string(String path) {
            int start = ++pos;
            long chars = 0;
            while (true) {
                if (pos >= b.length) throw Stop.STOP;
                int c = b[pos] & 0xff;
                if (c == '"') break;
                if (c == '\\') {
                    pos += 2;
                    chars++;
                } else if (c < 0x80) {
                    pos++;
                    chars++;
                } else {
                    int n = utf8Length(pos);
                    if (n < 0) invalidUtf8(path, pos);
                    pos += n;
                    chars += n == 4 ? 2 : 1;
                }
                if (chars > MAX_STRING_LENGTH) {
                    fail(path, "a string longer than " + MAX_STRING_LENGTH
                            + " characters, jrunc's limit for one value (docs/reliability.md, \"Input limits\")");
                }
            }
            int end = pos++;
            // Only member names are used (for the path); escapes in them are left as written.
            return new String(b, start, Math.min(end - start, 1024), java.nio.charset.StandardCharsets.UTF_8);
        }

        private void invalidUtf8(String path, int at) {
            int line = 1, lineStart = 0;
            for (int i = 0; i < at; i++) if (b[i] == '\n') { line++; lineStart = i + 1; }
            found = new Finding(path, String.format("invalid UTF-8 at byte offset %d (byte 0x%02x)", at, b[at] & 0xff),
                    line, at - lineStart + 1);
            throw Stop.STOP;
        }

        /** The length of the well-formed UTF-8 sequence at i (RFC 3629: no overlongs, no surrogates), or -1. */
        private int utf8Length(int i) {
            int c = b[i] & 0xff;
            int n, min2 = 0x80, max2 = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) n = 2;
            else if (c >= 0xe0 && c <= 0xef) {
                n = 3;
                if (c == 0xe0) min2 = 0xa0;
                if (c == 0xed) max2 = 0x9f;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 4;
                if (c == 0xf0) min2 = 0x90;
                if (c == 0xf4) max2 = 0x8f;
            } else return -1;
            if (i + n > b.length) return -1;
            int second = b[i + 1] & 0xff;
            if (second < min2 || second > max2) return -1;
            for (int k = 2; k < n; k++) if ((b[i + k] & 0xc0) != 0x80) return -1;
            return n;
        }

        private void space() {
            while (pos < b.length) {
                int c = b[pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                pos++;
            }
        }

        private int peek() {
            if (pos >= b.length) throw Stop.STOP;
            int c = b[pos] & 0xff;
            if (c >= 0x80) throw Stop.STOP;
            return c;
        }

        private void fail(String path, String detail) {
            found = new Finding(path, detail, -1, -1);
            throw Stop.STOP;
        }
    }

    private static final class Stop extends RuntimeException {
        static final Stop STOP = new Stop();

        private Stop() {
            super(null, null, false, false);
        }
    }
}
