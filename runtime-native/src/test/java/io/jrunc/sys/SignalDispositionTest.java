package io.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Why `run` and `exec` call {@link Syscalls#restoreDefaultIfIgnored} before catching a signal:
 * the JVM installs no handler over an ignored SIGINT (nor SIGHUP, SIGTERM) and says nothing, so a
 * `jrunc run X &` from a shell, which starts with SIGINT ignored, would never forward it.
 * Dispositions are read from /proc/self/status (SigIgn, SigCgt), as the kernel holds them.
 */
class SignalDispositionTest {
    private static final int SIGINT = 2, SIGUSR2 = 12;
    private final Syscalls sys = Syscalls.linux();

    @Test
    void jvmInstallsNothingOverAnIgnoredSigintUntilItIsSetBackToDefault() throws Exception {
        Signal sigint = new Signal("INT");
        SignalHandler before = Signal.handle(sigint, SignalHandler.SIG_IGN);
        try {
            assertTrue(ignored(SIGINT), "SIGINT ignored, as a shell's background job has it");
            Signal.handle(sigint, s -> {});
            assertTrue(ignored(SIGINT) && !caught(SIGINT), "the JVM kept SIGINT ignored and installed no handler");

            assertTrue(sys.restoreDefaultIfIgnored(SIGINT), "it was ignored");
            assertFalse(ignored(SIGINT), "SIG_DFL now");
            Signal.handle(sigint, s -> {});
            assertTrue(caught(SIGINT), "now the JVM installs the handler");
        } finally {
            Signal.handle(sigint, before);
        }
    }

    @Test
    void aSignalThatIsNotIgnoredIsLeftAsItIs() throws Exception {
        Signal usr2 = new Signal("USR2");
        SignalHandler before = Signal.handle(usr2, s -> {});
        try {
            assertTrue(caught(SIGUSR2));
            assertFalse(sys.restoreDefaultIfIgnored(SIGUSR2), "not ignored");
            assertTrue(caught(SIGUSR2), "the handler is still installed");
        } finally {
            Signal.handle(usr2, before);
        }
    }

    private static boolean ignored(int sig) throws Exception {
        return bit("SigIgn:", sig);
    }

    private static boolean caught(int sig) throws Exception {
        return bit("SigCgt:", sig);
    }

    private static boolean bit(String field, int sig) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) return (Long.parseUnsignedLong(line.substring(field.length()).trim(), 16) >>> (sig - 1) & 1) != 0;
        }
        throw new AssertionError(field + " not in /proc/self/status");
    }
}
