package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Global flags: --version, --help, per-command help, --log-format text, --debug, a root that does not exist yet. */
class GlobalFlagsTest extends ItBase {

    @Test
    void versionPrintsVersionAndSpec() {
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().noGlobals(), "--version");
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains("version"), r.describe());
        assertTrue(r.stdout().contains("spec"), "spec version line: " + r.describe());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("commit: \\S+")), "the commit it was built from, as runc prints it: " + r.describe());
    }

    @Test
    void helpListsTheCommands() {
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().noGlobals(), "--help");
        assertEquals(0, r.exitCode(), r::describe);
        for (String c : List.of("create", "start", "run", "state", "kill", "delete", "list", "spec")) {
            assertTrue(r.stdout().contains(c), "--help mentions " + c + ": " + r.describe());
        }
    }

    @Test
    void perCommandHelpShowsTheFlags() {
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().noGlobals(), "create", "--help");
        assertEquals(0, r.exitCode(), r::describe);
        for (String f : List.of("--bundle", "-b", "--pid-file", "--console-socket", "--no-pivot", "--no-new-keyring", "--preserve-fds")) {
            assertTrue(r.stdout().contains(f), "create --help mentions " + f + ": " + r.describe());
        }
        OciRuntime.Result k = rt.run(OciRuntime.Opts.defaults().noGlobals(), "kill", "--help");
        assertEquals(0, k.exitCode(), k::describe);
        assertTrue(k.stdout().contains("--all"), k.describe());
        OciRuntime.Result l = rt.run(OciRuntime.Opts.defaults().noGlobals(), "list", "--help");
        assertEquals(0, l.exitCode(), l::describe);
        assertTrue(l.stdout().contains("--format") && l.stdout().contains("--quiet"), l.describe());
    }

    @Test
    void logFormatTextWritesLogfmtErrorLine() throws Exception {
        Path log = work.resolve("text.log");
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().noGlobals().globals("--root", rt.root().toString(), "--log", log.toString(),
                "--log-format", "text"), "state", "nope-" + System.nanoTime());
        assertEquals(1, r.exitCode(), r::describe);
        String text = Files.readString(log);
        assertTrue(text.contains("level=error"), "logfmt level: " + text);
        assertTrue(text.contains("msg=\"container does not exist\""), "logfmt msg: " + text);
        assertTrue(text.contains("time="), "logfmt time: " + text);
    }

    @Test
    void debugFlagIsAccepted() {
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().globals("--debug"), "list");
        assertEquals(0, r.exitCode(), r::describe);
        OciRuntime.Result s = rt.run(OciRuntime.Opts.defaults().globals("--debug"), "state", "nope-" + System.nanoTime());
        assertEquals(1, s.exitCode(), s::describe);
        assertTrue(s.stderr().contains("does not exist"), s.describe());
    }

    @Test
    void listWithARootThatDoesNotExistPrintsOnlyTheHeader() {
        Path root = work.resolve("no-such-root");
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().noGlobals().globals("--root", root.toString()), "list");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(List.of("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"), List.of(r.stdout().strip().split("\\s+")), r.describe());
        OciRuntime.Result q = rt.run(OciRuntime.Opts.defaults().noGlobals().globals("--root", root.toString()), "list", "-q");
        assertEquals(0, q.exitCode(), q::describe);
        assertEquals("", q.stdout().strip());
        OciRuntime.Result j = rt.run(OciRuntime.Opts.defaults().noGlobals().globals("--root", root.toString()), "list", "--format", "json");
        assertEquals(0, j.exitCode(), j::describe);
        assertTrue(List.of("null", "[]").contains(j.stdout().strip()), "empty list as JSON (runc prints null): " + j.describe());
    }
}
