package io.jrunc.core;

/**
 * An error meant for the user: its message is what the CLI prints and logs (runc's wording where
 * clients match on it, e.g. "container does not exist").
 */
public class JruncException extends Exception {
    public JruncException(String message) {
        super(message);
    }

    public JruncException(String message, Throwable cause) {
        super(message, cause);
    }
}
