package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.spec.SpecDefaults;
import io.jrunc.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "spec", mixinStandardHelpOptions = true, description = "create a new specification file (config.json)")
final class SpecCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Option(names = {"-b", "--bundle"}, description = "path to the root of the bundle directory")
    Path bundle;

    @Option(names = "--rootless", description = "generate a configuration for a rootless container")
    boolean rootless;

    @Override
    public Integer call() throws JruncException {
        // --bundle is already resolved against the caller's cwd (CommandModel's Path converter).
        Path file = (bundle == null ? parent.call.cwd() : bundle).resolve("config.json");
        if (Files.exists(file)) throw new JruncException("File config.json exists. Remove it first");
        String json = SpecJson.writePretty(rootless ? SpecDefaults.rootless() : SpecDefaults.runcDefault());
        try {
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new JruncException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
