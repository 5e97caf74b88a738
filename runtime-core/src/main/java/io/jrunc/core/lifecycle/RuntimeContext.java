package io.jrunc.core.lifecycle;

import io.jrunc.core.host.HostView;
import io.jrunc.core.state.StateStore;
import io.jrunc.sys.Syscalls;

/** What every lifecycle operation works with: the --root store, the syscall facade, the host. */
public record RuntimeContext(StateStore store, Syscalls sys, HostView host) {
}
