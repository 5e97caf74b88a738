package io.jrunc.core.lifecycle;

import java.nio.file.Path;
import java.util.List;

/**
 * The flags of `exec`, as runc names them. Without {@code processFile} the process is the
 * container's own config.json process with {@code args} and the overriding flags applied
 * ({@link ExecProcess}); with it, only the flags about how to run it (detach, console socket,
 * pid file, preserved fds, sub-cgroup, paused) apply.
 *
 * @param user           {@code uid[:gid]} or null
 * @param noNewPrivs     --no-new-privs was given
 * @param cgroups        --cgroup values: {@code PATH} or {@code controller[,controller]:PATH}
 */
public record ExecOptions(String id, Path processFile, List<String> args, boolean tty, String cwd, List<String> env,
                          String user, List<Long> additionalGids, List<String> caps, boolean noNewPrivs,
                          String apparmor, String processLabel, int preserveFds, boolean detach, Path pidFile,
                          String consoleSocket, boolean ignorePaused, List<String> cgroups) {
    public ExecOptions {
        args = List.copyOf(args);
        env = List.copyOf(env);
        additionalGids = List.copyOf(additionalGids);
        caps = List.copyOf(caps);
        cgroups = List.copyOf(cgroups);
    }
}
