package io.jrunc.cli;

import io.jrunc.core.lifecycle.RunContainer;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * For `run` in the foreground: the signals a user or supervisor sends to jrunc go to the
 * container's init instead, as with runc. SIGCHLD is ours; the JVM reserves a few others
 * (QUIT for thread dumps, and what it uses internally) and those are left alone.
 */
final class SignalForwarding implements RunContainer.SignalForwarder {
    private static final String[] FORWARDED = {"HUP", "INT", "TERM", "USR1", "USR2", "WINCH", "ALRM", "CONT", "PIPE", "TSTP", "TTIN", "TTOU", "URG", "PWR", "SYS", "VTALRM", "PROF", "XCPU", "XFSZ"};
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    @Override
    public void forwardTo(IntSupplier pid, IntPredicate handledHere) {
        Syscalls sys = Syscalls.linux();
        for (String name : FORWARDED) {
            try {
                Signal s = new Signal(name);
                previous.add(Signal.handle(s, sig -> {
                    if (handledHere.test(sig.getNumber())) return;
                    try {
                        sys.kill(pid.getAsInt(), sig.getNumber());
                    } catch (ErrnoException gone) {
                        // the init exited; run is about to return
                    }
                }));
                installed.add(s);
            } catch (IllegalArgumentException reservedByJvm) {
                // not ours to catch
            }
        }
    }

    @Override
    public void stop() {
        for (int i = 0; i < installed.size(); i++) Signal.handle(installed.get(i), previous.get(i));
    }
}
