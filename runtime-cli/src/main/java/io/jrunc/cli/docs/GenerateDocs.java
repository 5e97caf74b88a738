package io.jrunc.cli.docs;

import io.jrunc.cli.CommandModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Build step (the Makefile's docs target, after the Java build): writes OUT/man8/jrunc.8, one
 * OUT/man8/jrunc-NAME.8 per command, and the bash completion script OUT/jrunc.bash, all from the
 * same picocli model that parses the command line, so they list exactly the commands and flags
 * jrunc takes.
 */
public final class GenerateDocs {
    private GenerateDocs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: GenerateDocs OUT_DIR");
        Path out = Path.of(args[0]);
        Path man8 = Files.createDirectories(out.resolve("man8"));
        CommandLine top = CommandModel.commandLine();
        String version = CommandModel.version();
        int pages = write(top, man8, version);
        Files.writeString(out.resolve("jrunc.bash"), CompletionScript.bash(top), StandardCharsets.UTF_8);
        System.out.println("GenerateDocs: " + pages + " man pages in " + man8 + ", bash completion in " + out.resolve("jrunc.bash"));
    }

    private static int write(CommandLine cl, Path man8, String version) throws IOException {
        if (cl.getCommandSpec().usageMessage().hidden()) return 0;
        String name = ManPage.pageName(cl.getCommandSpec());
        Files.writeString(man8.resolve(name + ".8"), new ManPage(cl.getCommandSpec(), version).troff(), StandardCharsets.UTF_8);
        int n = 1;
        for (CommandLine sub : cl.getSubcommands().values()) n += write(sub, man8, version);
        return n;
    }
}
