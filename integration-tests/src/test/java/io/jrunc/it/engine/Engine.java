package io.jrunc.it.engine;

import java.nio.file.Path;

/**
 * What the engine classes share for the whole run: one daemon with the image imported (made once, stopped after
 * the last class), and the containerd namespace with the same image, imported on first use.
 */
public final class Engine implements AutoCloseable {
    public final DockerDaemon daemon;
    public final Docker docker;
    private boolean containerdImageReady;

    Engine(DockerDaemon daemon) {
        this.daemon = daemon;
        this.docker = daemon.client();
    }

    static Engine start(Path runtimeUnderTest) {
        DockerDaemon d = DockerDaemon.start(runtimeUnderTest);
        try {
            BusyboxImage.importInto(d.client(), d.dir);
            return new Engine(d);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** ctr against dockerd's containerd, in a namespace of the suite's own, with the image imported there. */
    public synchronized Ctr ctr() {
        Ctr ctr = new Ctr(daemon.containerdSocket(), daemon.tag);
        if (!containerdImageReady) {
            Path archive = BusyboxImage.save(docker, daemon.dir);
            Cmd.Result r = ctr.cmd("images", "import", archive.toString());
            if (r.exit() != 0) throw new IllegalStateException("ctr images import failed:\n" + r.describe());
            containerdImageReady = true;
        }
        return ctr;
    }

    @Override
    public void close() {
        daemon.close();
    }
}
