package io.jrunc.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exec fifo read with plain Java I/O, against a real FIFO and a writer thread playing the init. */
class ExecFifoReaderTest {
    @TempDir
    Path dir;
    Path fifo;

    @BeforeEach
    void makeFifo() throws Exception {
        fifo = dir.resolve("exec.fifo");
        Process p = new ProcessBuilder("mkfifo", "-m", "0622", fifo.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    /** Like the init: blocks opening the fifo for writing, writes, closes. */
    private Thread writer(byte[] bytes) {
        Thread t = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(bytes);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        return t;
    }

    @Test
    void releasedInitWritesZero() throws Exception {
        Thread init = writer(new byte[] {'0'});
        assertArrayEquals(new byte[] {'0'}, ExecFifoReader.read(fifo, () -> true));
        init.join();
    }

    @Test
    void failedHookTextFollowsTheFirstByte() throws Exception {
        byte[] text = "1prestart hook failed: exit status 3".getBytes(StandardCharsets.UTF_8);
        Thread init = writer(text);
        assertArrayEquals(text, ExecFifoReader.read(fifo, () -> true));
        init.join();
    }

    @Test
    void initThatClosesWithoutWritingGivesNothing() throws Exception {
        Thread init = writer(new byte[0]);
        assertEquals(0, ExecFifoReader.read(fifo, () -> true).length);
        init.join();
    }

    @Test
    void deadInitWithoutAWriterDoesNotHang() throws Exception {
        // Nobody ever opens the write end: the reader's open would block for ever.
        AtomicBoolean asked = new AtomicBoolean();
        long t0 = System.nanoTime();
        byte[] got = ExecFifoReader.read(fifo, () -> {
            asked.set(true);
            return false;
        });
        assertEquals(0, got.length);
        assertTrue(asked.get(), "the liveness check was never made");
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "took more than 5 s");
    }

    @Test
    void initDyingLaterIsNoticed() throws Exception {
        AtomicBoolean alive = new AtomicBoolean(true);
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            alive.set(false);
        });
        killer.start();
        assertEquals(0, ExecFifoReader.read(fifo, alive::get).length);
        killer.join();
    }
}
