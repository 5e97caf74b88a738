package io.jrunc.spec;

/**
 * One thing wrong with a well-typed document, found by {@link SpecValidator}.
 *
 * @param path where, in the notation of parse errors: {@code linux.namespaces[2].type},
 *     {@code linux.sysctl["net.ipv4.ip_forward"]}; "" for the document as a whole
 * @param message what, for a person, e.g. {@code unknown namespace type "foo"}
 */
public record Violation(String path, String message) {
    /** {@code path: message}, the form to print after the file name. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
