package io.jrunc.core.lifecycle;

import io.jrunc.core.cgroup.driver.CgroupDrivers;
import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.CgroupLayout;
import io.jrunc.core.cgroup.CgroupManager;
import io.jrunc.core.cgroup.CgroupPaths;
import io.jrunc.core.cgroup.ResourceRequest;
import io.jrunc.core.cgroup.RootlessCgroups;
import io.jrunc.core.cgroup.SystemdPath;
import io.jrunc.core.compile.CompileInput;
import io.jrunc.core.compile.HookCompiler;
import io.jrunc.core.compile.PlanCompiler;
import io.jrunc.core.compile.mounts.SharedMountNamespace;
import io.jrunc.core.compile.userns.UserNamespace;
import io.jrunc.core.hooks.ContainerHooks;
import io.jrunc.core.hooks.HookRunner;
import io.jrunc.core.init.IdMapWriter;
import io.jrunc.core.init.InitProcess;
import io.jrunc.core.plan.Plan;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.core.state.ContainerId;
import io.jrunc.core.state.ContainerRecord;
import io.jrunc.core.state.Footprint;
import io.jrunc.core.state.HostMounts;
import io.jrunc.core.state.ProcStat;
import io.jrunc.core.state.StateStore;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * `create`: everything up to a container whose init waits on the exec fifo. Bad input is found
 * before anything is made (parse, validate, compile); after the state dir is reserved, any failure
 * undoes what was made: the helper and init are killed, the cgroups and state dir removed.
 */
public final class CreateContainer {
    private final RuntimeContext ctx;

