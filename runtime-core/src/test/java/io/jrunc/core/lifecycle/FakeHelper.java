package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import io.jrunc.core.init.HelperLauncher;
import io.jrunc.core.init.InitProcess;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The double of {@link HelperLauncher} for lifecycle tests: no jrunc-init, no namespaces. Its
 * "helper" is a real unprivileged {@code sleep} (so /proc, start times and the status derived
 * from them are real), which then plays the container's init or exec'd process. It calls the
 * listener as the real helper's reports would (spawned, init forked, each SYNC before READY),
 * can fail at any {@link Step}, and like the real one leaves no process behind when it fails or
 * is let go before {@link InitProcess#commit}.
 */
final class FakeHelper implements HelperLauncher {
    enum Step { SPAWN, SPAWNED, INIT_FORKED, SYNC, READY, COMMIT }

    /**
     * The "pty master" sent for a plan's CONSOLE op: a number no fd of this JVM has, since the
     * listener owns it (and the tests' Foreground doubles only look at it).
     */
    static final int CONSOLE_FD = 100_000;

    private final List<Process> processes = new ArrayList<>();
    private final List<Plan> plans = new ArrayList<>();
    private Step failAt;
    /** The simulated kernel's turn after a process joined cgroups or died (LifecycleFixture.kernelTick). */
    private final Runnable kernel;
    /** What an init that waits on the exec fifo does once committed: be ready to write its byte. */
    private final Consumer<Integer> onCommit;

    FakeHelper(Runnable kernel, Consumer<Integer> onCommit) {
        this.kernel = kernel;
        this.onCommit = onCommit;
    }

    FakeHelper failAt(Step step) {
        failAt = step;
        return this;
    }

    List<Plan> plans() {
        return List.copyOf(plans);
    }

    /** The processes this double started that still run. */
    synchronized List<Process> alive() {
        return processes.stream().filter(Process::isAlive).toList();
    }

    /** Ends a process we started, as a signal would, and lets the kernel notice. */
    synchronized boolean kill(long pid) {
        for (Process p : processes) {
            if (p.pid() == pid && p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                kernel.run();
                return true;
            }
        }
        return false;
    }

    @Override
    public InitProcess launch(Plan plan) {
        plans.add(plan);
        return new Run(plan);
    }

    private void check(Step step) throws JruncException {
        if (step == failAt) throw new JruncException("injected failure at " + step);
    }

    private final class Run implements InitProcess {
        private final Plan plan;
        private Process process;
        private int initPid = -1;
        private boolean committed, exec;

        Run(Plan plan) {
            this.plan = plan;
        }

        @Override
        public int runUntilReady(int preserveFds, Listener listener) throws JruncException {
            return run(listener);
        }

        @Override
        public int runUntilExec(int preserveFds, Listener listener) throws JruncException {
            exec = true;
            return run(listener);
        }

        private int run(Listener listener) throws JruncException {
            try {
                check(Step.SPAWN);
                synchronized (FakeHelper.this) {
                    process = new ProcessBuilder("sleep", "600").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    processes.add(process);
                }
                int pid = (int) process.pid();
                listener.spawned(pid);
                kernel.run();
                check(Step.SPAWNED);
                initPid = pid;
                listener.initForked(pid);
                check(Step.INIT_FORKED);
                for (Op op : plan.ops()) {
                    if (op instanceof Op.Ready) break;
                    if (op instanceof Op.Console) listener.receivedFd(0, CONSOLE_FD);
                    if (op instanceof Op.Sync sync) {
                        listener.sync(io.jrunc.core.plan.SyncPoint.of(sync.tag()), pid);
                        check(Step.SYNC);
                    }
                }
                check(Step.READY);
                return pid;
            } catch (IOException e) {
                throw new JruncException("fake helper: " + e.getMessage(), e);
            } catch (JruncException | RuntimeException e) {
                killOurs();
                throw e;
            }
        }

        @Override
        public void commit(io.jrunc.core.plan.SyncPoint point) throws JruncException {
            try {
                check(Step.COMMIT);
            } catch (JruncException e) {
                killOurs();
                throw e;
            }
            committed = true;
            onCommit.accept(initPid);
        }

        @Override
        public int initPid() {
            return initPid;
        }

        /** As the real init: one that was never committed exits when jrunc lets go of it; an exec'd process runs on. */
        @Override
        public void close() {
            if (!committed && !exec) killOurs();
        }

        private void killOurs() {
            if (process != null) kill(process.pid());
        }
    }
}
