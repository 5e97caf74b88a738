package io.jrunc.it.engine;

import io.jrunc.it.HostFs;
import io.jrunc.it.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A dockerd of the suite's own: its data root, exec root, socket, pidfile, config file and cgroup parent all live
 * under one temp directory (or are named after it), so it never meets another daemon on the machine. It runs
 * without iptables, bridge or forwarding (containers use {@code --network none}), with runc as the default runtime
 * and the runtime under test added as {@code jrunc}. dockerd starts its own managed containerd under the exec root,
 * which the containerd tests reach with ctr.
 */
public final class DockerDaemon implements AutoCloseable {
    public static final String RUNTIME = "jrunc";

    public final Path dir;
    public final Path socket;
    /** The name of this daemon's cgroup parent and of its containerd namespace for ctr: one name to clean up. */
    public final String tag;
    private final Process process;
    private boolean closed;

    private DockerDaemon(Path dir, String tag, Process process) {
        this.dir = dir;
        this.socket = dir.resolve("docker.sock");
        this.tag = tag;
        this.process = process;
    }

    public static DockerDaemon start(Path runtimeUnderTest) {
        String tag = "jrit-engine-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        Path dir;
        try {
            dir = Files.createDirectory(Path.of(System.getProperty("jrunc.it.tmp", "/tmp")).resolve(tag));
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("exec"));
            Files.createDirectories(dir.resolve("client"));
            // An empty config file: settings in /etc/docker/daemon.json (another "jrunc" runtime...) must not apply.
            Files.writeString(dir.resolve("daemon.json"), "{}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = new ArrayList<>(List.of(EngineEnv.DOCKERD.toString(),
                "--config-file", dir.resolve("daemon.json").toString(),
                "--iptables=false", "--bridge=none", "--ip-forward=false", "--ip-masq=false",
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "-H", "unix://" + dir.resolve("docker.sock"),
                "--pidfile", dir.resolve("docker.pid").toString(),
                "--exec-opt", "native.cgroupdriver=cgroupfs",
                "--cgroup-parent", "/" + tag,
                "--add-runtime", RUNTIME + "=" + runtimeUnderTest.toAbsolutePath()));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // runc, docker-init, containerd and its shim are looked up on the PATH.
        pb.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
        DockerDaemon d = new DockerDaemon(dir, tag, p);
        try {
            Docker client = d.client();
            Wait.until(Duration.ofSeconds(60), () -> !p.isAlive() || client.cmd("version", "--format", "{{.Server.Version}}").exit() == 0,
                    "dockerd to answer on " + d.socket);
            if (!p.isAlive()) throw new IllegalStateException("dockerd exited with " + p.exitValue() + ":\n" + d.logTail());
        } catch (RuntimeException | AssertionError e) {
            String log = d.logTail();
            d.close();
            throw new IllegalStateException("dockerd did not start: " + e.getMessage() + "\n" + log, e);
        }
        return d;
    }

    public Docker client() {
        return new Docker(socket, dir.resolve("client"));
    }

    /** The socket of the containerd that dockerd manages (ctr -a). */
    public Path containerdSocket() {
        return dir.resolve("exec/containerd/containerd.sock");
    }

    /** The host directory of a container's cgroup in a v1 hierarchy (this daemon uses the cgroupfs driver). */
    public Path cgroupDir(String controller, String containerId) {
        return Path.of("/sys/fs/cgroup", controller, tag, containerId);
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("dockerd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no dockerd log: " + e + ")";
        }
    }

    /**
     * Stops dockerd (TERM: it stops its containers and its containerd), KILL if it hangs; then the mounts, the
     * directory and the cgroups it left.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(45, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle c : children) {
            if (c.isAlive()) c.destroyForcibly();
        }
        HostFs.killProcessesRootedUnder(dir);
        HostFs.deleteTree(dir);
        HostFs.removeCgroups(tag);
    }
}
