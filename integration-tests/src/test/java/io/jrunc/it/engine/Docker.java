package io.jrunc.it.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Debian's docker client (20.10) talking to the suite's own daemon, with a client config dir of its own. */
public final class Docker {
    public static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path socket;
    private final Path configDir;

    Docker(Path socket, Path configDir) {
        this.socket = socket;
        this.configDir = configDir;
    }

    /** The command line that runs {@code docker ARGS} against this daemon. */
    public List<String> argv(String... args) {
        List<String> a = new ArrayList<>(List.of(EngineEnv.DOCKER.toString(), "-H", "unix://" + socket));
        a.addAll(Arrays.asList(args));
        return a;
    }

    public Cmd.Result cmd(String... args) {
        return Cmd.run(argv(args), null, TIMEOUT, env());
    }

    public Cmd.Result cmdWithInput(String stdin, String... args) {
        return Cmd.run(argv(args), stdin, TIMEOUT, env());
    }

    /** {@code docker run --rm --runtime jrunc --network none ARGS}: the shape of nearly every test. */
    public Cmd.Result runJrunc(String... args) {
        return cmd(runArgs(DockerDaemon.RUNTIME, args));
    }

    /** The same with the default runtime (runc), for side-by-side checks. */
    public Cmd.Result runRunc(String... args) {
        return cmd(runArgs("runc", args));
    }

    static String[] runArgs(String runtime, String... args) {
        List<String> a = new ArrayList<>(List.of("run", "--rm", "--runtime", runtime, "--network", "none"));
        a.addAll(Arrays.asList(args));
        return a.toArray(String[]::new);
    }

    /** {@code docker inspect -f FORMAT NAME}, trimmed. */
    public String inspect(String name, String format) {
        Cmd.Result r = cmd("inspect", "-f", format, name);
        if (r.exit() != 0) throw new AssertionError("docker inspect failed:\n" + r.describe());
        return r.out().strip();
    }

    Map<String, String> env() {
        return Map.of("DOCKER_CONFIG", configDir.toString(), "PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    }
}
