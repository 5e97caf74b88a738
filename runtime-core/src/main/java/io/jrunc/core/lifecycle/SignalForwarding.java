package io.jrunc.core.lifecycle;

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
 *
 * <p>Whatever dispositions jrunc inherited: a shell starts `jrunc run X &` with SIGINT ignored,
 * nohup ignores SIGHUP. The JVM's Signal.handle installs nothing over an ignored SIGHUP, SIGINT or
 * SIGTERM (JVM_RegisterSignal keeps them ignored for its shutdown hooks, without an error), so
 * those are set back to SIG_DFL right before their handler is installed; runc's Go runtime does
 * the same when it asks for every signal. (The container never inherits an ignored signal: the
 * helper is spawned with every signal set to SIG_DFL.)
 *
 * <p>In core, not the cli, because it makes system calls (kill, sigaction): through the
 * {@link Syscalls} it is given, so a test can see what it sent.
 */
public final class SignalForwarding implements RunContainer.SignalForwarder {
    /** The signals the JVM leaves ignored when they were ignored at start (JVM_RegisterSignal). */
    private static final java.util.Set<String> KEPT_IGNORED_BY_JVM = java.util.Set.of("HUP", "INT", "TERM");
    private static final String[] FORWARDED = {"HUP", "INT", "TERM", "USR1", "USR2", "WINCH", "ALRM", "CONT", "PIPE", "TSTP", "TTIN", "TTOU", "URG", "PWR", "SYS", "VTALRM", "PROF", "XCPU", "XFSZ"};
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private final Syscalls sys;

    public SignalForwarding(Syscalls sys) {
        this.sys = sys;
    }

    @Override
    public void forwardTo(IntSupplier pid, IntPredicate handledHere) {
        for (String name : FORWARDED) {
            try {
                Signal s = new Signal(name);
                if (KEPT_IGNORED_BY_JVM.contains(name)) unignore(sys, s.getNumber());
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

    private static void unignore(Syscalls sys, int signal) {
        try {
            sys.restoreDefaultIfIgnored(signal);
        } catch (ErrnoException e) {
            // sigaction fails only for an invalid signal: nothing to forward then
        }
    }

    @Override
    public void stop() {
        for (int i = 0; i < installed.size(); i++) Signal.handle(installed.get(i), previous.get(i));
    }
}
