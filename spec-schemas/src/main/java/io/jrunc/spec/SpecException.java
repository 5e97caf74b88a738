package io.jrunc.spec;

/**
 * A document could not be read as the type asked for. Unchecked: a caller can rarely do more than
 * print it, and every parse on the {@code create} path would otherwise declare it.
 *
 * <p>The message is {@code SOURCE: PATH: DETAIL}, or {@code SOURCE: DETAIL} when the problem is
 * not at one place (path ""), for example:
 * <pre>
 * config.json: process.user.uid: expected an integer, got a string
 * config.json: mounts[3].options: expected an array, got a string
 * config.json: linux.sysctl["kernel.x"]: expected a string, got an integer
 * config.json: malformed JSON at line 4, column 7: unexpected character '}'
 * </pre>
 * The path uses the notation of {@link Violation#path()}.
 */
public final class SpecException extends RuntimeException {
    /** What went wrong, for callers that map errors to exit codes or wording. */
    public enum Kind {
        /** The file could not be read. */
        IO,
        /** Not JSON at all (syntax error, empty document, trailing garbage, bad UTF-8). */
        MALFORMED,
        /** Well-formed JSON with a value of the wrong type or range. */
        INVALID
    }

    private final Kind kind;
    private final String source;
    private final String path;
    private final String detail;
    private final int line;
    private final int column;

    public SpecException(Kind kind, String source, String path, String detail, int line, int column, Throwable cause) {
        super(message(source, path, detail), cause);
        this.kind = kind;
        this.source = source;
        this.path = path;
        this.detail = detail;
        this.line = line;
        this.column = column;
    }

    private static String message(String source, String path, String detail) {
        StringBuilder s = new StringBuilder();
        if (source != null && !source.isEmpty()) s.append(source).append(": ");
        if (path != null && !path.isEmpty()) s.append(path).append(": ");
        return s.append(detail).toString();
    }

    public Kind kind() {
        return kind;
    }

    /** The document's name as shown to the user, e.g. "config.json". */
    public String source() {
        return source;
    }

    /** Where in the document, e.g. {@code process.user.uid}; "" when nowhere in particular. */
    public String path() {
        return path;
    }

    /** The message without source and path, e.g. "expected an integer, got a string". */
    public String detail() {
        return detail;
    }

    /** 1-based line of a {@link Kind#MALFORMED} document's error, else -1. */
    public int line() {
        return line;
    }

    /** 1-based column of a {@link Kind#MALFORMED} document's error, else -1. */
    public int column() {
        return column;
    }
}
