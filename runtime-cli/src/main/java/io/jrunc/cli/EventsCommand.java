package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.ContainerEvents;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"display container events such as OOM notifications, cpu, memory, and IO usage statistics", "",
                "The events command displays information about the container. By default the",
                "information is displayed once every 5 seconds."})
final class EventsCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Option(names = "--interval", defaultValue = "5s", description = "set the stats collection interval (default: ${DEFAULT-VALUE})")
    String interval;

    @Option(names = "--stats", description = "display the container's stats then exit")
    boolean stats;

    @Override
    public Integer call() throws JruncException {
        Duration every;
        try {
            every = GoDuration.parse(interval);
        } catch (IllegalArgumentException e) {
            throw new JruncException("invalid value \"" + interval + "\" for flag -interval: " + e.getMessage());
        }
        if (every.isZero() || every.isNegative()) throw new JruncException("duration interval must be greater than 0");
        ContainerEvents events = new ContainerEvents(parent.context());
        if (stats) {
            parent.call.out().println(EventJson.line(events.stats(id)));
            return 0;
        }
        events.stream(id, every, new ContainerEvents.Listener() {
            public void event(ContainerEvents.Event event) {
                parent.call.out().println(EventJson.line(event));
                parent.call.out().flush();
            }

            public void error(String message) {
                parent.log().error(message);
            }
        });
        return 0;
    }
}
