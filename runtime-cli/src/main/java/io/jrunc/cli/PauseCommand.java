package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.PauseContainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "pause", mixinStandardHelpOptions = true, description = {"pause suspends all processes inside the container",
        "", "Where \"<container-id>\" is the name for the instance of the container to be paused."})
final class PauseCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Override
    public Integer call() throws JruncException {
        new PauseContainer(parent.context()).pause(id);
        return 0;
    }
}
