package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.cli.docs.GenerateDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The man pages and the completion script come from the same model that parses. */
class GenerateDocsTest {
    @Test
    void aPagePerCommandAndACompletionScript(@TempDir Path out) throws Exception {
        GenerateDocs.main(new String[] {out.toString()});
        String top = Files.readString(out.resolve("man8/jrunc.8"));
        assertTrue(top.startsWith(".\\\" Generated"), top);
        assertTrue(top.contains(".TH JRUNC 8 "), top);
        for (String name : CommandModel.commandLine().getSubcommands().keySet()) {
            Path page = out.resolve("man8/jrunc-" + name + ".8");
            assertTrue(Files.exists(page), "no page for " + name);
            String t = Files.readString(page);
            assertTrue(t.contains(".TH JRUNC-" + name.toUpperCase() + " 8 "), t);
            assertTrue(t.contains(".SH NAME\njrunc\\-" + name + " \\- "), t);
            assertTrue(top.contains(".BR jrunc-" + name + " (8)"), name + " not listed in jrunc(8)");
        }
        String create = Files.readString(out.resolve("man8/jrunc-create.8"));
        assertTrue(create.contains(".BR \\-b \", \" \\-\\-bundle \" \" \"\\fI"), create);
        assertFalse(create.lines().anyMatch(l -> l.startsWith(".") && !l.matches("\\.(\\\\\"|TH|SH|TP|PP|B|BR|I|nf|fi)( .*)?")),
                "only the man(7) macros it means to use: " + create);

        String bash = Files.readString(out.resolve("jrunc.bash"));
        assertTrue(bash.contains("complete -F _jrunc_complete_ids -o default jrunc"), bash);
        assertTrue(bash.contains("list -q"), bash);
        for (String name : CommandModel.commandLine().getSubcommands().keySet()) assertTrue(bash.contains(name), name);
    }

    @Test
    void hiddenOptionsStayOutOfThePages(@TempDir Path out) throws Exception {
        GenerateDocs.main(new String[] {out.toString()});
        CommandLine update = CommandModel.commandLine().getSubcommands().get("update");
        assertTrue(update.getCommandSpec().findOption("--kernel-memory").hidden());
        assertFalse(Files.readString(out.resolve("man8/jrunc-update.8")).contains("kernel\\-memory"));
    }
}
