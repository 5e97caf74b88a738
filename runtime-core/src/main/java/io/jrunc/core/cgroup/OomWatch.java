package io.jrunc.core.cgroup;

import java.io.IOException;

/**
 * Waiting for the container's OOM kills. `events` waits on this between stats ticks; the watch also
 * tells when there is nothing left to watch (the v1 cgroup removed, the v2 cgroup emptied), which
 * is when runc's `events` ends.
 */
public interface OomWatch extends AutoCloseable {
    enum Outcome { OOM, TIMEOUT, GONE }

    /** Waits up to {@code millis} (at least one check is made). */
    Outcome await(long millis) throws IOException;

    @Override
    void close();

    /** For a container without a memory controller: no OOM events, only the end when the directory goes. */
    static OomWatch untilRemoved(CgroupDir dir) {
        return new OomWatch() {
            public Outcome await(long millis) {
                long end = System.nanoTime() + millis * 1_000_000;
                while (dir.exists()) {
                    long left = (end - System.nanoTime()) / 1_000_000;
                    if (left <= 0) return Outcome.TIMEOUT;
                    sleep(Math.min(left, 200));
                }
                return Outcome.GONE;
            }

            public void close() {
            }
        };
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
