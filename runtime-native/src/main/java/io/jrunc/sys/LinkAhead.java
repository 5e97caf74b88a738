package io.jrunc.sys;

/**
 * Starts the JDK's one-time link work for {@link Libc} (the linker, the shared downcall handle,
 * the first call's lambda forms: docs/performance.md, "Figures behind the code") on a daemon
 * thread, so that it overlaps what a command does before its first native call instead of
 * preceding it.
 *
 * <p>A class of its own on purpose: calling a static method of {@link Libc} would initialise
 * Libc, and so create the linker, on the caller's thread. A call made before the thread is done
 * waits for it on the class-initialisation locks of Libc and its handle, so nothing is linked
 * twice. A failure is ignored here: the command's own first call meets it and reports it.
 */
final class LinkAhead {
    private LinkAhead() {}

    static void start() {
        Thread t = new Thread(LinkAhead::link, "jrunc-link-native");
        t.setDaemon(true);
        t.start();
    }

    private static void link() {
        try {
            ProcessCalls.getpid();
        } catch (Throwable ignored) {
            // reported by the first real call
        }
    }
}
