package io.jrunc.sys;

/** A failed system call: which call, on what, and the errno it returned. */
public final class ErrnoException extends Exception {
    private final int errno;
    private final String call;

    public ErrnoException(String call, int errno, String description) {
        super(call + ": " + description);
        this.call = call;
        this.errno = errno;
    }

    public int errno() { return errno; }

    public String call() { return call; }
}
