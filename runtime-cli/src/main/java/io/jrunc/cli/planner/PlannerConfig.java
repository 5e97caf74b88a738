package io.jrunc.cli.planner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The planner's settings from the config file ({@code $JRUNC_CONFIG}, else /etc/jrunc/config;
 * docs/planner-protocol.md): {@code planner-idle-seconds}. The front end reads the same file for
 * {@code planner = on|off}; other keys are its business and ignored here. No file: the defaults.
 *
 * <p>A file that cannot be read or a bad value is reported and the default stands, never an
 * error: the planner has no stderr (the front end starts it detached), so a planner that died of
 * it would fail unseen, and every later call would start another one that dies the same way.
 */
record PlannerConfig(Duration idle) {
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
    private static final String IDLE_KEY = "planner-idle-seconds";
    /** The server counts the idle time in nanoseconds, in a long: more would overflow it. */
    private static final long MAX_IDLE_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    /** Reads the file; each problem found goes to {@code problems} (the planner's log), naming file, key and value. */
    static PlannerConfig load(Map<String, String> env, Consumer<String> problems) {
        String file = env.getOrDefault("JRUNC_CONFIG", "");
        Path path = Path.of(file.isEmpty() ? "/etc/jrunc/config" : file);
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (NoSuchFileException noConfig) {
            return new PlannerConfig(DEFAULT_IDLE);
        } catch (IOException e) {
            problems.accept("cannot read " + path + " (" + e.getMessage() + "): using the defaults");
            return new PlannerConfig(DEFAULT_IDLE);
        }
        Duration idle = DEFAULT_IDLE;
        for (String line : lines) {
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            int eq = line.indexOf('=');
            if (eq < 0 || !line.substring(0, eq).trim().equals(IDLE_KEY)) continue;
            String value = line.substring(eq + 1).trim();
            Duration seconds = idleSeconds(value);
            if (seconds != null) {
                idle = seconds;
            } else {
                problems.accept(path + ": " + IDLE_KEY + " = " + value + ": not a whole number of seconds from 1 to "
                        + MAX_IDLE_SECONDS + "; using " + idle.toSeconds());
            }
        }
        return new PlannerConfig(idle);
    }

    /** The value as a duration, or null when it is no whole number of seconds in range. */
    private static Duration idleSeconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            return seconds > 0 && seconds <= MAX_IDLE_SECONDS ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
