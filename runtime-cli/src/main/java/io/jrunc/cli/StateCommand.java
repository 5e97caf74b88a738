package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.QueryState;
import io.jrunc.spec.RuncStateJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "state", mixinStandardHelpOptions = true, description = "output the state of a container")
final class StateCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Override
    public Integer call() throws JruncException {
        parent.call.out().println(RuncStateJson.writeIndented(new QueryState(parent.context()).state(id), "  "));
        return 0;
    }
}
