package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.KillContainer;
import io.jrunc.core.lifecycle.Signals;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "kill", mixinStandardHelpOptions = true, description = "kill sends the specified signal (default: SIGTERM) to the container's init process")
final class KillCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Parameters(index = "1", arity = "0..1", defaultValue = "SIGTERM", paramLabel = "<signal>")
    String signal;

    @Option(names = {"-a", "--all"}, description = "send the specified signal to all processes inside the container")
    boolean all;

    @Override
    public Integer call() throws JruncException {
        new KillContainer(parent.context()).kill(id, Signals.parse(signal), all);
        return 0;
    }
}
