package io.jrunc.cli;

import io.jrunc.core.lifecycle.Call;
import io.jrunc.core.lifecycle.CreateOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The flags `create` and `run` share, with runc's names. */
final class CreateFlags {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "the container's name, unique on this host")
    String id;

    @Option(names = {"-b", "--bundle"}, description = "path to the root of the bundle directory, defaults to the current directory")
    Path bundle;

    @Option(names = "--console-socket", description = "path to an AF_UNIX socket which will receive a file descriptor referencing the master end of the console's pseudoterminal")
    String consoleSocket;

    @Option(names = "--pid-file", description = "specify the file to write the process id to")
    Path pidFile;

    @Option(names = "--no-pivot", description = "do not use pivot root to jail process inside rootfs")
    boolean noPivot;

    @Option(names = "--no-new-keyring", description = "do not create a new session keyring for the container")
    boolean noNewKeyring;

    @Option(names = "--preserve-fds", defaultValue = "0", description = "pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total)")
    int preserveFds;

    /** The options for {@code call}: no --bundle means the caller's cwd, paths resolve against it. */
    CreateOptions toOptions(Call call) {
        return new CreateOptions(id, bundle == null ? call.cwd() : bundle, pidFile, ConsoleSocketPath.of(consoleSocket, call),
                noPivot, noNewKeyring, preserveFds + listenFds(call));
    }

    /** runc passes systemd's socket-activation fds too ($LISTEN_FDS, the caller's), on top of --preserve-fds. */
    private static int listenFds(Call call) {
        String n = call.getenv("LISTEN_FDS");
        try {
            return n == null ? 0 : Math.max(0, Integer.parseInt(n));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
