package io.jrunc.cli;

import io.jrunc.core.JruncException;
import picocli.CommandLine;

/** Entry point: parse, run one command, map every failure to exit code 1 and a runc-style log line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int rc = execute(args);
        System.out.flush();
        System.err.flush();
        // Not System.exit: since JDK 17 it asks System.getLogger("java.lang.Runtime") whether to log
        // the exit, which starts java.util.logging and reads its configuration, a large share of a
        // light command (docs/performance.md, "Figures behind the code"). jrunc registers no shutdown
        // hooks; the streams are flushed.
        Runtime.getRuntime().halt(rc);
    }

    static int execute(String[] args) {
        FastPath.Parsed fast = FastPath.parse(args);
        if (fast != null) return runParsed(fast);
        CommandLine cl = CommandModel.commandLine();
        JruncCommand top = cl.getCommand();
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            top.log().error(messageOf(ex));
            if (top.debug && !(ex instanceof JruncException)) ex.printStackTrace();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, argv) -> {
            UsageError.Text usage = UsageError.of(ex);
            top.log().usageError(usage.message());
            System.err.println(usage.hint());
            return 1;
        });
        return cl.execute(args);
    }

    /** A command the fast path parsed, with the same error handling picocli's handler gives. */
    private static int runParsed(FastPath.Parsed parsed) {
        JruncCommand top = parsed.top();
        try {
            Integer rc = parsed.command().call();
            return rc == null ? 0 : rc;
        } catch (Exception ex) {
            top.log().error(messageOf(ex));
            if (top.debug && !(ex instanceof JruncException)) ex.printStackTrace();
            return 1;
        }
    }

    private static String messageOf(Throwable ex) {
        if (ex instanceof JruncException) return ex.getMessage();
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
