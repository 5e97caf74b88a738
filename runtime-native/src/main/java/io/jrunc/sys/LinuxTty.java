package io.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jrunc.sys.Libc.Fn;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/** {@link Tty} through libc: tcgetattr/cfmakeraw/tcsetattr and the window-size ioctls. */
final class LinuxTty implements Tty {
    static final LinuxTty INSTANCE = new LinuxTty();

    /** sizeof(struct termios) in glibc is 60; room to spare for other layouts. */
    private static final int TERMIOS_SIZE = 128;
    private static final int TCSANOW = 0;
    private static final long TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;

    /** int isatty(int): 1 or 0, whose errno says only why not, which no caller asks. */
    private static final Fn ISATTY = Fn.of("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** int tcgetattr(int, struct termios *) */
    private static final Fn TCGETATTR = Fn.settingErrno("tcgetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    /** int tcsetattr(int, int, const struct termios *) */
    private static final Fn TCSETATTR = Fn.settingErrno("tcsetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    /** void cfmakeraw(struct termios *) */
    private static final Fn CFMAKERAW = Fn.of("cfmakeraw", FunctionDescriptor.ofVoid(ADDRESS));
    /** int ioctl(int, unsigned long, ... struct winsize *) */
    private static final Fn IOCTL = Fn.variadicSettingErrno("ioctl", 2, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));

    private LinuxTty() {}

    @Override
    public boolean isTerminal(int fd) {
        try {
            return (int) ISATTY.handle().invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    @Override
    public byte[] saveAttributes(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment termios = arena.allocate(TERMIOS_SIZE);
            if (tcgetattr(errno, fd, termios) != 0) throw Libc.error("tcgetattr " + fd, errno);
            return termios.toArray(JAVA_BYTE);
        }
    }

    @Override
    public void makeRaw(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment termios = arena.allocate(TERMIOS_SIZE);
            if (tcgetattr(errno, fd, termios) != 0) throw Libc.error("tcgetattr " + fd, errno);
            try {
                CFMAKERAW.handle().invokeExact(termios);
            } catch (Throwable t) {
                throw Libc.invocationFailure(t);
            }
            if (tcsetattr(errno, fd, termios) != 0) throw Libc.error("tcsetattr " + fd, errno);
        }
    }

    @Override
    public void restore(int fd, byte[] saved) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment termios = arena.allocate(TERMIOS_SIZE);
            termios.copyFrom(MemorySegment.ofArray(saved));
            if (tcsetattr(errno, fd, termios) != 0) throw Libc.error("tcsetattr " + fd, errno);
        }
    }

    @Override
    public int[] windowSize(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment ws = arena.allocate(8); // struct winsize: rows, cols, xpixel, ypixel (unsigned short)
            if (ioctl(errno, fd, TIOCGWINSZ, ws) != 0) throw Libc.error("ioctl TIOCGWINSZ " + fd, errno);
            return new int[] {Short.toUnsignedInt(ws.get(JAVA_SHORT, 0)), Short.toUnsignedInt(ws.get(JAVA_SHORT, 2))};
        }
    }

    @Override
    public void setWindowSize(int fd, int rows, int cols) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment ws = arena.allocate(8);
            ws.set(JAVA_SHORT, 0, (short) rows);
            ws.set(JAVA_SHORT, 2, (short) cols);
            if (ioctl(errno, fd, TIOCSWINSZ, ws) != 0) throw Libc.error("ioctl TIOCSWINSZ " + fd, errno);
        }
    }

    private static int tcgetattr(MemorySegment errno, int fd, MemorySegment termios) {
        try {
            return (int) TCGETATTR.handle().invokeExact(errno, fd, termios);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    private static int tcsetattr(MemorySegment errno, int fd, MemorySegment termios) {
        try {
            return (int) TCSETATTR.handle().invokeExact(errno, fd, TCSANOW, termios);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }

    private static int ioctl(MemorySegment errno, int fd, long request, MemorySegment arg) {
        try {
            return (int) IOCTL.handle().invokeExact(errno, fd, request, arg);
        } catch (Throwable t) {
            throw Libc.invocationFailure(t);
        }
    }
}
