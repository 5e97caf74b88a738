package io.jrunc.cli.planner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The planner's settings from the config file ({@code $JRUNC_CONFIG}, else /etc/jrunc/config;
 * docs/planner-protocol.md): {@code planner-idle-seconds}. The front end reads the same file for
 * {@code planner = on|off}; other keys are its business and ignored here. No file: the defaults.
 */
record PlannerConfig(Duration idle) {
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);

    static PlannerConfig load(Map<String, String> env) throws IOException {
        String file = env.getOrDefault("JRUNC_CONFIG", "");
        Path path = Path.of(file.isEmpty() ? "/etc/jrunc/config" : file);
        Duration idle = DEFAULT_IDLE;
        try {
            for (String line : Files.readAllLines(path)) {
                int hash = line.indexOf('#');
                if (hash >= 0) line = line.substring(0, hash);
                int eq = line.indexOf('=');
                if (eq < 0) continue;
                String key = line.substring(0, eq).trim();
                String value = line.substring(eq + 1).trim();
                if (!key.equals("planner-idle-seconds")) continue;
                try {
                    long seconds = Long.parseLong(value);
                    if (seconds > 0) idle = Duration.ofSeconds(seconds);
                } catch (NumberFormatException e) {
                    throw new IOException(path + ": planner-idle-seconds: not a number: " + value);
                }
            }
        } catch (NoSuchFileException noConfig) {
            // the defaults
        }
        return new PlannerConfig(idle);
    }
}
