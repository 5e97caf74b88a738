package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.ExecContainer;
import io.jrunc.core.lifecycle.ExecOptions;
import io.jrunc.core.lifecycle.RuntimeContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * `exec [options] <container-id> <command> [args...]` or `exec [options] -p process.json <container-id>`,
 * with runc 1.1's flags. As in runc (Go's flag parsing), options end at the container id, so the
 * command's own options ({@code sh -c ...}) are never taken for ours. Errors are prefixed
 * "exec failed: " as runc words them; the exit code is 1 for errors, else the process's status.
 */
@Command(name = "exec", mixinStandardHelpOptions = true, modelTransformer = PsCommand.OptionsEndAtId.class,
        description = {"execute new process inside the container",
                "<command> can't be empty unless a -p flag provided."})
final class ExecCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Parameters(index = "1..*", paramLabel = "<command>", description = "the command to run and its arguments")
    List<String> command = new ArrayList<>();

    @Option(names = "--console-socket", description = "path to an AF_UNIX socket which will receive a file descriptor referencing the master end of the console's pseudoterminal")
    String consoleSocket;

    @Option(names = "--cwd", description = "current working directory in the container")
    String cwd;

    @Option(names = {"-e", "--env"}, description = "set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = {"-t", "--tty"}, description = "allocate a pseudo-TTY")
    boolean tty;

    @Option(names = {"-u", "--user"}, description = "UID (format: <uid>[:<gid>])")
    String user;

    @Option(names = {"-g", "--additional-gids"}, description = "additional gids")
    List<Long> additionalGids = new ArrayList<>();

    @Option(names = {"-p", "--process"}, description = "path to the process.json")
    Path process;

    @Option(names = {"-d", "--detach"}, description = "detach from the container's process")
    boolean detach;

    @Option(names = "--pid-file", description = "specify the file to write the process id to")
    Path pidFile;

    @Option(names = "--process-label", description = "set the asm process label for the process commonly used with selinux")
    String processLabel;

    @Option(names = "--apparmor", description = "set the apparmor profile for the process")
    String apparmor;

    @Option(names = "--no-new-privs", description = "set the no new privileges value for the process")
    boolean noNewPrivs;

    @Option(names = {"-c", "--cap"}, description = "add a capability to the bounding set for the process")
    List<String> caps = new ArrayList<>();

    @Option(names = "--preserve-fds", defaultValue = "0", description = "Pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total) (default: 0)")
    int preserveFds;

    @Option(names = "--cgroup", description = "run the process in an (existing) sub-cgroup(s). Format is [<controller>:]<cgroup>.")
    List<String> cgroups = new ArrayList<>();

    @Option(names = "--ignore-paused", description = "allow exec in a paused container")
    boolean ignorePaused;

    @Override
    public Integer call() throws JruncException {
        ExecOptions options = new ExecOptions(id, process, command, tty, cwd, env, user, additionalGids, caps, noNewPrivs,
                apparmor, processLabel, preserveFds, detach, pidFile, ConsoleSocketPath.of(consoleSocket, parent.call), ignorePaused, cgroups);
        try {
            RuntimeContext ctx = parent.context();
            return new ExecContainer(ctx, ctx.call().foreground(ctx.sys())).exec(options);
        } catch (JruncException e) {
            throw new JruncException("exec failed: " + e.getMessage(), e);
        }
    }
}
