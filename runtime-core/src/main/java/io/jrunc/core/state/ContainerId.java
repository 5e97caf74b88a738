package io.jrunc.core.state;

import io.jrunc.core.JruncException;
import java.util.regex.Pattern;

/**
 * Container ids become directory names under --root, so only runc's safe alphabet is accepted:
 * letters, digits, '_', '+', '-', '.', and never "." or ".." on their own.
 */
public final class ContainerId {
    private static final Pattern VALID = Pattern.compile("^[\\w+.-]+$");

    private ContainerId() {}

    public static String check(String id) throws JruncException {
        if (id == null || id.isEmpty()) throw new JruncException("container id cannot be empty");
        if (!isValid(id)) throw new JruncException("invalid id format: " + id);
        return id;
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }
}
