package io.jrunc.cli.planner;

import java.util.List;
import java.util.Set;

/**
 * Which calls change nothing, so that the front end may repeat them on the cold path when the
 * planner dies during one (ACCEPTED's READ_ONLY flag), and which one streams (`events` without
 * --stats). A rough look at argv, not a parse: it only has to be right for what it calls read-only.
 */
final class ReadOnlyCalls {
    /** Global options that take a value as the next argument. */
    private static final Set<String> GLOBALS_WITH_VALUE = Set.of("--root", "--log", "--log-format");
    private static final Set<String> QUERIES = Set.of("state", "list", "ps", "features", "help");

    private ReadOnlyCalls() {}

    static boolean isReadOnly(List<String> argv) {
        int i = 0;
        for (; i < argv.size() && argv.get(i).startsWith("-"); i++) {
            String a = argv.get(i);
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-v")) return true;
            if (GLOBALS_WITH_VALUE.contains(a)) i++;
        }
        if (i >= argv.size()) return true; // no command: usage
        String command = argv.get(i);
        List<String> flags = argv.subList(i + 1, argv.size()).stream().takeWhile(a -> a.startsWith("-")).toList();
        if (flags.contains("--help") || flags.contains("-h")) return true;
        return command.equals("events") ? flags.contains("--stats") : QUERIES.contains(command);
    }

    /** `events` without --stats: it runs until the container is gone. */
    static boolean isStreaming(List<String> argv) {
        int i = 0;
        for (; i < argv.size() && argv.get(i).startsWith("-"); i++) {
            if (GLOBALS_WITH_VALUE.contains(argv.get(i))) i++;
        }
        return i < argv.size() && argv.get(i).equals("events") && !argv.subList(i + 1, argv.size()).contains("--stats");
    }
}
