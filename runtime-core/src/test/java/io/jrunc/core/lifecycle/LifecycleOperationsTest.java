package io.jrunc.core.lifecycle;

import static io.jrunc.core.lifecycle.LifecycleFixture.ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.JruncException;
import io.jrunc.core.state.Status;
import io.jrunc.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * create, start, kill, delete, run and exec on the seams' doubles (LifecycleFixture): the state
 * transitions, and a failure injected at every step (each helper step, each system call) after
 * which nothing is left: no state dir, no cgroup dir, no process of the helper, no open fd.
 * No root, no jrunc-init, no namespaces.
 */
class LifecycleOperationsTest {
    private static final int EIO = 5;

    @TempDir
    Path tmp;
    private LifecycleFixture f;

    @AfterEach
    void killLeftovers() {
        if (f != null) f.helper.alive().forEach(Process::destroyForcibly);
    }

    private LifecycleFixture fixture(String name) throws Exception {
        f = new LifecycleFixture(Files.createDirectories(tmp.resolve(name)));
        return f;
    }

    private static Status status(LifecycleFixture f) throws JruncException {
        return Container.load(f.ctx.store(), ID).status();
    }

    private static void assertNothingLeft(LifecycleFixture f, String when) throws Exception {
        assertEquals(List.of(), f.stateEntries(), when + ": state dir");
        assertEquals(List.of(), f.cgroupDirs(), when + ": cgroup dirs");
        assertEquals(List.of(), f.helper.alive(), when + ": processes");
        assertEquals(java.util.Set.of(), f.sys.openFds(), when + ": fds");
    }

    @Test
    void createStartPauseResumeKillDelete() throws Exception {
        LifecycleFixture f = fixture("life");
        new CreateContainer(f.ctx).create(f.createOptions(), null);
        assertEquals(Status.CREATED, status(f));
        assertTrue(Files.isDirectory(f.cgroupRoot.resolve("memory/jrunc-test/c1")));
        assertEquals(1, f.helper.alive().size());
        long init = f.helper.alive().getFirst().pid();

        new StartContainer(f.ctx).start(ID);
        assertEquals(Status.RUNNING, status(f));

        new PauseContainer(f.ctx).pause(ID);
        assertEquals(Status.PAUSED, status(f));
        new ResumeContainer(f.ctx).resume(ID);
        assertEquals(Status.RUNNING, status(f));

        new KillContainer(f.ctx).kill(ID, 15, false);
        assertEquals(List.of(15), f.sys.calls("pidfdSendSignal").stream().map(c -> c.args().get(1)).toList());
        assertEquals(List.of((int) init), f.sys.calls("pidfdOpen").stream().map(c -> c.args().getFirst()).toList());
        assertEquals(Status.STOPPED, status(f));
        JruncException again = assertThrows(JruncException.class, () -> new KillContainer(f.ctx).kill(ID, 15, false));
        assertEquals("container not running", again.getMessage());

        new DeleteContainer(f.ctx).delete(ID, false);
        assertNothingLeft(f, "after delete");
    }

    @Test
    void theLibseccompBindingComesFromTheContext() throws Exception {
        LifecycleFixture f = fixture("seccomp");
        String config = Files.readString(f.bundle.resolve("config.json"));
        Files.writeString(f.bundle.resolve("config.json"),
                config.replace("\"linux\": {", "\"linux\": {\"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\"}, "));
        List<String> loads = new java.util.ArrayList<>();
        RuntimeContext ctx = new RuntimeContext(f.ctx.store(), f.sys, f.ctx.host(), false, false, f.helper, () -> {
            loads.add("load");
            throw new io.jrunc.sys.seccomp.SeccompUnavailableException("fake-libseccomp.so", new IllegalStateException("a test double"));
        });
        JruncException e = assertThrows(JruncException.class, () -> new CreateContainer(ctx).create(f.createOptions(), null));
        assertTrue(e.getMessage().startsWith("linux.seccomp: "), e.getMessage());
        assertTrue(e.getMessage().contains("fake-libseccomp.so"), e.getMessage());
        assertEquals(List.of("load"), loads);
        assertNothingLeft(f, "after the refused seccomp profile");
    }

