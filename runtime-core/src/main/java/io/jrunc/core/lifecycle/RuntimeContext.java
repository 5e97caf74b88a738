package io.jrunc.core.lifecycle;

import io.jrunc.core.host.HostView;
import io.jrunc.core.state.StateStore;
import io.jrunc.sys.Syscalls;

/**
 * What every lifecycle operation works with: the --root store, the syscall facade, the host,
 * whether cgroups the caller may not create are skipped instead of failing (--rootless), and whether
 * cgroupsPath is systemd's "slice:prefix:name" (--systemd-cgroup).
 */
public record RuntimeContext(StateStore store, Syscalls sys, HostView host, boolean rootlessCgroups, boolean systemdCgroup) {
    /** As root in the initial user namespace: every cgroup problem is an error. */
    public RuntimeContext(StateStore store, Syscalls sys, HostView host) {
        this(store, sys, host, false);
    }

    /** Without --systemd-cgroup: cgroupsPath is a cgroupfs path. */
    public RuntimeContext(StateStore store, Syscalls sys, HostView host, boolean rootlessCgroups) {
        this(store, sys, host, rootlessCgroups, false);
    }
}
