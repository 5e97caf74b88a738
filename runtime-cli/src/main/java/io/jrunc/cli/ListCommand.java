package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.QueryState;
import io.jrunc.spec.RuncState;
import io.jrunc.spec.SpecJson;
import io.jrunc.spec.json.GoTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", mixinStandardHelpOptions = true, description = "lists containers started by jrunc with the given root")
final class ListCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "select one of: table or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "display only container IDs")
    boolean quiet;

    @Override
    public Integer call() throws JruncException {
        // runc prints these on stderr itself (not through its log), and lists the rest.
        List<RuncState> states = new QueryState(parent.context()).list(parent.call.err()::println);
        if (quiet) {
            states.forEach(s -> parent.call.out().println(s.id()));
            return 0;
        }
        switch (format) {
            case "json" -> parent.call.out().println(SpecJson.write(states));
            case "table" -> parent.call.out().print(table(states));
            default -> throw new JruncException("invalid format option");
        }
        return 0;
    }

    /** Go's tabwriter with runc's settings: minwidth 12, padding 3, spaces. */
    static String table(List<RuncState> states) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"});
        for (RuncState s : states) {
            rows.add(new String[] {s.id(), Integer.toString(s.pid()), s.status(), s.bundle(), GoTime.format(s.created()), s.owner()});
        }
        int[] width = new int[6];
        for (String[] r : rows) for (int i = 0; i < 6; i++) width[i] = Math.max(width[i], Math.max(12, r[i].length() + 3));
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < 6; i++) {
                out.append(r[i]);
                if (i < 5) out.append(" ".repeat(width[i] - r[i].length()));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
