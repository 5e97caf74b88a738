package io.jrunc.cli;

import io.jrunc.core.compile.SupportedFeatures;
import io.jrunc.core.host.HostView;
import io.jrunc.spec.SpecJson;
import io.jrunc.sys.Syscalls;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** `features`: what this jrunc supports on this host, as runc's `features` prints it (runtime-spec features.md). */
@Command(name = "features", mixinStandardHelpOptions = true, description = "show the enabled features")
final class FeaturesCommand implements Callable<Integer> {
    /** Our own annotations; runc puts org.opencontainers.runc.version here. */
    static final String VERSION_ANNOTATION = "io.jrunc.version";

    @ParentCommand JruncCommand parent;

    @Override
    public Integer call() {
        var features = SupportedFeatures.of(Syscalls.linux(), HostView.live(), Map.of(VERSION_ANNOTATION, VersionInfo.VERSION));
        parent.call.out().println(SpecJson.writeIndented(features, "    "));
        return 0;
    }
}
