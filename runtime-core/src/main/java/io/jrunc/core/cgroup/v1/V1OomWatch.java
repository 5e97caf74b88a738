package io.jrunc.core.cgroup.v1;

import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupWriteException;
import io.jrunc.core.cgroup.OomWatch;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.EventFdFlags;
import io.jrunc.sys.Syscalls.OpenFlags;
import io.jrunc.sys.Syscalls.PollEvents;
import java.io.IOException;

/**
 * v1 OOM notification: an eventfd registered for memory.oom_control through cgroup.event_control
 * ("EVENTFD OOM_CONTROL_FD"); the kernel bumps the counter on every OOM in the cgroup, and also
 * once when the cgroup is removed, which is told apart by cgroup.event_control being gone.
 */
public final class V1OomWatch implements OomWatch {
    private final Syscalls sys;
    private final CgroupDir dir;
    private final int eventFd;
    private final int oomControlFd;

    private V1OomWatch(Syscalls sys, CgroupDir dir, int eventFd, int oomControlFd) {
        this.sys = sys;
        this.dir = dir;
        this.eventFd = eventFd;
        this.oomControlFd = oomControlFd;
    }

    public static V1OomWatch open(Syscalls sys, CgroupDir dir) throws IOException {
        int efd = -1, ofd = -1;
        try {
            efd = sys.eventFd(EventFdFlags.EFD_CLOEXEC);
            ofd = sys.open(dir.file("memory.oom_control").toString(), OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
            dir.write("cgroup.event_control", efd + " " + ofd);
            return new V1OomWatch(sys, dir, efd, ofd);
        } catch (ErrnoException | CgroupWriteException e) {
            closeQuietly(sys, efd);
            closeQuietly(sys, ofd);
            throw new IOException("cannot watch " + dir.path() + " for OOM: " + e.getMessage(), e);
        }
    }

    @Override
    public Outcome await(long millis) throws IOException {
        try {
            int revents = sys.poll(eventFd, PollEvents.POLLIN, (int) Math.max(0, Math.min(millis, Integer.MAX_VALUE)));
            if (revents == 0) return Outcome.TIMEOUT;
            byte[] counter = new byte[8];
            sys.read(eventFd, counter, 0, 8);
        } catch (ErrnoException e) {
            throw new IOException("OOM eventfd: " + e.getMessage(), e);
        }
        return dir.has("cgroup.event_control") ? Outcome.OOM : Outcome.GONE;
    }

    @Override
    public void close() {
        closeQuietly(sys, eventFd);
        closeQuietly(sys, oomControlFd);
    }

    private static void closeQuietly(Syscalls sys, int fd) {
        if (fd < 0) return;
        try {
            sys.close(fd);
        } catch (ErrnoException ignored) {
            // our own fd; nothing to do about it
        }
    }
}
