package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.RunContainer;
import io.jrunc.core.lifecycle.RuntimeContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true, description = "create and run a container")
final class RunCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;
    @Mixin CreateFlags flags;

    @Option(names = {"-d", "--detach"}, description = "detach from the container's process")
    boolean detach;

    @Override
    public Integer call() throws JruncException {
        RuntimeContext ctx = parent.context();
        return new RunContainer(ctx, ctx.call().foreground(ctx.sys())).run(flags.toOptions(parent.call), detach);
    }
}
