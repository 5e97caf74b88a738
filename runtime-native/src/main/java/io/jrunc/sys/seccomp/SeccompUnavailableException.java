package io.jrunc.sys.seccomp;

/** libseccomp could not be loaded, but a config asked for seccomp: never skipped silently. */
public final class SeccompUnavailableException extends Exception {
    public SeccompUnavailableException(String library, Throwable cause) {
        super("seccomp was requested but " + library + " could not be loaded: " + cause.getMessage(), cause);
    }
}
