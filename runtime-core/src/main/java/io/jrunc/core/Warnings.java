package io.jrunc.core;

import java.util.function.Consumer;

/**
 * Warnings runc prints whatever the log level (logrus level "warning"), e.g. "Kernel memory
 * settings are ignored and will be removed". Core never prints: the CLI installs the sink that
 * writes them to --log, the way runc's logrus does.
 */
public final class Warnings {
    private static volatile Consumer<String> sink = message -> { };

    private Warnings() {}

    public static void sink(Consumer<String> newSink) {
        sink = newSink;
    }

    public static void warn(String message) {
        sink.accept(message);
    }
}
