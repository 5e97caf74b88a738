package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.ContainerProcesses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * `ps [--format table|json] <container-id> [ps options]`. As in runc (Go's flag parsing), options
 * end at the container id: everything after it goes to ps(1), "-o pid,comm" included.
 */
@Command(name = "ps", mixinStandardHelpOptions = true, modelTransformer = PsCommand.OptionsEndAtId.class,
        description = "ps displays the processes running inside a container")
final class PsCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "select one of: table or json (default: \"${DEFAULT-VALUE}\")")
    String format;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Parameters(index = "1..*", paramLabel = "[ps options]", description = "passed to ps(1) (default: -ef)")
    List<String> psArgs = new ArrayList<>();

    @Override
    public Integer call() throws JruncException {
        ContainerProcesses processes = new ContainerProcesses(parent.context());
        switch (format) {
            case "json" -> parent.call.out().println(json(processes.pids(id)));
            case "table" -> parent.call.out().print(processes.table(id, psArgs));
            default -> {
                processes.pids(id);
                throw new JruncException("invalid format option");
            }
        }
        return 0;
    }

    /** Go encodes runc's empty (nil) pid slice as null. */
    static String json(List<Integer> pids) {
        if (pids.isEmpty()) return "null";
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < pids.size(); i++) b.append(i > 0 ? "," : "").append(pids.get(i));
        return b.append(']').toString();
    }

    /** Makes the first positional parameter (the id) end option parsing for this command. */
    static final class OptionsEndAtId implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.parser().stopAtPositional(true);
            return spec;
        }
    }
}
