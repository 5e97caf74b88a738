package io.jrunc.cli;

import io.jrunc.core.lifecycle.Call;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The picocli model of every command, for what is made from it outside a run: the man pages and the
 * completion script (cli.docs.GenerateDocs), and the tests. Not on Main: the java launcher looks up
 * main() by reflection over Main's declared methods, which loads every type in their signatures, so a
 * method of Main returning CommandLine would load picocli in every command, the fast path's too
 * (ClassLoadBudgetTest).
 */
public final class CommandModel {
    private CommandModel() {}

    public static CommandLine commandLine() {
        return commandLine(Call.ofThisProcess());
    }

    /**
     * The model for one call: path options resolve against the caller's cwd, and help, usage and
     * version go to the caller's stdout and stderr.
     */
    public static CommandLine commandLine(Call call) {
        JruncCommand top = new JruncCommand();
        top.call = call;
        CommandLine cl = new CommandLine(top);
        cl.registerConverter(Path.class, call::resolve);
        cl.setOut(new PrintWriter(call.out(), true));
        cl.setErr(new PrintWriter(call.err(), true));
        return cl;
    }

    /** jrunc's version, as the first line of --version prints it. */
    public static String version() {
        return VersionInfo.VERSION;
    }
}
