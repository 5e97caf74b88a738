package io.jrunc.cli;

import io.jrunc.core.CallLog;
import io.jrunc.core.JruncException;
import io.jrunc.core.cgroup.RootlessCgroups;
import io.jrunc.core.host.CallerIds;
import io.jrunc.core.host.HostView;
import io.jrunc.core.lifecycle.Call;
import io.jrunc.core.lifecycle.RuntimeContext;
import io.jrunc.core.state.StateStore;
import io.jrunc.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level command and runc's global options. */
@Command(name = "jrunc", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = {"jrunc is an OCI container runtime with runc's command line.",
                "It runs containers from OCI bundles: a directory with config.json and a root filesystem."},
        subcommands = {SpecCommand.class, CreateCommand.class, StartCommand.class, RunCommand.class,
                StateCommand.class, KillCommand.class, DeleteCommand.class, ListCommand.class,
                PauseCommand.class, ResumeCommand.class, PsCommand.class, EventsCommand.class, UpdateCommand.class,
                ExecCommand.class,
                FeaturesCommand.class})
public final class JruncCommand implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--root", description = "root directory for storage of container state (default: " + DefaultRoot.ROOT
            + ", or $XDG_RUNTIME_DIR/jrunc for a user other than root, /tmp/jrunc-UID without XDG_RUNTIME_DIR)")
    String root;

    @Option(names = "--log", description = "set the log file to write jrunc logs to (default is stderr)")
    String logFile;

    @Option(names = "--log-format", defaultValue = "text", description = "set the log format ('text' (default), or 'json')")
    String logFormat;

    @Option(names = "--debug", description = "enable debug logging")
    boolean debug;

    @Option(names = "--systemd-cgroup", description = "enable systemd cgroup support, expects cgroupsPath to be of form \"slice:prefix:name\"")
    boolean systemdCgroup;

    @Option(names = "--rootless", arity = "0..1", fallbackValue = "true", description = "ignore cgroup permission errors ('true', 'false', or 'auto')")
    String rootless;

    /** The call this command line belongs to (set by whoever parses it: CommandModel, FastPath). */
    Call call;

    private RuncLog log;

    @Override
    public void run() {
        spec.commandLine().usage(call.out());
    }

    RuncLog log() {
        if (log == null) log = new RuncLog(logFile, logFormat, call);
        return log;
    }

    RuntimeContext context() throws JruncException {
        if (!"text".equals(logFormat) && !"json".equals(logFormat)) {
            throw new JruncException("invalid log-format: " + logFormat);
        }
        // Debug messages and warnings of this call go to its --log, and only this call's.
        CallLog.current().configure(debug, log()::line);
        if (systemdCgroup && !Files.isDirectory(Path.of("/run/systemd/system"))) {
            throw new JruncException("--systemd-cgroup: systemd is not running on this host (no /run/systemd/system)");
        }
        HostView host = HostView.live();
        int euid = (int) CallerIds.of(host).uid();
        Path state = root != null ? call.resolve(root) : DefaultRoot.of(euid, call.env());
        boolean rootlessCgroups = RootlessCgroups.enabled(rootless, euid, host.readLines(Path.of("/proc/self/uid_map")));
        return new RuntimeContext(new StateStore(state), Syscalls.linux(), host, rootlessCgroups, systemdCgroup,
                call.launcher(), null, call);
    }
}
