package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `run` of a config with terminal true and no console socket, from a real terminal: script(1) gives
 * the runtime a pty, as a person's shell would. The runtime must hand its terminal's size to the
 * container's pty, not echo input twice (raw mode), and give the terminal back as it found it.
 */
class TerminalRunTest extends ItBase {

    /** Runs {@code shellLine} under script(1) and returns what the outer terminal showed. */
    private String underScript(String shellLine, String input) throws Exception {
        Path typescript = work.resolve("typescript");
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", shellLine, typescript.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        if (input != null) {
            Thread.sleep(2500); // the container's shell must be up before it gets its input
            p.getOutputStream().write(input.getBytes());
            p.getOutputStream().flush();
        }
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script(1) did not finish");
        p.getInputStream().readAllBytes();
        return Files.readString(typescript);
    }

    private String runLine(Bundle b, String id) {
        b.write();
        return String.join(" ", List.of(rt.binary().toString(), "--root", rt.root().toString(), "run", "--bundle",
                b.dir.toString(), id));
    }

    @Test
    void containerPtyGetsTheCallersWindowSizeAndTheTerminalIsRestored() throws Exception {
        Bundle b = bundle().terminal(true).args("sh", "-c", "stty size");
        String id = newId("tty");
        String out = underScript("stty rows 22 cols 77; " + runLine(b, id) + "; echo status=$?; stty -a", null);
        assertTrue(out.contains("22 77"), out);
        assertTrue(out.contains("status=0"), out);
        assertTrue(out.contains(" icanon") && out.contains(" echo "), "terminal settings restored: " + out);
    }

    @Test
    void inputIsEchoedOnceAndTheExitCodeComesBack() throws Exception {
        Bundle b = bundle().terminal(true).args("sh");
        String id = newId("echo");
        String out = underScript(runLine(b, id) + "; echo status=$?", "echo $((6*7))\rexit 4\r");
        assertTrue(out.contains("42"), out);
        assertTrue(out.contains("status=4"), out);
        int typed = out.split("echo \\$\\(\\(6\\*7\\)\\)", -1).length - 1;
        assertEquals(1, typed, "the typed line appears once (raw mode: only the container's pty echoes): " + out);
    }
}