    public CreateContainer(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param console receives the pty master when the container has a terminal and no console
     *                socket was given (only `run` in the foreground does that; it proxies the tty)
     */
    public ContainerRecord create(CreateOptions o, IntConsumer console) throws JruncException {
        return create(o, console, () -> {});
    }

    /** What `run` in the foreground does right before the helper forks the init: become its subreaper. */
    @FunctionalInterface
    public interface BeforeInit {
        void run() throws JruncException;
    }

    /** As {@link #create(CreateOptions, IntConsumer)}, with {@code beforeInit} run just before the helper starts. */
    public ContainerRecord create(CreateOptions o, IntConsumer console, BeforeInit beforeInit) throws JruncException {
        // Everything up to the exec fifo is plain Java; the JDK links native calls meanwhile.
        ctx.sys().linkAhead();
        String id = ContainerId.check(o.id());
        BundleConfig config = BundleConfig.load(o.bundle());
        boolean terminal = config.spec().process().terminalOrFalse();
        if (terminal && o.consoleSocket() == null && console == null) {
            throw new JruncException("cannot allocate tty if jrunc will detach without setting console socket");
        }
        if (!terminal && o.consoleSocket() != null) {
            throw new JruncException("cannot use console socket if jrunc will not detach or allocate tty");
        }
        StateStore store = ctx.store();
        if (store.exists(id)) throw new JruncException("container with id exists: " + id);

        RootlessCgroups.Selection cgroupSelection = cgroupDirs(config, id);
        Map<String, Path> cgroupDirs = cgroupSelection.managed();
        Path stateDir = store.dir(id);
        Plan plan = PlanCompiler.compile(new CompileInput(id, config.spec(), config.bundle(), config.rootfs(), stateDir,
                o.noPivot(), o.preserveFds(), !o.noNewKeyring(), cgroupSelection.forMounts(), ctx.host(), ctx.seccompLoader()));
        UserNamespace userns = UserNamespace.of(config.spec(), ctx.host());
        IdMapWriter.checkTools(userns, ctx.call().env());

        ResourceRequest resources = ResourceRequest.forCreate(config.spec(), ctx.rootlessCgroups());
        Debug.log(() -> "create " + id + ": bundle " + config.bundle() + ", " + plan.ops().size() + " ops, cgroups " + cgroupDirs.values());
        ContainerHooks hooks = new ContainerHooks(new HookRunner(ctx.launcher(), ctx.call().env()), config.spec().hooks(), id,
                config.bundle(), config.spec().annotations());
        store.reserve(id);
        CgroupManager cgroups = new CgroupManager(cgroupDirs);
        InitProcess run = ctx.launcher().launch(plan);
        String created = io.jrunc.spec.json.GoTime.format(Instant.now());
        try (run) {
            // First, before any cgroup or process exists: what delete --force needs if we die (Footprint).
            recordFootprint(() -> Footprint.begin(stateDir, created, cgroupDirs));
            // Before anything is mounted: what delete must unmount when the mounts land in our namespace.
            if (SharedMountNamespace.applies(config.spec())) HostMounts.record(stateDir, config.rootfs(), mountTable());
            hooks.save(stateDir);
            config.saveCopy(stateDir);
            makeExecFifo(stateDir.resolve(StateStore.EXEC_FIFO), userns);
            cgroups.create();
            // Limits go in before the helper joins: nothing runs unlimited, and a tiny memory limit fits it.
            CgroupDrivers.of(ctx.sys(), cgroupDirs).apply(resources);
            beforeInit.run();
            int initPid = run.runUntilReady(o.preserveFds(), new InitProcess.Listener() {
                public void spawned(int helperPid) throws JruncException {
                    recordFootprint(() -> Footprint.addProcess(stateDir, "helper", helperPid));
                    cgroups.join(helperPid);
                }

                public void initForked(int initPid) throws JruncException {
                    recordFootprint(() -> Footprint.addProcess(stateDir, "init", initPid));
                }

                public void receivedFd(int tag, int fd) throws JruncException {
                    handOverConsole(o, console, fd);
                }

                public void sync(SyncPoint point, int pid) throws JruncException {
                    switch (point) {
                        case RUNTIME_HOOKS -> hooks.beforePivot(pid);
                        case ID_MAPS -> {
                            if (!userns.isNew()) throw InitProcess.Listener.unhandled(point);
                            IdMapWriter.write(pid, userns, ctx.call().env());
                        }
                        // RECORDED is answered by commit, after READY; INIT_CHECK is exec's.
                        case RECORDED, INIT_CHECK -> throw InitProcess.Listener.unhandled(point);
                    }
                }
            });
            Debug.log(() -> "create " + id + ": init " + initPid + " is waiting on the exec fifo");
            ProcStat stat = ProcStat.of(initPid);
            if (stat == null) throw new JruncException("container init " + initPid + " exited during create");
            ContainerRecord record = new ContainerRecord(config.spec().ociVersion(), id, initPid, stat.startTime(),
                    config.bundle().toString(), config.rootfs().toString(), created, "",
                    config.spec().annotations() == null ? Map.of() : config.spec().annotations(),
                    stringify(cgroupDirs), namespacePaths(config, initPid), !ownsPidNamespace(config));
            store.save(record);
            if (o.pidFile() != null) writePidFile(o.pidFile(), initPid);
            // Only now may the init outlive us: until this answer it exits if jrunc dies.
            run.commit(SyncPoint.RECORDED);
            return record;
        } catch (JruncException | RuntimeException e) {
            undo(id, cgroups, initPidOf(run));
            // runtime-spec: a failed prestart, createRuntime or createContainer hook ends the
            // lifecycle as delete would, poststop hooks included.
            if (e instanceof JruncException je && ContainerHooks.isHookFailure(je)) hooks.poststop();
            throw e;
        }
    }

    private interface FootprintWrite {
        void run() throws IOException;
    }

    private static void recordFootprint(FootprintWrite write) throws JruncException {
        try {
            write.run();
        } catch (IOException e) {
            throw new JruncException("cannot record the container's footprint: " + e.getMessage(), e);
        }
    }

    /** The container's cgroup directories; with --rootless only those the caller can create (RootlessCgroups). */
    private RootlessCgroups.Selection cgroupDirs(BundleConfig config, String id) throws JruncException {
        try {
            CgroupLayout layout = CgroupLayout.from(ctx.host().mounts());
            String path = config.spec().linux() == null ? null : config.spec().linux().cgroupsPath();
            if (ctx.systemdCgroup()) path = SystemdPath.toCgroupfs(path, id);
            // Relative to the caller's cgroup, as runc's (a planner lives in a cgroup of its own).
            List<String> own = ctx.host().readLines(ctx.call().proc().resolve("cgroup"));
            Map<String, Path> wanted = CgroupPaths.resolve(layout, path, id, own);
            if (!ctx.rootlessCgroups()) return new RootlessCgroups.Selection(wanted, wanted);
            // "." relative to the caller's own cgroup is that cgroup.
            return RootlessCgroups.select(wanted, CgroupPaths.resolve(layout, ".", id, own), path != null && !path.isEmpty());
        } catch (IOException e) {
            throw new JruncException("cannot read the host's cgroup mounts: " + e.getMessage(), e);
        }
    }

    private void makeExecFifo(Path fifo, UserNamespace userns) throws JruncException {
        try {
            ctx.sys().mkfifo(fifo.toString(), 0622);
            // mkfifo honours our umask; the init may run as any uid and must be able to open it for writing.
            Files.setPosixFilePermissions(fifo, PosixFilePermissions.fromString("rw--w--w-"));
            // As runc: the container's root owns it. Only root may give it away; rootless, 0622 is enough.
            if (userns.enabled() && !userns.rootless() && userns.hostUid(0).isPresent() && userns.hostGid(0).isPresent()) {
                Files.setAttribute(fifo, "unix:uid", (int) userns.hostUid(0).getAsLong(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(fifo, "unix:gid", (int) userns.hostGid(0).getAsLong(), LinkOption.NOFOLLOW_LINKS);
            }
        } catch (ErrnoException | IOException e) {
            throw new JruncException("cannot create exec fifo: " + e.getMessage(), e);
        }
    }

    private void handOverConsole(CreateOptions o, IntConsumer console, int fd) throws JruncException {
        if (o.consoleSocket() == null) {
            console.accept(fd);
            return;
        }
        ConsoleSocket.send(ctx.sys(), o.consoleSocket(), fd);
    }

    private static int initPidOf(InitProcess run) {
        return run.initPid();
    }

    /** Kills an init that got as far as READY, then removes its cgroups, the mounts it left in our namespace and the state dir. */
    private void undo(String id, CgroupManager cgroups, int initPid) {
        if (initPid > 0) {
            try {
                ctx.sys().kill(initPid, 9);
            } catch (ErrnoException ignored) {
                // already gone
            }
            ProcStat stat = ProcStat.of(initPid);
            if (stat != null) ProcessReaper.awaitExit(initPid, stat.startTime(), 2000);
        }
        try {
            cgroups.destroy();
        } catch (JruncException ignored) {
            // best effort: a cgroup that still has a dying task is removed by delete later
        }
        try {
            HostMounts.removeAll(ctx.store().dir(id), ctx.sys());
        } catch (JruncException e) {
            // The state dir keeps the record: `delete --force` retries the unmounts.
            Debug.log(() -> "create " + id + ": " + e.getMessage());
            return;
        }
        try {
            ctx.store().remove(id);
        } catch (JruncException ignored) {
            // nothing more can be done about a state dir we cannot remove
        }
    }

    private static io.jrunc.core.host.MountInfo mountTable() throws JruncException {
        try {
            return io.jrunc.core.host.MountInfo.ofSelf();
        } catch (IOException e) {
            throw new JruncException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
    }

    /** runc writes the pid file atomically too: a shim polling for it never reads a partial pid. */
    static void writePidFile(Path pidFile, int pid) throws JruncException {
        Path target = pidFile.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, Integer.toString(pid));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new JruncException("cannot write pid file " + target + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> stringify(Map<String, Path> dirs) {
        Map<String, String> out = new LinkedHashMap<>();
        dirs.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    /** Where each of the container's namespaces can be joined later (exec): /proc/PID/ns/TYPE. */
    private static Map<String, String> namespacePaths(BundleConfig config, int initPid) {
        Map<String, String> out = new LinkedHashMap<>();
        var linux = config.spec().linux();
        if (linux == null || linux.namespaces() == null) return out;
        Map<String, String> procName = Map.of("pid", "pid", "network", "net", "mount", "mnt", "ipc", "ipc",
                "uts", "uts", "user", "user", "cgroup", "cgroup", "time", "time");
        for (var ns : linux.namespaces()) {
            String name = procName.get(ns.type());
            if (name != null) out.put(ns.type(), "/proc/" + initPid + "/ns/" + name);
        }
        return out;
    }

    private static boolean ownsPidNamespace(BundleConfig config) {
        var linux = config.spec().linux();
        if (linux == null || linux.namespaces() == null) return false;
        return linux.namespaces().stream().anyMatch(ns -> "pid".equals(ns.type()) && (ns.path() == null || ns.path().isEmpty()));
    }

}
