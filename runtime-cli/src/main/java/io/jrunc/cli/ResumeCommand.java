package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.ResumeContainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true, description = {"resumes all processes that have been previously paused",
        "", "Where \"<container-id>\" is the name for the instance of the container to be resumed."})
final class ResumeCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Override
    public Integer call() throws JruncException {
        new ResumeContainer(parent.context()).resume(id);
        return 0;
    }
}
