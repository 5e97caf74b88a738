package io.jrunc.core.lifecycle;

import io.jrunc.core.CallLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;

/**
 * Reads what a created container's init writes into exec.fifo, with plain Java I/O: "0" when it is
 * released, another first byte and a failure's text when a startContainer hook failed, nothing
 * when it exited before opening its end.
 *
 * <p>Why not the syscall facade (non-blocking open and poll): `start` makes no other native call,
 * and the first one costs more than the rest of the command above the JVM's start-up (the JDK
 * generates the downcall stub at run time: docs/performance.md, "Figures behind the code").
 *
 * <p>A FIFO opened for reading blocks until a writer opens it; the waiting init is that writer.
 * The open therefore runs in a helper thread while this one checks every 100 ms that the init
 * still lives. If it died without opening its end, this thread opens the fifo read-write (which
 * never blocks on Linux) and closes it again: that wakes the reader's open, and its read then sees
 * end-of-file because no writer is left.
 */
final class ExecFifoReader implements Runnable {
    /** As much of a hook's failure text as the facade-based reader took. */
    static final int MAX_TEXT = 65536;

    private final Path fifo;
    private volatile byte[] written;
    private volatile IOException failure;

    private ExecFifoReader(Path fifo) {
        this.fifo = fifo;
    }

    /**
     * Everything the init wrote, up to {@link #MAX_TEXT} bytes after the first (only the first
     * when it is "0"); empty when the init exited without writing.
     */
    static byte[] read(Path fifo, BooleanSupplier initAlive) throws IOException, InterruptedException {
        ExecFifoReader reader = new ExecFifoReader(fifo);
        // Its debug messages belong to the call that waits on it.
        Thread thread = new Thread(CallLog.carried(reader), "exec-fifo");
        thread.setDaemon(true); // a reader stuck for any reason must not keep the JVM alive
        thread.start();
        while (true) {
            thread.join(100);
            if (!thread.isAlive()) break;
            if (!initAlive.getAsBoolean()) wakeReader(fifo);
        }
        if (reader.failure != null) throw reader.failure;
        return reader.written;
    }

    /** Gives the reader's open a writer that goes away at once, so its read ends. */
    private static void wakeReader(Path fifo) throws IOException {
        try (SeekableByteChannel ignored = Files.newByteChannel(fifo, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            // opening is all it takes
        }
    }

    @Override
    public void run() {
        try (InputStream in = Files.newInputStream(fifo, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            int first = in.read();
            if (first < 0) {
                written = new byte[0];
            } else if (first == '0') {
                written = new byte[] {'0'};
            } else {
                byte[] text = in.readNBytes(MAX_TEXT);
                byte[] all = new byte[1 + text.length];
                all[0] = (byte) first;
                System.arraycopy(text, 0, all, 1, text.length);
                written = all;
            }
        } catch (IOException e) {
            failure = e;
        }
    }
}
