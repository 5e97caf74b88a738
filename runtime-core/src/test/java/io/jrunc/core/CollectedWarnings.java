package io.jrunc.core;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs each test method inside a call of its own ({@link CallLog}) and collects the warnings it
 * logs ({@link Warnings}). A call's log is a scoped value, bound only while the call runs, so a
 * test cannot install a sink up front: register this with {@code @RegisterExtension}.
 */
public final class CollectedWarnings implements InvocationInterceptor {
    public final List<String> warnings = new ArrayList<>();

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        CallLog log = new CallLog();
        log.configure(false, (level, message) -> {
            if (level.equals("warning")) warnings.add(message);
        });
        CallLog.within(log, () -> invocation.proceed());
    }
}
