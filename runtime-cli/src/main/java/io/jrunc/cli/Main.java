package io.jrunc.cli;

import io.jrunc.core.CallLog;
import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.Call;
import picocli.CommandLine;

/**
 * Entry point: parse, run one command, map every failure to exit code 1 and a runc-style log line.
 * The cold path runs one call, this process's own; a resident planner runs many at once through
 * {@link #execute(String[], Call)}, each with its caller's cwd, environment and stdio.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int rc = execute(args, Call.ofThisProcess());
        System.out.flush();
        System.err.flush();
        // Not System.exit: since JDK 17 it asks System.getLogger("java.lang.Runtime") whether to log
        // the exit, which starts java.util.logging and reads its configuration, a large share of a
        // light command (docs/performance.md, "Figures behind the code"). jrunc registers no shutdown
        // hooks; the streams are flushed.
        Runtime.getRuntime().halt(rc);
    }

    /** Runs one call with its own log ({@link CallLog}: --debug and --log are the call's) and returns its exit code. */
    public static int execute(String[] args, Call call) {
        try {
            return CallLog.within(new CallLog(), () -> executeInCall(args, call));
        } finally {
            call.out().flush();
            call.err().flush();
        }
    }

    private static int executeInCall(String[] args, Call call) {
        FastPath.Parsed fast = FastPath.parse(args, call);
        if (fast != null) return runParsed(fast);
        CommandLine cl = CommandModel.commandLine(call);
        JruncCommand top = cl.getCommand();
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            top.log().error(messageOf(ex));
            if (top.debug && !(ex instanceof JruncException)) ex.printStackTrace(call.err());
            return 1;
        });
        cl.setParameterExceptionHandler((ex, argv) -> {
            UsageError.Text usage = UsageError.of(ex);
            top.log().usageError(usage.message());
            call.err().println(usage.hint());
            return 1;
        });
        int rc = cl.execute(args);
        // picocli's writers (help, version) wrap the call's streams; what they buffer is the call's output.
        cl.getOut().flush();
        cl.getErr().flush();
        return rc;
    }

    /** A command the fast path parsed, with the same error handling picocli's handler gives. */
    private static int runParsed(FastPath.Parsed parsed) {
        JruncCommand top = parsed.top();
        try {
            Integer rc = parsed.command().call();
            return rc == null ? 0 : rc;
        } catch (Exception ex) {
            top.log().error(messageOf(ex));
            if (top.debug && !(ex instanceof JruncException)) ex.printStackTrace(top.call.err());
            return 1;
        }
    }

    private static String messageOf(Throwable ex) {
        if (ex instanceof JruncException) return ex.getMessage();
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
