package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.lifecycle.Call;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user sees for a command line that does not parse, and --help and --version. */
class UsageErrorTest {
    private String stdout;
    private String stderr;

    private int run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream(), out = new ByteArrayOutputStream();
        Call self = Call.ofThisProcess();
        Call call = new Call(self.cwd(), self.env(), new PrintStream(out, true), new PrintStream(err, true), -1, null);
        try {
            return Main.execute(args, call);
        } finally {
            stderr = err.toString();
            stdout = out.toString();
        }
    }

    @Test
    void anUnknownCommandIsNamedWithTheHint() {
        assertEquals(1, run("checkpoint", "x"));
        assertEquals("jrunc: 'checkpoint' is not a jrunc command\nSee 'jrunc --help'.\n", stderr);
    }

    @Test
    void aTypoGetsASuggestion() {
        assertEquals(1, run("creat", "x"));
        assertTrue(stderr.startsWith("jrunc: 'creat' is not a jrunc command\nDid you mean 'create'? See 'jrunc --help'."), stderr);
    }

    @Test
    void anUnknownCommandIsAJsonLogLineWithLog(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("log.json");
        assertEquals(1, run("--log", log.toString(), "--log-format", "json", "checkpoint", "x"));
        assertTrue(Files.readString(log).matches(
                "\\{\"level\":\"error\",\"msg\":\"'checkpoint' is not a jrunc command\",\"time\":\"[^\"]+\"}\\n"), Files.readString(log));
        assertEquals("jrunc: 'checkpoint' is not a jrunc command\nSee 'jrunc --help'.\n", stderr);
    }

    @Test
    void anUnknownFlagNamesTheFlagAndTheCommand(@TempDir Path tmp) throws Exception {
        // create's line is one the fast path would take, but for the flag: it goes to picocli, same message.
        assertEquals(1, run("--root", tmp.toString(), "create", "--bogus", "--bundle", tmp.toString(), "x"));
        assertEquals("jrunc: unknown flag '--bogus' for 'jrunc create'\nSee 'jrunc create --help'.\n", stderr);
        assertEquals(1, run("--root", tmp.toString(), "state", "--bogus=1", "x"));
        assertEquals("jrunc: unknown flag '--bogus' for 'jrunc state'\nSee 'jrunc state --help'.\n", stderr);
        Path log = tmp.resolve("log.json");
        assertEquals(1, run("--log", log.toString(), "--log-format", "json", "--bogus", "state", "x"));
        assertTrue(stderr.startsWith("jrunc: unknown flag '--bogus' for 'jrunc'\n"), stderr);
        assertTrue(Files.readString(log).contains("\"msg\":\"unknown flag '--bogus' for 'jrunc'\""), Files.readString(log));
    }

    @Test
    void anExtraArgumentIsNamed(@TempDir Path tmp) {
        assertEquals(1, run("--root", tmp.toString(), "state", "a", "b"));
        assertEquals("jrunc: unexpected argument 'b' for 'jrunc state'\nSee 'jrunc state --help'.\n", stderr);
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, run("--help"));
        CommandLine model = CommandModel.commandLine();
        assertTrue(model.getSubcommands().size() >= 15, model.getSubcommands().keySet().toString());
        for (String name : model.getSubcommands().keySet()) {
            assertTrue(stdout.matches("(?s).*\\n  " + name + " .*"), name + " missing from --help:\n" + stdout);
        }
        assertTrue(stdout.contains("  features "), stdout);
    }

    @Test
    void versionHasACommitLine() {
        assertEquals(0, run("--version"));
        assertTrue(stdout.matches("(?s)jrunc version \\S+\\ncommit: \\S+\\nspec: .*"), stdout);
    }
}
