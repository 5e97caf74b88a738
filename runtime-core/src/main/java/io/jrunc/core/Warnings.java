package io.jrunc.core;

/**
 * Warnings runc prints whatever the log level (logrus level "warning"), e.g. "Kernel memory
 * settings are ignored and will be removed". Core never prints: they go to the current call's
 * log ({@link CallLog}), which the CLI points at --log, the way runc's logrus does.
 */
public final class Warnings {
    private Warnings() {}

    public static void warn(String message) {
        CallLog.current().write("warning", message);
    }
}
