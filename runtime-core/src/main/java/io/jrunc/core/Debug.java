package io.jrunc.core;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debug messages (--debug) through slf4j. Nothing touches the logging framework unless debugging
 * was switched on: its start-up would otherwise be paid by every `state`, `start` and `kill`.
 */
public final class Debug {
    private static volatile boolean enabled;

    private Debug() {}

    public static void enable() {
        enabled = true;
    }

    public static boolean enabled() {
        return enabled;
    }

    public static void log(Supplier<String> message) {
        if (enabled) Holder.LOG.debug(message.get());
    }

    /** Something jrunc could not do and went on without (level "warning"); shown with --debug only, like the rest. */
    public static void warn(Supplier<String> message) {
        if (enabled) Holder.LOG.warn(message.get());
    }

    private static final class Holder {
        static final Logger LOG = LoggerFactory.getLogger("jrunc");
    }
}