    @Test
    void deleteOfACreatedContainerKillsItsInit() throws Exception {
        LifecycleFixture f = fixture("created");
        new CreateContainer(f.ctx).create(f.createOptions(), null);
        new DeleteContainer(f.ctx).delete(ID, false);
        assertFalse(f.sys.calls("kill").isEmpty());
        assertNothingLeft(f, "after delete");
    }

    @Test
    void deleteOfARunningContainerNeedsForce() throws Exception {
        LifecycleFixture f = fixture("force");
        new CreateContainer(f.ctx).create(f.createOptions(), null);
        new StartContainer(f.ctx).start(ID);
        JruncException e = assertThrows(JruncException.class, () -> new DeleteContainer(f.ctx).delete(ID, false));
        assertEquals("cannot delete container c1 that is not stopped: running", e.getMessage());
        new DeleteContainer(f.ctx).delete(ID, true);
        assertNothingLeft(f, "after delete --force");
    }

    // No SYNC: create's plan has none before READY without hooks or a new user namespace (exec's has one).
    @ParameterizedTest
    @EnumSource(value = FakeHelper.Step.class, names = "SYNC", mode = EnumSource.Mode.EXCLUDE)
    void createFailingAtAnyHelperStepLeavesNothing(FakeHelper.Step step) throws Exception {
        LifecycleFixture f = fixture("step-" + step);
        f.helper.failAt(step);
        assertThrows(JruncException.class, () -> new CreateContainer(f.ctx).create(f.createOptions(), null));
        assertNothingLeft(f, "create failing at " + step);
    }

    @Test
    void createFailingAtAnySystemCallLeavesNothing() throws Exception {
        LifecycleFixture ok = fixture("calls");
        new CreateContainer(ok.ctx).create(ok.createOptions(), null);
        int calls = ok.sys.calls().size();
        ok.helper.alive().forEach(Process::destroyForcibly);
        assertTrue(calls > 0);
        for (int i = 0; i < calls; i++) {
            LifecycleFixture f = fixture("call-" + i);
            f.sys.failAtCall(i, EIO);
            try {
                new CreateContainer(f.ctx).create(f.createOptions(), null);
                // A call whose failure create tolerates: then the container is whole.
                assertEquals(Status.CREATED, status(f), "call " + i);
                new DeleteContainer(f.ctx).delete(ID, true);
            } catch (JruncException expected) {
                // fine: what matters is what is left
            }
            assertNothingLeft(f, "create failing at call " + i + " " + f.sys.calls());
        }
    }

    /** Forwards nothing, records that it was asked. */
    private static final class NoSignals implements RunContainer.SignalForwarder {
        int started, stopped;

        public void forwardTo(IntSupplier pid, IntPredicate handledHere) {
            started++;
        }

        public void stop() {
            stopped++;
        }
    }

    /** The container's process exits with {@code code} when run waits for it (the fake's waitpid). */
    private static void exitsWith(LifecycleFixture f, int code) {
        f.sys.onCall("waitpid", args -> {
            for (Process p : f.helper.alive()) {
                f.sys.script("waitpid", new Syscalls.WaitStatus((int) p.pid(), code << 8));
                f.helper.kill(p.pid());
            }
        });
    }

    @Test
    void runReturnsTheStatusAndRemovesTheContainer() throws Exception {
        LifecycleFixture f = fixture("run");
        exitsWith(f, 3);
        NoSignals signals = new NoSignals();
        assertEquals(3, new RunContainer(f.ctx, signals).run(f.createOptions(), false));
        assertEquals(1, f.sys.calls("becomeSubreaper").size());
        assertEquals(1, signals.started);
        assertEquals(1, signals.stopped);
        assertNothingLeft(f, "after run");
    }

    @Test
    void runDetachedLeavesItRunning() throws Exception {
        LifecycleFixture f = fixture("run-d");
        assertEquals(0, new RunContainer(f.ctx, new NoSignals()).run(f.createOptions(), true));
        assertEquals(Status.RUNNING, status(f));
        assertTrue(f.sys.calls("becomeSubreaper").isEmpty());
        new DeleteContainer(f.ctx).delete(ID, true);
        assertNothingLeft(f, "after delete");
    }

    @ParameterizedTest
    @EnumSource(value = FakeHelper.Step.class, names = "SYNC", mode = EnumSource.Mode.EXCLUDE)
    void runFailingAtAnyHelperStepLeavesNothing(FakeHelper.Step step) throws Exception {
        LifecycleFixture f = fixture("run-" + step);
        f.helper.failAt(step);
        NoSignals signals = new NoSignals();
        assertThrows(JruncException.class, () -> new RunContainer(f.ctx, signals).run(f.createOptions(), false));
        assertEquals(signals.started, signals.stopped);
        assertNothingLeft(f, "run failing at " + step);
    }

