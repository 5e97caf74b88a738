package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.StartContainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "start", mixinStandardHelpOptions = true, description = "executes the user defined process in a created container")
final class StartCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Override
    public Integer call() throws JruncException {
        new StartContainer(parent.context()).start(id);
        return 0;
    }
}
