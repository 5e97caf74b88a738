package io.jrunc.cli.planner;

import io.jrunc.spec.json.GoTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The planner's own log (planner-HASH.log beside its socket): when it started and stopped, and the
 * calls it refused or dropped. A call's errors go to that call's stderr or --log, never here.
 * Logrus-like lines, started afresh by each planner; a failing write is ignored (the log is an aid).
 */
final class PlannerLog {
    private final Path file;

    PlannerLog(Path file) {
        this.file = file;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // appended to then
        }
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
