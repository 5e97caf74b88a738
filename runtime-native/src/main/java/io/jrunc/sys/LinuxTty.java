package io.jrunc.sys;

import static io.jrunc.sys.Libc.call;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link Tty} through libc: tcgetattr/cfmakeraw/tcsetattr and the window-size ioctls. */
final class LinuxTty implements Tty {
    static final LinuxTty INSTANCE = new LinuxTty();

    /** sizeof(struct termios) in glibc is 60; room to spare for other layouts. */
    private static final int TERMIOS_SIZE = 128;
    private static final int TCSANOW = 0;
    private static final long TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;

    private static final Libc.Fn ISATTY = new Libc.Fn("int isatty(int)");
    private static final Libc.Fn TCGETATTR = new Libc.Fn("int tcgetattr(int, struct termios *)");
    private static final Libc.Fn TCSETATTR = new Libc.Fn("int tcsetattr(int, int, const struct termios *)");
    private static final Libc.Fn CFMAKERAW = new Libc.Fn("void cfmakeraw(struct termios *)");
    private static final Libc.Fn IOCTL = new Libc.Fn("int ioctl(int, unsigned long, ..., struct winsize *)");

    private LinuxTty() {}

    @Override
    public boolean isTerminal(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            return call(ISATTY, Libc.errnoSegment(arena), fd) == 1;
        }
    }

    @Override
    public byte[] saveAttributes(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment termios = arena.allocate(TERMIOS_SIZE);
            if (call(TCGETATTR, errno, fd, termios.address()) != 0) throw Libc.error("tcgetattr " + fd, errno);
            return termios.toArray(JAVA_BYTE);
        }
    }

    @Override
    public void makeRaw(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment termios = arena.allocate(TERMIOS_SIZE);
            if (call(TCGETATTR, errno, fd, termios.address()) != 0) throw Libc.error("tcgetattr " + fd, errno);
            call(CFMAKERAW, errno, termios.address());
            if (call(TCSETATTR, errno, fd, TCSANOW, termios.address()) != 0) throw Libc.error("tcsetattr " + fd, errno);
        }
    }

    @Override
    public void restore(int fd, byte[] saved) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment termios = arena.allocate(TERMIOS_SIZE);
            termios.copyFrom(MemorySegment.ofArray(saved));
            if (call(TCSETATTR, errno, fd, TCSANOW, termios.address()) != 0) throw Libc.error("tcsetattr " + fd, errno);
        }
    }

    @Override
    public int[] windowSize(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment ws = arena.allocate(8); // struct winsize: rows, cols, xpixel, ypixel (unsigned short)
            if (call(IOCTL, errno, fd, TIOCGWINSZ, ws.address()) != 0) throw Libc.error("ioctl TIOCGWINSZ " + fd, errno);
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
            if (call(IOCTL, errno, fd, TIOCSWINSZ, ws.address()) != 0) throw Libc.error("ioctl TIOCSWINSZ " + fd, errno);
        }
    }
}
