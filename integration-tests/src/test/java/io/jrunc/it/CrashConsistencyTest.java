package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * issue 12, item 2 (docs/reliability.md): the runtime is killed with SIGKILL at a spread of instants during
 * create, run and exec (100 trials in all). Whatever the instant:
 * <ul>
 * <li>nothing the runtime started outlives it unless its create completed: within a few seconds every
 * process left is the init of a container that `state` shows as created or running (for exec: a process in
 * the container's cgroup);</li>
 * <li>`delete --force` exits 0 and leaves nothing: no process in the cgroup the runtime was started in (every
 * process it made starts there, orphans included), no cgroup directory of the container, no state dir.</li>
 * </ul>
 * The spread is measured, not guessed: each test first times one complete create (and when its state dir
 * appeared) or exec, then kills a quarter of the creates and runs at instants spread over the whole call and the
 * rest from the moment their state dir appears to 150 % of the timing call's rest; execs from 40 % to 120 %.
 */
class CrashConsistencyTest extends ItBase {
    private static final int CREATE_TRIALS = 40, RUN_TRIALS = 30, EXEC_GROUPS = 3, EXEC_TRIALS_PER_GROUP = 10;

    @Test
    void theWaitingInitIsNamedForWhatItIs() throws IOException {
        Bundle b = bundle().args("sleep", "60");
        String id = newId("name");
        createOk(b, id);
        long pid = rt.state(id).path("pid").asLong();
        assertEquals("jrunc:[init]", Files.readString(Path.of("/proc/" + pid + "/comm")).strip(),
                "ps -o comm, top and pgrep show the waiting init as ours (runc: runc:[2:INIT])");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void killDuringCreateLeavesNothingAfterDeleteForce() {
        killDuring("create", CREATE_TRIALS);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void killDuringRunLeavesNothingAfterDeleteForce() {
        // A run is a create, a start and the wait: its container is complete at about create's time.
        killDuring("run", RUN_TRIALS);
    }

    /**
     * Most of a create's time is the JVM starting and reading the config; everything that can be left behind
     * is made in its last part, from the reservation of the state dir on. So a quarter of the trials kill at
     * instants spread over the whole call, and the rest at instants spread from the moment the state dir
     * appears to 150 % of the time the timing call took from there to its end.
     */
    private void killDuring(String command, int trials) {
        try (TrialCgroup cg = TrialCgroup.create("crash")) {
            Bundle b = bundle().args("sleep", "60");
            b.write();
            long[] timing = timedCreate(cg, b);
            long full = timing[0], tail = timing[0] - timing[1];
            int early = trials / 4;
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < trials; i++) {
                String id = newId(command.charAt(0) + "" + i);
                boolean afterReserve = i >= early;
                long delay = afterReserve ? delay(tail * 5 / 4, i - early, trials - early) : delay(full, i, early);
                trial(cg, failures, command + " #" + i, id, afterReserve, delay, command, "--bundle", b.dir.toString(), id);
            }
            assertTrue(failures.isEmpty(), failures.size() + " findings after " + trials + " killed " + command + "s (full call "
                    + full + " ms, state dir made at " + timing[1] + " ms):\n" + String.join("\n", failures));
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void killDuringExecLeavesNothingAfterDeleteForce() {
        try (TrialCgroup cg = TrialCgroup.create("crash")) {
            Bundle b = bundle().args("sleep", "600");
            b.write();
            List<String> failures = new ArrayList<>();
            for (int g = 0; g < EXEC_GROUPS; g++) {
                String id = newId("x" + g);
                Process create = start(cg, "create", "--bundle", b.dir.toString(), id);
                assertEquals(0, waitFor(create), "create of the exec container");
                OciRuntime.Result s = rt.run("start", id);
                assertEquals(0, s.exitCode(), s::describe);
                Path own = cg.dir.resolve(id);
                long full = timed(cg, "exec", id, "true");
                for (int i = 0; i < EXEC_TRIALS_PER_GROUP; i++) {
                    String what = "exec #" + (g * EXEC_TRIALS_PER_GROUP + i);
                    Process p = start(cg, "exec", id, "sleep", "600");
                    // The JVM's start is the first ~40 %: kill from there to past the end.
                    sleep(full * 2 / 5 + delay(full * 2 / 3, i, EXEC_TRIALS_PER_GROUP));
                    p.destroyForcibly();
                    waitFor(p);
                    // The helper dies with the runtime, or it has joined the container (where delete finds it).
                    if (!awaitGone(() -> cg.pids(own))) failures.add(what + ": processes outside the container's cgroup: " + cg.pids(own));
                }
                deleteAndCheck(cg, failures, "exec group " + g, id);
            }
            assertTrue(failures.isEmpty(), failures.size() + " findings after " + EXEC_GROUPS * EXEC_TRIALS_PER_GROUP
                    + " killed execs:\n" + String.join("\n", failures));
        }
    }

    /**
     * One trial: start, kill {@code delayMs} after the start (or after the state dir appeared), check nothing
     * outlives an incomplete create, delete --force, check nothing is left.
     */
    private void trial(TrialCgroup cg, List<String> failures, String what, String id, boolean afterReserve, long delayMs,
                       String... args) {
        Process p = start(cg, args);
        boolean reserved = afterReserve && awaitDir(p, rt.root().resolve(id));
        sleep(delayMs);
        p.destroyForcibly();
        waitFor(p);
        what = what + " (killed " + delayMs + " ms after " + (afterReserve ? reserved ? "the state dir appeared" : "it ended early" : "start") + ")";
        if (!awaitGone(() -> cg.pids())) {
            // Only the init of a container whose create completed may stay.
            List<Long> left = cg.pids();
            OciRuntime.Result st = rt.run("state", id);
            long init = -1;
            if (st.ok()) {
                try {
                    JsonNode n = JSON.readTree(st.stdout());
                    if (Set.of("created", "running").contains(n.path("status").asText())) init = n.path("pid").asLong();
                } catch (IOException e) {
                    failures.add(what + ": state printed no JSON: " + st.describe());
                }
            }
            long expected = init;
            if (left.stream().anyMatch(pid -> pid != expected)) {
                failures.add(what + ": orphans " + left + describe(left) + " (container init: " + init + ", state: " + st.stdout().strip() + st.stderr().strip() + ")");
            }
        }
        deleteAndCheck(cg, failures, what, id);
    }

    private void deleteAndCheck(TrialCgroup cg, List<String> failures, String what, String id) {
        OciRuntime.Result d = rt.run("delete", "--force", id);
        if (d.exitCode() != 0) failures.add(what + ": delete --force exited " + d.exitCode() + ": " + d.stderr().strip());
        if (!awaitGone(() -> cg.pids())) failures.add(what + ": processes left after delete --force: " + cg.pids() + describe(cg.pids()));
        List<Path> dirs = new ArrayList<>(HostFs.cgroupDirs("/" + id));
        if (Files.exists(cg.dir.resolve(id))) dirs.add(cg.dir.resolve(id));
        if (!dirs.isEmpty()) failures.add(what + ": cgroup dirs left after delete --force: " + dirs);
        if (Files.exists(rt.root().resolve(id))) failures.add(what + ": state dir left after delete --force: " + rt.root().resolve(id));
        // Keep later trials clean of this one's leftovers.
        for (long pid : cg.pids()) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        if (!dirs.isEmpty()) {
            sleep(100);
            HostFs.removeCgroups("/" + id);
            dirs.forEach(dir -> { try { Files.deleteIfExists(dir); } catch (IOException ignored) { } });
        }
    }

    /** Kill instants spread evenly over 0..120 % of one complete call, each jittered within its slot. */
    private static long delay(long fullMs, int i, int n) {
        double slot = 1.2 * fullMs / n;
        return (long) (slot * i + ThreadLocalRandom.current().nextDouble(slot));
    }

    /** Until {@code dir} exists (true) or the process ended (false). */
    private static boolean awaitDir(Process p, Path dir) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) return true;
            if (!p.isAlive()) return Files.isDirectory(dir);
            try {
                Thread.sleep(0, 200_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** One complete create, timed here and now: {total ms, ms until its state dir appeared}; then deleted. */
    private long[] timedCreate(TrialCgroup cg, Bundle b) {
        String id = newId("time");
        long t0 = System.nanoTime();
        Process p = start(cg, "create", "--bundle", b.dir.toString(), id);
        awaitDir(p, rt.root().resolve(id));
        long reserved = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, waitFor(p), "timing create failed");
        long full = (System.nanoTime() - t0) / 1_000_000;
        rt.run("delete", "--force", id);
        return new long[] {full, Math.min(reserved, full)};
    }

    /** How long one complete call takes here and now (ms); a container it created is deleted. */
    private long timed(TrialCgroup cg, String... args) {
        long t0 = System.nanoTime();
        Process p = start(cg, args);
        assertEquals(0, waitFor(p), () -> "timing call " + String.join(" ", args) + " failed");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (args[0].equals("create")) rt.run("delete", "--force", args[args.length - 1]);
        return ms;
    }

    private Process start(TrialCgroup cg, String... args) {
        for (int i = 0; i < args.length; i++) if (args[i].startsWith("jrit-")) rt.track(args[i]);
        try {
            Path calls = Files.createDirectories(work.resolve("crash-calls"));
            return new ProcessBuilder(cg.wrap(rt.command(OciRuntime.Opts.defaults(), args)))
                    .redirectInput(new java.io.File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(calls.resolve("stdout").toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(calls.resolve("stderr").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int waitFor(Process p) {
        return Wait.exitCode(p, java.time.Duration.ofSeconds(60));
    }

    /** Whether the processes listed are all gone within 3 s. */
    private static boolean awaitGone(java.util.function.Supplier<List<Long>> pids) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (pids.get().isEmpty()) return true;
            sleep(20);
        }
        return pids.get().isEmpty();
    }

    /** pid: comm, state and parent of each, for the failure message. */
    private static String describe(List<Long> pids) {
        StringBuilder out = new StringBuilder();
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                int close = stat.lastIndexOf(')');
                String[] rest = stat.substring(close + 2).split(" ");
                out.append(" [").append(pid).append(' ').append(stat, stat.indexOf('(') , close + 1).append(' ').append(rest[0])
                        .append(" ppid ").append(rest[1]).append(']');
            } catch (IOException | RuntimeException gone) {
                out.append(" [").append(pid).append(" gone]");
            }
        }
        return out.toString();
    }
}
