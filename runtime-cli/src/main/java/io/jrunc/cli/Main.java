package io.jrunc.cli;

import io.jrunc.core.JruncException;
import picocli.CommandLine;

/** Entry point: parse, run one command, map every failure to exit code 1 and a runc-style log line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String[] args) {
        JruncCommand top = new JruncCommand();
        CommandLine cl = new CommandLine(top);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            top.log().error(messageOf(ex));
            if (top.debug && !(ex instanceof JruncException)) ex.printStackTrace();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, argv) -> {
            top.log().error(ex.getMessage());
            System.err.println("See '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 1;
        });
        return cl.execute(args);
    }

    private static String messageOf(Throwable ex) {
        if (ex instanceof JruncException) return ex.getMessage();
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
