package io.jrunc.core;

import java.lang.ScopedValue.CallableOp;

/**
 * Where one call's {@code --debug} messages and warnings go. A resident planner runs several
 * calls at once in one JVM, so neither the debug switch nor the log sink may be a static: each
 * call binds its own CallLog for as long as it runs ({@link #within}), and {@link Debug} and
 * {@link Warnings} write to the one of the call they run in.
 *
 * <p>Outside any call (a unit test, a thread that was not {@link #carried}) messages go nowhere.
 */
public final class CallLog {
    private static final ScopedValue<CallLog> CURRENT = ScopedValue.newInstance();

    /** The log of code that runs in no call: it cannot be configured, so nothing leaks into it. */
    private static final CallLog NONE = new CallLog();

    private volatile boolean debug;
    private volatile Sink sink = (level, message) -> { };

    /** One line to the call's log, at a logrus level ("debug", "warning", ...). */
    @FunctionalInterface
    public interface Sink {
        void line(String level, String message);
    }

    /** The log of the call the current thread works for. */
    public static CallLog current() {
        return CURRENT.orElse(NONE);
    }

    /** Runs {@code op} with {@code log} as the current call's log. */
    public static <R, X extends Throwable> R within(CallLog log, CallableOp<R, X> op) throws X {
        return ScopedValue.where(CURRENT, log).call(op);
    }

    /**
     * {@code task} bound to the current call's log, for a thread the call starts: a scoped value is
     * not inherited by a plain new thread, and the thread's messages belong to the call.
     */
    public static Runnable carried(Runnable task) {
        if (!CURRENT.isBound()) return task;
        CallLog log = CURRENT.get();
        return () -> ScopedValue.where(CURRENT, log).run(task);
    }

    /** Set once the call's flags are parsed: {@code --debug}, and the sink that writes to its {@code --log}. */
    public void configure(boolean debug, Sink sink) {
        if (this == NONE) return;
        this.sink = sink;
        this.debug = debug;
    }

    public boolean debug() {
        return debug;
    }

    void write(String level, String message) {
        sink.line(level, message);
    }
}
