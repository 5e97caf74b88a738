package io.jrunc.core.state;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Per-file locks between the threads of this process, taken before the file lock of
 * {@link StateStore#lock}. A resident planner serves calls on many threads, and a file lock
 * excludes other processes only: two calls on one container in one JVM would otherwise both get
 * in (or one would fail with OverlappingFileLockException). Fair, so calls on one container go in
 * the order they came. An entry lives only while someone holds or waits for it.
 */
final class ProcessLocks {
    private static final Map<Path, Entry> LOCKS = new HashMap<>();

    private static final class Entry {
        final Semaphore semaphore = new Semaphore(1, true);
        int users; // holders and waiters; guarded by LOCKS
    }

    private ProcessLocks() {}

    /** Waits until no other thread of this process holds {@code file}'s lock; close to release. */
    static AutoCloseable acquire(Path file) {
        Path key = file.normalize();
        Entry e;
        synchronized (LOCKS) {
            e = LOCKS.computeIfAbsent(key, k -> new Entry());
            e.users++;
        }
        e.semaphore.acquireUninterruptibly();
        Entry held = e;
        return () -> {
            held.semaphore.release();
            synchronized (LOCKS) {
                if (--held.users == 0) LOCKS.remove(key);
            }
        };
    }
}
