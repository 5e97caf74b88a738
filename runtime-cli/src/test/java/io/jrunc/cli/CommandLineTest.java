package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.lifecycle.Call;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and error mapping, through Main.execute, without creating containers. */
class CommandLineTest {
    private String stderr;

    private int run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Call self = Call.ofThisProcess();
        Call call = new Call(self.cwd(), self.env(), System.out, new PrintStream(err, true), -1, null);
        try {
            return Main.execute(args, call);
        } finally {
            stderr = err.toString();
        }
    }

    @Test
    void unknownContainerIsExitOneWithRuncsMessageAndAJsonLogLine(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("log.json");
        assertEquals(1, run("--root", tmp.toString(), "--log", log.toString(), "--log-format", "json", "state", "nope"));
        assertTrue(Files.readString(log).matches("\\{\"level\":\"error\",\"msg\":\"container does not exist\",\"time\":\"[^\"]+\"}\\n"));
        assertEquals("container does not exist\n", stderr);
    }

    @Test
    void missingArgumentIsExitOne(@TempDir Path tmp) {
        assertEquals(1, run("--root", tmp.toString(), "state"));
        assertEquals("jrunc: Missing required parameter: '<container-id>'\nSee 'jrunc state --help'.\n", stderr);
    }

    @Test
    void badIdIsRefusedBeforeAnythingIsMade(@TempDir Path tmp) {
        assertEquals(1, run("--root", tmp.resolve("root").toString(), "create", "--bundle", tmp.toString(), "../escape"));
        assertTrue(stderr.contains("invalid id format: ../escape"), stderr);
        assertFalse(Files.exists(tmp.resolve("root")));
        assertFalse(Files.exists(tmp.resolve("escape")));
    }

    @Test
    void specWritesConfigOnceAndRefusesToOverwrite(@TempDir Path tmp) throws Exception {
        assertEquals(0, run("spec", "--bundle", tmp.toString()));
        String json = Files.readString(tmp.resolve("config.json"));
        assertTrue(json.startsWith("{\n\t\"ociVersion\": \"1.0.2-dev\","), json);
        assertEquals(1, run("spec", "--bundle", tmp.toString()));
        assertTrue(stderr.contains("File config.json exists. Remove it first"));
    }

    @Test
    void invalidLogFormatIsRefused(@TempDir Path tmp) {
        assertEquals(1, run("--root", tmp.toString(), "--log-format", "xml", "list"));
        assertTrue(stderr.contains("invalid log-format: xml"));
    }

    @Test
    void listOfAnEmptyRootPrintsTheHeaderOnly(@TempDir Path tmp) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            assertEquals(0, run("--root", tmp.resolve("none").toString(), "list", "-q"));
        } finally {
            System.setOut(saved);
        }
        assertEquals("", out.toString());
    }
}
