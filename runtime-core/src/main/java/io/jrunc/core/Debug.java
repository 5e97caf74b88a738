package io.jrunc.core;

import java.util.function.Supplier;

/**
 * Debug messages (--debug) of the current call, written to its log ({@link CallLog}). The message
 * is not even built unless the call asked for debugging.
 */
public final class Debug {
    private Debug() {}

    public static boolean enabled() {
        return CallLog.current().debug();
    }

    public static void log(Supplier<String> message) {
        CallLog log = CallLog.current();
        if (log.debug()) log.write("debug", message.get());
    }

    /** Something jrunc could not do and went on without (level "warning"); shown with --debug only, like the rest. */
    public static void warn(Supplier<String> message) {
        CallLog log = CallLog.current();
        if (log.debug()) log.write("warning", message.get());
    }
}
