package io.jrunc.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.jrunc.core.Debug;
import org.slf4j.LoggerFactory;

/**
 * --debug: logback, set up in code (no XML to find and parse), writing the same logrus-style lines
 * as {@link RuncLog} to the same place: --log when given, else stderr.
 */
final class DebugLogging {
    private DebugLogging() {}

    static void install(String logFile, boolean json) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        LayoutBase<ILoggingEvent> layout = new LayoutBase<>() {
            @Override
            public String doLayout(ILoggingEvent e) {
                String level = e.getLevel().toString().toLowerCase();
                return RuncLog.format(level.equals("warn") ? "warning" : level, e.getFormattedMessage(),
                        e.getInstant(), json) + "\n";
            }
        };
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (logFile != null && !logFile.isEmpty()) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logFile);
            file.setAppend(true);
            appender = file;
        } else {
            appender = new OutputStreamAppender<>();
            appender.setOutputStream(System.err);
        }
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        root.addAppender(appender);
        Debug.enable();
    }
}
