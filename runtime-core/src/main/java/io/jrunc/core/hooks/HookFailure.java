package io.jrunc.core.hooks;

import io.jrunc.core.JruncException;

/** A hook of a point whose failures are errors (prestart, createRuntime) failed; the message names it. */
public final class HookFailure extends JruncException {
    public HookFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
