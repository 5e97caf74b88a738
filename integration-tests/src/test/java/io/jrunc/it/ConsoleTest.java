package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code terminal: true} with {@code --console-socket}: the runtime sends the pty master over the unix socket
 * (SCM_RIGHTS), the container's stdio is the pty slave. recvtty (src/test/c/recvtty.c) receives the fd, sets the
 * window size and copies the pty output to a file.
 */
class ConsoleTest extends ItBase {

    /** A running recvtty listening at {@code socket}. */
    private record Receiver(Process process, Path socket, Path outFile, Path errFile) {
        String err() { return OciRuntime.read(errFile); }
        String out() { return OciRuntime.read(outFile); }
    }

    private Receiver receiver(String size) throws IOException {
        Path dir = Files.createDirectories(work.resolve("tty"));
        Path sock = dir.resolve("console.sock");
        Path out = dir.resolve("recvtty.out");
        Path err = dir.resolve("recvtty.err");
        ProcessBuilder pb = size == null
                ? new ProcessBuilder(Tools.recvtty().toString(), sock.toString())
                : new ProcessBuilder(Tools.recvtty().toString(), sock.toString(), size);
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null")).start();
        Receiver r = new Receiver(p, sock, out, err);
        Wait.until(SHORT, () -> r.err().contains("recvtty=listening"), () -> "recvtty to listen: " + r.err());
        return r;
    }

    @Test
    void consoleSocketReceivesThePtyMasterAndTheContainerSeesATty() throws Exception {
        Receiver tty = receiver("40x132");
        try {
            Bundle b = bundle().terminal(true).args("probe", "tty", "fds", "echo", "through-the-pty");
            String id = newId("tty");
            OciRuntime.Result c = createOk(b, id, "--console-socket", tty.socket().toString());
            Wait.until(SHORT, () -> tty.err().contains("recvtty=winsize"), () -> "recvtty got the master: " + tty.err());
            assertTrue(tty.err().contains("isatty=1"), "received fd is a terminal: " + tty.err());
            assertEquals(0, rt.run("start", id).exitCode());
            assertTrue(tty.process().waitFor(20, TimeUnit.SECONDS), "recvtty ends when the container closes the pty: " + tty.err());
            Probe p = Probe.parse(tty.out());
            assertEquals("1", p.need("tty.stdin"), p.raw);
            assertEquals("1", p.need("tty.stdout"), p.raw);
            assertEquals("40", p.need("tty.rows"), p.raw);
            assertEquals("132", p.need("tty.cols"), p.raw);
            assertTrue(p.need("tty.name").startsWith("/dev/pts/"), p.raw);
            assertEquals("through-the-pty", p.need("echo"));
            assertEquals("0,1,2", p.need("fds"), "stdio are the pty slave and nothing else leaks: " + p.raw);
            assertEquals(p.need("fd.0"), p.need("fd.1"));
            assertEquals(p.need("fd.0"), p.need("fd.2"));
            assertEquals("", c.stdoutNow().strip(), "nothing goes to the runtime's own stdout");
            awaitStopped(id);
        } finally {
            tty.process().destroyForcibly();
        }
    }

    @Test
    void consoleSizeIsThePtysSizeWhenTheReceiverSetsNone() throws Exception {
        Receiver tty = receiver(null);
        try {
            Bundle b = bundle().terminal(true).args("probe", "tty");
            b.process().putObject("consoleSize").put("height", 33).put("width", 77);
            String id = newId("size");
            createOk(b, id, "--console-socket", tty.socket().toString());
            Wait.until(SHORT, () -> tty.err().contains("isatty=1"), () -> "recvtty got the master: " + tty.err());
            assertEquals(0, rt.run("start", id).exitCode());
            assertTrue(tty.process().waitFor(20, TimeUnit.SECONDS), "recvtty ends with the container: " + tty.err());
            Probe p = Probe.parse(tty.out());
            assertEquals("33", p.need("tty.rows"), "process.consoleSize.height: " + p.raw);
            assertEquals("77", p.need("tty.cols"), "process.consoleSize.width: " + p.raw);
            awaitStopped(id);
        } finally {
            tty.process().destroyForcibly();
        }
    }

    @Test
    void terminalWithoutConsoleSocketIsRefusedByCreate() {
        Bundle b = bundle().terminal(true).args("probe", "tty");
        String id = newId("notty");
        OciRuntime.Result r = create(b, id);
        assertNotEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("console"), "message mentions the console socket: " + r.describe());
        assertEquals(1, rt.run("state", id).exitCode(), "nothing created");
    }

    @Test
    void consoleSocketWithoutTerminalIsRefused() throws Exception {
        Receiver tty = receiver(null);
        try {
            Bundle b = bundle().terminal(false).args("probe", "tty");
            String id = newId("sockonly");
            OciRuntime.Result r = create(b, id, "--console-socket", tty.socket().toString());
            assertNotEquals(0, r.exitCode(), r::describe);
            assertTrue(r.stderr().contains("console"), "message mentions the console socket: " + r.describe());
            assertEquals(1, rt.run("state", id).exitCode(), "nothing created");
        } finally {
            tty.process().destroyForcibly();
        }
    }
}
