package io.jrunc.core.cgroup.v2;

import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.OomWatch;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * v2 OOM notification: memory.events counts OOM kills ("oom_kill N"); a rise is an OOM event. The
 * files are polled every 100 ms (runc waits on inotify for the same files). The watch ends when the
 * cgroup has no task left (cgroup.events "populated 0"), as runc's does, or is gone.
 */
public final class V2OomWatch implements OomWatch {
    private static final long STEP_MILLIS = 100;
    private final CgroupDir dir;
    private long kills;

    public V2OomWatch(CgroupDir dir) throws IOException {
        this.dir = dir;
        this.kills = kills();
    }

    @Override
    public Outcome await(long millis) throws IOException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (true) {
            try {
                long now = kills();
                if (now > kills) {
                    kills = now;
                    return Outcome.OOM;
                }
                if (dir.readKeyValues("cgroup.events").getOrDefault("populated", 1L) == 0) return Outcome.GONE;
            } catch (NoSuchFileException gone) {
                return Outcome.GONE;
            }
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) return Outcome.TIMEOUT;
            OomWatch.sleep(Math.min(left, STEP_MILLIS));
        }
    }

    private long kills() throws IOException {
        if (!dir.has("memory.events")) return 0;
        return dir.readKeyValues("memory.events").getOrDefault("oom_kill", 0L);
    }

    @Override
    public void close() {
    }
}
