package io.jrunc.it.engine;

import io.jrunc.it.Env;
import io.jrunc.it.Tools;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the shared {@link Engine} before the first engine class and keeps it in the root store, which closes it
 * (stops dockerd, removes its directory and cgroups) when the whole run ends. Test methods get it as a parameter.
 */
public final class EngineSetup implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(EngineSetup.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Env.assumeRunnable();
        EngineEnv.assumeInstalled();
        Tools.probe();
        engine(context);
    }

    private static Engine engine(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("engine", k -> Engine.start(Env.binary()), Engine.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Engine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return engine(context);
    }
}
