package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** runc's ps takes its own flags before the id only: everything after the id is ps(1)'s, "-f" and "-o" included. */
class PsArgumentsTest {
    private static PsCommand parse(String... args) {
        ParseResult r = new CommandLine(new JruncCommand()).parseArgs(args);
        return (PsCommand) r.subcommand().commandSpec().userObject();
    }

    @Test
    void flagsAfterTheIdGoToPs() {
        PsCommand ps = parse("ps", "-f", "json", "c1", "-o", "pid,comm", "-f");
        assertEquals("json", ps.format);
        assertEquals("c1", ps.id);
        assertEquals(List.of("-o", "pid,comm", "-f"), ps.psArgs);
    }

    @Test
    void noPsArgumentsMeansTheDefault() {
        PsCommand ps = parse("ps", "c1");
        assertEquals("table", ps.format);
        assertEquals(List.of(), ps.psArgs);
    }

    @Test
    void otherCommandsStillTakeOptionsAfterPositionals() {
        ParseResult r = new CommandLine(new JruncCommand()).parseArgs("kill", "c1", "KILL", "--all");
        assertTrue(((KillCommand) r.subcommand().commandSpec().userObject()).all);
    }
}
