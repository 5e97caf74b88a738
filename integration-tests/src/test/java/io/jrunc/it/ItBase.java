package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Base of every integration test: skips unless root (and the binary and busybox exist), gives each test a fresh work
 * directory under /tmp with its own {@code --root} and {@code --log}, and cleans up after it whatever happened:
 * containers deleted with --force, stray processes killed, mounts lazily unmounted, the directory removed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ItBase {
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Duration SHORT = Duration.ofSeconds(10);

    protected Path work;
    protected OciRuntime rt;
    private final List<OciRuntime> extraRuntimes = new ArrayList<>();
    private String testTag;

    @BeforeAll
    static void prerequisites() {
        Env.assumeRunnable();
        Tools.probe();
    }

    @BeforeEach
    void setUpWork(TestInfo info) throws IOException {
        work = Files.createTempDirectory(Path.of(System.getProperty("jrunc.it.tmp", "/tmp")), "jrit-");
        rt = new OciRuntime(Env.binary(), work);
        testTag = info.getTestMethod().map(m -> m.getName()).orElse("t").replaceAll("[^A-Za-z0-9]", "").toLowerCase();
        if (testTag.length() > 20) testTag = testTag.substring(0, 20);
    }

    @AfterEach
    void cleanUpWork() {
        for (OciRuntime o : extraRuntimes) o.cleanup();
        if (rt != null) rt.cleanup();
        if (work != null && !Boolean.getBoolean("jrunc.it.keep")) HostFs.deleteTree(work);
    }

    /** Another runtime (e.g. runc, for side-by-side) with its own root under this test's work dir, cleaned up too. */
    protected OciRuntime otherRuntime(Path binary, String name) {
        OciRuntime o = new OciRuntime(binary, work.resolve(name));
        try {
            Files.createDirectories(o.work());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        extraRuntimes.add(o);
        return o;
    }

    /** A container id unique to this test run (runc ids: letters, digits, _ + - .), remembered for cleanup. */
    protected String newId(String hint) {
        String id = "jrit-" + testTag + "-" + hint + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        return rt.track(id);
    }

    protected Bundle bundle() { return bundle("bundle"); }

    protected Bundle bundle(String name) { return Bundle.create(rt, work.resolve(name)); }

    protected Bundle bundle(OciRuntime r, String name) { return Bundle.create(r, r.work().resolve(name)); }

    /** {@code create --bundle DIR [extra...] ID} after writing config.json. */
    protected OciRuntime.Result create(Bundle b, String id, String... extra) {
        return create(rt, b, id, extra);
    }

    protected static OciRuntime.Result create(OciRuntime r, Bundle b, String id, String... extra) {
        b.write();
        r.track(id);
        List<String> a = new ArrayList<>(List.of("create", "--bundle", b.dir.toString()));
        a.addAll(Arrays.asList(extra));
        a.add(id);
        return r.run(a.toArray(String[]::new));
    }

    /** {@code create} that must succeed. */
    protected OciRuntime.Result createOk(Bundle b, String id, String... extra) {
        OciRuntime.Result r = create(b, id, extra);
        assertEquals(0, r.exitCode(), () -> "create failed:\n" + r.describe());
        return r;
    }

    /** {@code create} then {@code start}, both must succeed; returns the create call (its stdout file gets the container's output). */
    protected OciRuntime.Result createAndStart(Bundle b, String id, String... extra) {
        OciRuntime.Result c = createOk(b, id, extra);
        OciRuntime.Result s = rt.run("start", id);
        assertEquals(0, s.exitCode(), () -> "start failed:\n" + s.describe());
        return c;
    }

    /** Waits until the container's init has exited (state says stopped). */
    protected void awaitStopped(String id) {
        rt.awaitStatus(id, "stopped", SHORT);
    }

    /** {@code run --bundle DIR [extra...] ID} in the foreground (waits for the container). */
    protected OciRuntime.Result run(Bundle b, String id, String... extra) {
        return run(rt, b, id, extra);
    }

    protected static OciRuntime.Result run(OciRuntime r, Bundle b, String id, String... extra) {
        b.write();
        r.track(id);
        List<String> a = new ArrayList<>(List.of("run", "--bundle", b.dir.toString()));
        a.addAll(Arrays.asList(extra));
        a.add(id);
        return r.run(a.toArray(String[]::new));
    }

    /** Runs {@code probe ARGS} in a container of this bundle, asserts exit 0 and parses what it printed. */
    protected Probe probe(Bundle b, String... probeArgs) {
        List<String> args = new ArrayList<>(List.of("probe"));
        args.addAll(Arrays.asList(probeArgs));
        b.args(args.toArray(String[]::new));
        OciRuntime.Result r = run(b, newId("p"));
        assertEquals(0, r.exitCode(), () -> "container run failed:\n" + r.describe());
        return Probe.parse(r.stdout());
    }

    /** Starts {@code run --bundle DIR ID} in the background (foreground run of the runtime, not --detach). */
    protected OciRuntime.Spawned spawnRun(Bundle b, String id, String... extra) {
        b.write();
        rt.track(id);
        List<String> a = new ArrayList<>(List.of("run", "--bundle", b.dir.toString()));
        a.addAll(Arrays.asList(extra));
        a.add(id);
        return rt.spawn(OciRuntime.Opts.defaults(), a.toArray(String[]::new));
    }

    protected static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    protected static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
    }

    protected static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
