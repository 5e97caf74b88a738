package io.jrunc.cli;

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
        return new CommandLine(new JruncCommand());
    }

    /** jrunc's version, as the first line of --version prints it. */
    public static String version() {
        return VersionInfo.VERSION;
    }
}
