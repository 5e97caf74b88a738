package io.jrunc.it.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Debian's docker.io and containerd put their programs. The client is called by full path: /usr/local/bin
 * may hold a newer docker client than the 20.10 daemon this suite starts.
 */
public final class EngineEnv {
    private EngineEnv() {}

    public static final Path DOCKER = Path.of(System.getProperty("jrunc.engine.docker", "/usr/bin/docker"));
    public static final Path DOCKERD = Path.of(System.getProperty("jrunc.engine.dockerd", "/usr/sbin/dockerd"));
    public static final Path CTR = Path.of(System.getProperty("jrunc.engine.ctr", "/usr/bin/ctr"));
    /** util-linux script(1): gives {@code docker run -it} a pty on the client side. */
    public static final Path SCRIPT = Path.of("/usr/bin/script");

    /** Skips the engine classes when docker.io/containerd are absent (`make engine-deps` installs them). */
    public static void assumeInstalled() {
        for (Path p : new Path[] {DOCKER, DOCKERD, CTR, Path.of("/usr/bin/containerd"), Path.of("/usr/bin/containerd-shim-runc-v2")}) {
            assumeTrue(Files.isExecutable(p), p + " not found: apt-get install docker.io containerd (make engine-deps)");
        }
    }
}
