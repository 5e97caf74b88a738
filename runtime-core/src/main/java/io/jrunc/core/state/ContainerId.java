package io.jrunc.core.state;

import io.jrunc.core.JruncException;

/**
 * Container ids become directory names under --root, so only runc's safe alphabet is accepted:
 * letters, digits, '_', '+', '-', '.', and never "." or ".." on their own.
 */
public final class ContainerId {
    private ContainerId() {}

    public static String check(String id) throws JruncException {
        if (id == null || id.isEmpty()) throw new JruncException("container id cannot be empty");
        if (!isValid(id)) throw new JruncException("invalid id format: " + id);
        return id;
    }

    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.equals(".") || id.equals("..")) return false;
        // runc's ^[\w+.-]+$ by hand: every command checks an id, and a regex compiled in the
        // interpreter the light commands run in costs more than the rest of the check.
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '+' || c == '.' || c == '-';
            if (!ok) return false;
        }
        return true;
    }
}