    /** A caller's side that cannot take the terminal: its front end hung up, say. */
    private static final class TerminalRefused implements Foreground {
        int master = -1, released;

        public void attach() {}

        public void proxyTerminal(int master) throws JruncException {
            this.master = master;
            throw new JruncException("cannot hand the terminal over");
        }

        public int[] callerWindowSize() {
            return null;
        }

        public int await(int pid, List<String> cleanup) {
            throw new AssertionError("no process to wait for after a failed create");
        }

        public void release() {
            released++;
        }
    }

    @Test
    void runWhoseTerminalCannotBeHandedOverFailsWithTheReasonAndLeavesNothing() throws Exception {
        LifecycleFixture f = fixture("run-tty");
        f.writeConfig(true);
        TerminalRefused foreground = new TerminalRefused();
        JruncException e = assertThrows(JruncException.class, () -> new RunContainer(f.ctx, foreground).run(f.createOptions(), false));
        assertEquals("cannot hand the terminal over", e.getMessage());
        assertEquals(FakeHelper.CONSOLE_FD, foreground.master);
        assertEquals(1, foreground.released);
        assertNothingLeft(f, "after a refused terminal");
    }

    private static ExecOptions exec(boolean detach) {
        return new ExecOptions(ID, null, List.of("true"), false, null, List.of(), null, List.of(), List.of(), false,
                null, null, 0, detach, null, null, false, List.of());
    }

    @Test
    void execRunsAProcessInTheContainerAndReturnsItsStatus() throws Exception {
        LifecycleFixture f = fixture("exec");
        new CreateContainer(f.ctx).create(f.createOptions(), null);
        new StartContainer(f.ctx).start(ID);
        long init = f.helper.alive().getFirst().pid();
        String state = Files.readString(f.root.resolve(ID).resolve("state.json"));
        f.sys.onCall("waitpid", args -> {
            for (Process p : f.helper.alive()) {
                if (p.pid() == init) continue;
                f.sys.script("waitpid", new Syscalls.WaitStatus((int) p.pid(), 7 << 8));
                f.helper.kill(p.pid());
            }
        });
        NoSignals signals = new NoSignals();
        assertEquals(7, new ExecContainer(f.ctx, signals).exec(exec(false)));
        assertEquals(2, f.helper.plans().size());
        assertEquals(1, signals.stopped);
        assertEquals(List.of(init), f.helper.alive().stream().map(Process::pid).toList());
        assertEquals(state, Files.readString(f.root.resolve(ID).resolve("state.json")), "exec writes no state");
        assertEquals(Status.RUNNING, status(f));
    }

    @ParameterizedTest
    @EnumSource(value = FakeHelper.Step.class, names = {"SPAWN", "SPAWNED", "INIT_FORKED", "SYNC", "READY"})
    void execFailingAtAnyHelperStepLeavesOnlyTheContainer(FakeHelper.Step step) throws Exception {
        LifecycleFixture f = fixture("exec-" + step);
        new CreateContainer(f.ctx).create(f.createOptions(), null);
        new StartContainer(f.ctx).start(ID);
        long init = f.helper.alive().getFirst().pid();
        f.helper.failAt(step);
        NoSignals signals = new NoSignals();
        assertThrows(JruncException.class, () -> new ExecContainer(f.ctx, signals).exec(exec(false)));
        assertEquals(signals.started, signals.stopped);
        assertEquals(List.of(init), f.helper.alive().stream().map(Process::pid).toList(), "only the init runs");
        assertEquals(Status.RUNNING, status(f));
    }

    @Test
    void execInAStoppedContainerIsRefused() throws Exception {
        LifecycleFixture f = fixture("exec-stopped");
        new CreateContainer(f.ctx).create(f.createOptions(), null);
        new StartContainer(f.ctx).start(ID);
        new KillContainer(f.ctx).kill(ID, 9, false);
        assertThrows(JruncException.class, () -> new ExecContainer(f.ctx, new NoSignals()).exec(exec(true)));
        assertEquals(1, f.helper.plans().size(), "no helper started");
    }
}
