package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.DeleteContainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "delete", mixinStandardHelpOptions = true, description = "delete any resources held by the container often used with detached container")
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Option(names = {"-f", "--force"}, description = "Forcibly deletes the container if it is still running (uses SIGKILL)")
    boolean force;

    @Override
    public Integer call() throws JruncException {
        new DeleteContainer(parent.context()).delete(id, force);
        return 0;
    }
}
