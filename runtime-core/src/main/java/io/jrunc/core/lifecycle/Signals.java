package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import java.util.Locale;
import java.util.Map;

/** Signal names and numbers as kill(1) and runc accept them: "TERM", "SIGTERM", "15". */
public final class Signals {
    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5),
            Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13),
            Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("POLL", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));

    private Signals() {}

    public static int parse(String text) throws JruncException {
        String s = text.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 64) return n;
        } else {
            String name = s.toUpperCase(Locale.ROOT);
            if (name.startsWith("SIG")) name = name.substring(3);
            Integer n = BY_NAME.get(name);
            if (n != null) return n;
            if (name.startsWith("RTMIN")) return rt(34, name.substring(5), text);
            if (name.startsWith("RTMAX")) return rt(64, name.substring(5), text);
        }
        throw new JruncException("unknown signal \"" + text + "\"");
    }

    private static int rt(int base, String offset, String text) throws JruncException {
        try {
            int n = offset.isEmpty() ? base : base + Integer.parseInt(offset);
            if (n >= 34 && n <= 64) return n;
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new JruncException("unknown signal \"" + text + "\"");
    }

    /** The name for a number, for messages ("SIGTERM"). */
    public static String name(int signal) {
        for (var e : BY_NAME.entrySet()) if (e.getValue() == signal && !e.getKey().equals("IOT") && !e.getKey().equals("POLL")) return "SIG" + e.getKey();
        return "signal " + signal;
    }
}
