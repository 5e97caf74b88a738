package io.jrunc.core.lifecycle;

import io.jrunc.core.compile.seccomp.SeccompCompiler;
import io.jrunc.core.host.HostView;
import io.jrunc.core.init.HelperLauncher;
import io.jrunc.core.init.SealedHelperLauncher;
import io.jrunc.core.state.StateStore;
import io.jrunc.sys.Syscalls;

/**
 * What every lifecycle operation works with: the --root store, the syscall facade, the host,
 * whether cgroups the caller may not create are skipped instead of failing (--rootless), whether
 * cgroupsPath is systemd's "slice:prefix:name" (--systemd-cgroup), and how the helper is started
 * (null: the sealed-memfd spawn, made only when a command starts one, so the light commands never
 * load it), and the libseccomp binding (null: the real one, loaded only when a config asks for a
 * seccomp filter, so the light commands never load it). The seams are sys, host, launcher and
 * seccompLoader: lifecycle tests give doubles for all of them. {@code call} is the call being served
 * (its cwd, environment, stdio and /proc entry), never the JVM's own globals: a resident planner
 * serves several calls at once.
 */
public record RuntimeContext(StateStore store, Syscalls sys, HostView host, boolean rootlessCgroups, boolean systemdCgroup,
                             HelperLauncher launcher, SeccompCompiler.Loader seccompLoader, Call call) {
    /** As root in the initial user namespace: every cgroup problem is an error. */
    public RuntimeContext(StateStore store, Syscalls sys, HostView host) {
        this(store, sys, host, false);
    }

    /** Without --systemd-cgroup: cgroupsPath is a cgroupfs path. */
    public RuntimeContext(StateStore store, Syscalls sys, HostView host, boolean rootlessCgroups) {
        this(store, sys, host, rootlessCgroups, false);
    }

    /** The helper spawned from its sealed memfd copy (SealedHelperLauncher). */
    public RuntimeContext(StateStore store, Syscalls sys, HostView host, boolean rootlessCgroups, boolean systemdCgroup) {
        this(store, sys, host, rootlessCgroups, systemdCgroup, null);
    }

    /** With the real libseccomp binding. */
    public RuntimeContext(StateStore store, Syscalls sys, HostView host, boolean rootlessCgroups, boolean systemdCgroup,
                          HelperLauncher launcher) {
        this(store, sys, host, rootlessCgroups, systemdCgroup, launcher, null);
    }

    /** For this process's own command line ({@link Call#ofThisProcess()}). */
    public RuntimeContext(StateStore store, Syscalls sys, HostView host, boolean rootlessCgroups, boolean systemdCgroup,
                          HelperLauncher launcher, SeccompCompiler.Loader seccompLoader) {
        this(store, sys, host, rootlessCgroups, systemdCgroup, launcher, seccompLoader, Call.ofThisProcess());
    }

    @Override
    public HelperLauncher launcher() {
        return launcher != null ? launcher : new SealedHelperLauncher(sys);
    }
}
