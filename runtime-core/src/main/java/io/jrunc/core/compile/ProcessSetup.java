package io.jrunc.core.compile;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.process.CapabilityCompiler;
import io.jrunc.core.compile.process.ProcessCompiler;
import io.jrunc.core.host.HostView;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.core.plan.PlanBuilder;
import io.jrunc.core.plan.PlanBuilder.Slot;
import io.jrunc.spec.Capabilities;
import io.jrunc.spec.Process;
import io.jrunc.spec.User;
import java.nio.file.Path;
import java.util.List;

/**
 * The last steps of every plan, create's and exec's alike: the process's identity, cwd and
 * executable, with the seccomp filter among them, then the hand-over and execve.
 *
 * <p>Without no_new_privs the filter must be loaded while the helper still has CAP_SYS_ADMIN, i.e.
 * before the uid switch, and every later syscall must pass the container's own profile. Strict
 * profiles allow little (no openat2, faccessat2, close_range...), so everything that looks at the
 * filesystem or needs more than the small documented set (docs/seccomp.md, "After the filter")
 * happens before it:
 * <ol>
 * <li>scheduler, I/O priority, personality; the bounding set and keep-caps (still root);</li>
 * <li>groups, gid, umask; SETFSUID to the container's uid (file checks as the user from here,
 *     while still root), the cwd (in-root resolution and fchdir, checked as the user), the
 *     executable's lookup (checked as the user), fds closed at execve, the final CPU affinity;</li>
 * <li>the filter when no_new_privs is off ({@link SeccompCompiler});</li>
 * <li>the uid, the capability sets, no_new_privs; the filter when the agent needs its fd before READY;</li>
 * <li>the hand-over (create: READY, startContainer hooks, the exec fifo; exec: none);</li>
 * <li>the filter when no_new_privs is on, then execve by path.</li>
 * </ol>
 */
record ProcessSetup(Process process, User user, boolean setgroups, boolean userNamespace, Path rootfs, HostView host, int preserveFds) {
    /*
     * setgroups: false where setgroups(2) is denied (a rootless user namespace);
     * userNamespace: true when the process runs in a user namespace (every capability can be granted there).
     */

    /** The terminal the process gets (create adds BIND_CONSOLE after it), when process.terminal asks for one. */
    static void console(Process process, List<Op> ops) {
        if (!process.terminalOrFalse()) return;
        int rows = process.consoleSize() == null ? 0 : (int) process.consoleSize().height();
        int cols = process.consoleSize() == null ? 0 : (int) process.consoleSize().width();
        ops.add(new Op.Console(Origin.of("process.terminal"), rows, cols));
    }

    /**
     * Appends the end of the IDENTITY phase, the SECCOMP phase and the EXEC phase. The READY phase
     * (create's hand-over) is the caller's and comes between the last two. Places the slots the
     * process attributes and the seccomp filter were appended to.
     */
    void compile(PlanBuilder plan) throws ConfigException {
        List<Op> ops = plan.phase(PlanBuilder.Phase.IDENTITY);
        Capabilities caps = process.capabilities();
        String cwd = ProcessCompiler.cwd(process.cwd());
        plan.place(Slot.ATTRIBUTES_AS_ROOT, PlanBuilder.Phase.IDENTITY);
        long grantable = caps == null ? -1 : CapabilityCompiler.grantable(host, userNamespace);
        if (caps != null) CapabilityCompiler.beforeIdentity(caps, grantable, ops);
        ProcessCompiler.groups(user, setgroups, ops);
        // From here on, until SETRESUID, the filesystem sees the container's user.
        if (user.uid() != 0) ops.add(new Op.SetFsUid(Origin.of("process.user.uid", Long.toString(user.uid())), user.uid()));
        ops.add(new Op.Chdir(Origin.of("process.cwd", cwd), cwd));
        List<String> env = ProcessCompiler.environment(process.env(), user.uid(),
                host.readLines(rootfs.resolve("etc/passwd")));
        String file = process.args().getFirst();
        ops.add(new Op.ResolveExec(Origin.of("process.args[0]", file), file, ProcessCompiler.searchPath(env)));
        ops.add(new Op.CloseFds(Origin.of("--preserve-fds"), 3 + preserveFds));
        plan.place(Slot.ATTRIBUTES_FINAL, PlanBuilder.Phase.IDENTITY);

        ops = plan.phase(PlanBuilder.Phase.SECCOMP);
        plan.place(Slot.SECCOMP_AS_ROOT, PlanBuilder.Phase.SECCOMP);
        ProcessCompiler.uid(user, ops);
        if (caps != null) CapabilityCompiler.afterIdentity(caps, grantable, ops);
        if (process.noNewPrivilegesOrFalse()) ops.add(new Op.NoNewPrivs(Origin.of("process.noNewPrivileges")));
        plan.place(Slot.SECCOMP_BEFORE_READY, PlanBuilder.Phase.SECCOMP);

        ops = plan.phase(PlanBuilder.Phase.EXEC);
        plan.place(Slot.SECCOMP_BEFORE_EXEC, PlanBuilder.Phase.EXEC);
        ops.add(new Op.Execve(Origin.of("process.args", file), process.args(), env));
    }
}
