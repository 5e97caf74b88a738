package io.jrunc.it.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** containerd's ctr against one socket and namespace. */
public final class Ctr {
    private final Path socket;
    public final String namespace;

    Ctr(Path socket, String namespace) {
        this.socket = socket;
        this.namespace = namespace;
    }

    public List<String> argv(String... args) {
        List<String> a = new ArrayList<>(List.of(EngineEnv.CTR.toString(), "-a", socket.toString(), "-n", namespace));
        a.addAll(Arrays.asList(args));
        return a;
    }

    public Cmd.Result cmd(String... args) {
        return Cmd.run(argv(args), null, Docker.TIMEOUT);
    }
}
