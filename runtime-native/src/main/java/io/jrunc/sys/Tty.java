package io.jrunc.sys;

/**
 * Terminal calls for `run` and `exec` in the foreground with a terminal: jrunc puts the caller's
 * terminal in raw mode (the container's pty does the line editing and echo; otherwise every key
 * would be echoed twice), copies its window size to the container's pty, and restores it at the end.
 * Separate from {@link Syscalls} because only the tty paths ever load it.
 */
public interface Tty {

    static Tty linux() {
        return LinuxTty.INSTANCE;
    }

    /** {@code isatty(fd)}. */
    boolean isTerminal(int fd);

    /** The terminal's settings (struct termios), to give back to {@link #restore}. */
    byte[] saveAttributes(int fd) throws ErrnoException;

    /** {@code cfmakeraw} on the current settings, applied with TCSANOW. */
    void makeRaw(int fd) throws ErrnoException;

    /** {@code tcsetattr(fd, TCSANOW, saved)}. */
    void restore(int fd, byte[] saved) throws ErrnoException;

    /** {@code ioctl(TIOCGWINSZ)}: {rows, cols}. */
    int[] windowSize(int fd) throws ErrnoException;

    /** {@code ioctl(TIOCSWINSZ)}. */
    void setWindowSize(int fd, int rows, int cols) throws ErrnoException;
}
