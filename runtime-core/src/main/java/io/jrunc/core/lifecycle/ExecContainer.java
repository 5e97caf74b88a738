package io.jrunc.core.lifecycle;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.cgroup.CgroupManager;
import io.jrunc.core.compile.ExecInput;
import io.jrunc.core.compile.ExecPlanCompiler;
import io.jrunc.core.init.InitProcess;
import io.jrunc.core.plan.Plan;
import io.jrunc.core.state.ContainerId;
import io.jrunc.core.state.ContainerRecord;
import io.jrunc.core.state.Status;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.spec.Box;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * `exec`: a new process in a running (or created, or with --ignore-paused paused) container.
 * Everything is decided before the helper starts: the process ({@link ExecProcess}), its cgroups
 * ({@link ExecCgroups}), the plan ({@link ExecPlanCompiler}). Java puts the helper into the
 * container's cgroups before it reads the plan, as for create; at the plan's init check it makes
 * sure the container's init is still the one the record names (pid and start time), with the
 * namespace files already open. Nothing is written to the container's state, and the container's
 * lock is not held: a paused container's exec waits in the freezer until `resume`, which must get
 * through.
 *
 * <p>With --detach jrunc returns once the process has exec'd; in the foreground the call's
 * {@link Foreground} is a child subreaper (the helper's fork is re-parented to it), forwards its
 * signals to the process, proxies the terminal when there is one and no console socket, and jrunc
 * returns the process's status.
 */
public final class ExecContainer {
    private static final int SIGKILL = 9;
    private final RuntimeContext ctx;
    private final Foreground foreground;

    /** In the foreground, this JVM waits ({@link LocalForeground}). */
    public ExecContainer(RuntimeContext ctx, RunContainer.SignalForwarder signals) {
        this(ctx, new LocalForeground(ctx.sys(), signals));
    }

    public ExecContainer(RuntimeContext ctx, Foreground foreground) {
        this.ctx = ctx;
        this.foreground = foreground;
    }

    /** Returns the process's status in the foreground, 0 once a detached process has started. */
    public int exec(ExecOptions o) throws JruncException {
        Syscalls sys = ctx.sys();
        // Loading the state and the config and compiling the plan need no native call: link meanwhile.
        sys.linkAhead();
        Container container = Container.load(ctx.store(), ContainerId.check(o.id()));
        ContainerRecord record = container.record();
        Status status = container.status();
        if (status == Status.STOPPED) throw new JruncException("cannot exec in a stopped container");
        if (status == Status.PAUSED && !o.ignorePaused()) {
            throw new JruncException("cannot exec in a paused container (use --ignore-paused to override)");
        }
        BundleConfig config = BundleConfig.loadSaved(ctx.store().dir(record.id()), Path.of(record.bundle()));
        Spec spec = config.spec();
        Process process = withCallersWindowSize(o, ExecProcess.of(o, spec.process()), foreground);
        checkTerminal(o, process.terminalOrFalse());
        Spec view = new Spec(spec.ociVersion(), process, spec.root(), spec.hostname(), spec.domainname(), spec.mounts(),
                spec.hooks(), spec.annotations(), spec.linux());
        CgroupManager cgroups = new CgroupManager(ExecCgroups.resolve(record.cgroups() == null ? Map.of() : record.cgroups(), o.cgroups()));
        Plan plan = ExecPlanCompiler.compile(new ExecInput(record.id(), view, config.bundle(), Path.of(record.rootfs()),
                record.initPid(), record.namespaces() == null ? Map.of() : record.namespaces(), o.preserveFds(), ctx.host(), ctx.seccompLoader()));
        Debug.log(() -> "exec in " + record.id() + ": " + process.args() + ", " + plan.ops().size() + " ops, cgroups " + cgroups.dirs().values());

        if (!o.detach()) {
            // In the foreground, signals are ours to forward from before the process starts: one sent
            // as soon as it runs must not reach the JVM. Until its pid is known they are held (run does the same).
            try {
                foreground.attach();
            } catch (JruncException e) {
                throw new JruncException("exec: " + e.getMessage(), e);
            }
        }
        int pid;
        try (InitProcess run = ctx.launcher().launch(plan)) {
            pid = run.runUntilExec(o.preserveFds(), new InitProcess.Listener() {
                public void spawned(int helperPid) throws JruncException {
                    cgroups.join(helperPid);
                }

                public void receivedFd(int tag, int fd) throws JruncException {
                    if (o.consoleSocket() != null) ConsoleSocket.send(sys, o.consoleSocket(), fd);
                    else foreground.proxyTerminal(fd);
                }

                public void sync(SyncPoint point, int helperPid) throws JruncException {
                    switch (point) {
                        case INIT_CHECK -> {
                            // The namespace files are open now: if the init is still ours, they are its namespaces.
                            if (!container.initAlive()) throw new JruncException("cannot exec in a stopped container");
                        }
                        case ID_MAPS, RECORDED, RUNTIME_HOOKS -> throw InitProcess.Listener.unhandled(point);
                    }
                }
            });
        } catch (JruncException | RuntimeException e) {
            if (!o.detach()) foreground.release();
            throw e;
        }
        Debug.log(() -> "exec in " + record.id() + ": process " + pid);
        try {
            if (o.pidFile() != null) CreateContainer.writePidFile(o.pidFile(), pid);
        } catch (JruncException e) {
            kill(pid);
            if (!o.detach()) foreground.release();
            throw e;
        }
        if (o.detach()) return 0;

        try {
            // Nothing to clean up if the waiter outlives its asker: the container stays as it was.
            return foreground.await(pid, List.of());
        } finally {
            foreground.release();
        }
    }

    /** A proxied terminal starts with our terminal's size (unless the process says one). */
    private static Process withCallersWindowSize(ExecOptions o, Process p, Foreground foreground) {
        boolean proxied = p.terminalOrFalse() && !o.detach() && o.consoleSocket() == null;
        if (!proxied || p.consoleSize() != null) return p;
        int[] size = foreground.callerWindowSize();
        if (size == null || size[0] <= 0 || size[1] <= 0) return p;
        return new Process(p.terminal(), new Box(size[0], size[1]), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.selinuxLabel(),
                p.ioPriority(), p.scheduler(), p.execCPUAffinity());
    }

    /** runc's rules: a terminal needs someone to hold it, and a console socket needs a terminal and --detach. */
    private static void checkTerminal(ExecOptions o, boolean terminal) throws JruncException {
        if (o.detach() && terminal && o.consoleSocket() == null) {
            throw new JruncException("cannot allocate tty if jrunc will detach without setting console socket");
        }
        if ((!o.detach() || !terminal) && o.consoleSocket() != null) {
            throw new JruncException("cannot use console socket if jrunc will not detach or allocate tty");
        }
    }

    private void kill(int pid) {
        try {
            ctx.sys().kill(pid, SIGKILL);
        } catch (ErrnoException ignored) {
            // already gone
        }
    }
}
