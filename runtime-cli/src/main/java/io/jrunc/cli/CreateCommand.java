package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.CreateContainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "create", mixinStandardHelpOptions = true, description = "create a container")
final class CreateCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;
    @Mixin CreateFlags flags;

    @Override
    public Integer call() throws JruncException {
        new CreateContainer(parent.context()).create(flags.toOptions(parent.call), null);
        return 0;
    }
}
