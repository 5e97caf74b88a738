package io.jrunc.cli;

import io.jrunc.core.lifecycle.Call;
import io.jrunc.spec.json.GoJsonText;
import io.jrunc.spec.json.GoTime;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Log lines exactly as runc (logrus) writes them, because shims parse them: with
 * {@code --log-format json}, {@code {"level":"error","msg":"...","time":"2026-11-23T04:14:24Z"}};
 * otherwise {@code time="..." level=error msg="..."}. Errors go to --log when given (and the bare
 * message to stderr, as runc does), else to stderr. Written directly, without a logging framework,
 * so the error path of every command stays cheap; --debug lines come here too, through the call's
 * {@link io.jrunc.core.CallLog}. "stderr" and a relative --log are the call's ({@link Call}).
 */
public final class RuncLog {
    private final String logFile;
    private final Path logPath;
    private final boolean json;
    private final PrintStream err;

    public RuncLog(String logFile, String format, Call call) {
        this.logFile = logFile == null || logFile.isEmpty() ? null : logFile;
        this.logPath = this.logFile == null ? null : call.resolve(this.logFile);
        this.json = "json".equals(format);
        this.err = call.err();
    }

    public void error(String message) {
        write("error", message);
        if (logFile != null) err.println(message);
    }

    /**
     * A command line that does not parse: "jrunc: MESSAGE" on stderr for the person who typed it,
     * and the usual error line in the --log file when there is one (a shim reads that).
     */
    public void usageError(String message) {
        if (logFile != null) write("error", message);
        err.println("jrunc: " + message);
    }

    public void warn(String message) {
        write("warning", message);
    }

    /** A line at any level: the call's {@link io.jrunc.core.CallLog} sink (debug and warning lines). */
    void line(String level, String message) {
        write(level, message);
    }

    /** One formatted line without the newline. */
    static String format(String level, String message, Instant time, boolean json) {
        // Not Instant.toString: java.time's formatters are costly to build on first use in a short
        // interpreted JVM (docs/performance.md, "Figures behind the code"), and this runs on every error line, e.g. the `delete --force` of a gone container after each `docker run`.
        String t = GoTime.format(Instant.ofEpochSecond(time.getEpochSecond()));
        if (json) return "{\"level\":\"" + level + "\",\"msg\":" + quote(message) + ",\"time\":\"" + t + "\"}";
        return "time=\"" + t + "\" level=" + level + " msg=" + quote(message);
    }

    private void write(String level, String message) {
        String line = format(level, message, Instant.now(), json) + "\n";
        if (logFile == null) {
            err.print(line);
            err.flush();
            return;
        }
        try (FileOutputStream out = new FileOutputStream(logPath.toFile(), true)) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("jrunc: cannot write log " + logFile + ": " + e.getMessage());
            err.print(line);
        }
    }

    /** A JSON string literal without HTML escapes (logrus quotes text-format values the same way). */
    static String quote(String s) {
        return GoJsonText.quote(new StringBuilder(s.length() + 2), s, false).toString();
    }
}
