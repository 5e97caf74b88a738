package io.jrunc.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.it.Probe;
import io.jrunc.it.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the Docker and containerd classes: tagged {@code engine} (the Makefile runs them after the other
 * integration tests), given the shared daemon, and every container removed after each test.
 */
@Tag("engine")
@ExtendWith(EngineSetup.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class EngineTestBase {
    protected Engine engine;
    protected Docker docker;

    @BeforeEach
    void bindEngine(Engine e) {
        engine = e;
        docker = e.docker;
    }

    @AfterEach
    void removeContainers() {
        Cmd.Result ps = docker.cmd("ps", "-aq");
        List<String> ids = ps.out().lines().filter(s -> !s.isBlank()).toList();
        if (ids.isEmpty()) return;
        List<String> rm = new ArrayList<>(List.of("rm", "-f"));
        rm.addAll(ids);
        docker.cmd(rm.toArray(String[]::new));
    }

    /** A container name unique to this run. */
    protected static String name(String hint) {
        return "jrit-" + hint + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    }

    /** {@code docker run --rm --runtime jrunc --network none FLAGS... IMAGE probe PROBEARGS...}; must exit 0. */
    protected Probe probe(List<String> flags, String... probeArgs) {
        Cmd.Result r = docker.runJrunc(withImage(flags, "probe", probeArgs));
        assertEquals(0, r.exit(), () -> "docker run failed:\n" + r.describe() + "\ndockerd:\n" + engine.daemon.logTail());
        return Probe.parse(r.out());
    }

    /** The same container run with runc, for side-by-side checks. */
    protected Probe probeWithRunc(List<String> flags, String... probeArgs) {
        Cmd.Result r = docker.runRunc(withImage(flags, "probe", probeArgs));
        assertEquals(0, r.exit(), () -> "docker run (runc) failed:\n" + r.describe());
        return Probe.parse(r.out());
    }

    /** {@code FLAGS... IMAGE CMD ARGS...}. */
    protected static String[] withImage(List<String> flags, String cmd, String... args) {
        List<String> a = new ArrayList<>(flags);
        a.add(BusyboxImage.NAME);
        a.add(cmd);
        a.addAll(Arrays.asList(args));
        return a.toArray(String[]::new);
    }

    /** {@code docker run -d --runtime jrunc --network none --name NAME FLAGS... IMAGE sh -c SCRIPT}; returns the full id. */
    protected String startDetached(String name, List<String> flags, String script) {
        List<String> a = new ArrayList<>(List.of("run", "-d", "--runtime", DockerDaemon.RUNTIME, "--network", "none", "--name", name));
        a.addAll(flags);
        a.addAll(List.of(BusyboxImage.NAME, "sh", "-c", script));
        Cmd.Result r = docker.cmd(a.toArray(String[]::new));
        assertEquals(0, r.exit(), () -> "docker run -d failed:\n" + r.describe() + "\ndockerd:\n" + engine.daemon.logTail());
        String id = r.out().strip();
        awaitLog(name, "ready");
        return id;
    }

    /** Waits until the container's log has a line containing {@code text}. */
    protected void awaitLog(String name, String text) {
        Wait.until(Duration.ofSeconds(30), () -> docker.cmd("logs", name).out().contains(text), () -> "'" + text + "' in the log of " + name
                + ": " + docker.cmd("logs", name).describe());
    }

    /** A host file's content, stripped; fails the test when it cannot be read. */
    protected static String read(java.nio.file.Path p) {
        try {
            return java.nio.file.Files.readString(p).strip();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + p + ": " + e);
        }
    }

    protected static void assertOk(Cmd.Result r) {
        assertEquals(0, r.exit(), r::describe);
    }
}
