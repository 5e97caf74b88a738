package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Terminals for `exec`: a pty through {@code --console-socket} (the shim's way: {@code exec -d -t
 * --console-socket}, received by recvtty) and {@code exec -t} in the foreground from a real terminal
 * (script(1)), where jrunc proxies its own terminal in raw mode, hands its window size to the pty,
 * and restores the terminal when the process exits.
 */
class ExecTerminalTest extends ItBase {

    private String running() {
        String id = newId("c");
        createAndStart(bundle().args("sleep", "120"), id);
        return id;
    }

    @Test
    void consoleSocketGetsTheMasterAndTheProcessRunsOnThePty() throws Exception {
        String id = running();
        Path dir = Files.createDirectories(work.resolve("tty"));
        Path sock = dir.resolve("console.sock");
        Path out = dir.resolve("recvtty.out");
        Path err = dir.resolve("recvtty.err");
        Process recv = new ProcessBuilder(Tools.recvtty().toString(), sock.toString(), "30x100")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null")).start();
        try {
            Wait.until(SHORT, () -> OciRuntime.read(err).contains("recvtty=listening"), () -> "recvtty listens: " + OciRuntime.read(err));
            OciRuntime.Result r = rt.run("exec", "-d", "-t", "--console-socket", sock.toString(), id, "probe", "sleep", "1", "tty", "fds");
            assertEquals(0, r.exitCode(), r::describe);
            assertTrue(recv.waitFor(20, TimeUnit.SECONDS), "recvtty ends when the process closes the pty: " + OciRuntime.read(err));
            assertTrue(OciRuntime.read(err).contains("isatty=1"), OciRuntime.read(err));
            Probe p = Probe.parse(OciRuntime.read(out));
            assertEquals("1", p.need("tty.stdin"), p.raw);
            assertEquals("1", p.need("tty.stdout"), p.raw);
            assertEquals("30", p.need("tty.rows"), p.raw);
            assertEquals("100", p.need("tty.cols"), p.raw);
            assertTrue(p.need("tty.name").startsWith("/dev/pts/"), p.raw);
            assertEquals("0,1,2", p.need("fds"), p.raw);
            assertEquals("", r.stdout().strip(), "nothing on jrunc's own stdout");
        } finally {
            recv.destroyForcibly();
        }
    }

    @Test
    void terminalRulesAreRuncs() {
        String id = running();
        OciRuntime.Result detached = rt.run("exec", "-d", "-t", id, "true");
        assertEquals(1, detached.exitCode(), detached::describe);
        assertTrue(detached.stderr().contains("cannot allocate tty if jrunc will detach without setting console socket"), detached::describe);
        OciRuntime.Result noTty = rt.run("exec", "-d", "--console-socket", work.resolve("none.sock").toString(), id, "true");
        assertEquals(1, noTty.exitCode(), noTty::describe);
        assertTrue(noTty.stderr().contains("cannot use console socket if jrunc will not detach or allocate tty"), noTty::describe);
    }

    /** Runs {@code shellLine} under script(1) and returns what the outer terminal showed. */
    private String underScript(String shellLine, String input) throws Exception {
        Path typescript = work.resolve("typescript");
        Process p = new ProcessBuilder("script", "-q", "-f", "-e", "-c", shellLine, typescript.toString()).redirectErrorStream(true).start();
        if (input != null) {
            // Typed only once the process's shell shows its prompt: by then jrunc has put our terminal in raw mode.
            Wait.until(Duration.ofSeconds(30), () -> OciRuntime.read(typescript).contains("# "),
                    () -> "the shell's prompt: " + OciRuntime.read(typescript));
            p.getOutputStream().write(input.getBytes());
            p.getOutputStream().flush();
        }
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script(1) did not finish");
        p.getInputStream().readAllBytes();
        return Files.readString(typescript);
    }

    private String execLine(String id, String... command) {
        return String.join(" ", List.of(rt.binary().toString(), "--root", rt.root().toString(), "exec", "-t", id)) + " "
                + String.join(" ", command);
    }

    @Test
    void foregroundTtyGetsTheCallersWindowSizeAndTheTerminalIsRestored() throws Exception {
        String id = running();
        String out = underScript("stty rows 23 cols 81; " + execLine(id, "sh", "-c", "'stty size; exit 3'") + "; echo status=$?; stty -a", null);
        assertTrue(out.contains("23 81"), out);
        assertTrue(out.contains("status=3"), out);
        assertTrue(out.contains(" icanon") && out.contains(" echo "), "terminal settings restored: " + out);
    }

    @Test
    void foregroundTtyInputIsEchoedOnce() throws Exception {
        String id = running();
        String out = underScript(execLine(id, "sh") + "; echo status=$?", "echo $((6*7))\rexit 4\r");
        assertTrue(out.contains("42"), out);
        assertTrue(out.contains("status=4"), out);
        int typed = out.split("echo \\$\\(\\(6\\*7\\)\\)", -1).length - 1;
        assertEquals(1, typed, "the typed line appears once (raw mode: only the container's pty echoes): " + out);
        assertNotEquals("stopped", rt.status(id));
    }
}
