package io.jrunc.cli.planner;

import io.jrunc.spec.json.GoTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The planner's own log (planner-HASH.log beside its socket): when it started and stopped, and the
 * calls it refused or dropped. A call's errors go to that call's stderr or --log, never here.
 * Logrus-like lines, started afresh by each planner; a failing write is ignored (the log is an aid).
 */
final class PlannerLog {
    private final Path file;

    /** Starts {@code file} afresh; the previous planner's log becomes FILE.1 (replacing the one before). */
    PlannerLog(Path file) {
        this.file = file;
        try {
            // One generation kept: why the last planner retired (a reinstall, an Error in a call)
            // is what one looks for once a new one has started, and that start is the first call after.
            Files.move(file, previous(file), StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException firstPlanner) {
            // nothing to keep
        } catch (IOException ignored) {
            // appended to then
        }
    }

    static Path previous(Path file) {
        return file.resolveSibling(file.getFileName() + ".1");
    }

    synchronized void info(String message) {
        String time = GoTime.format(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
        String line = "time=\"" + time + "\" msg=\"" + message.replace("\"", "'") + "\"\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // nowhere else to say it
        }
    }
}
