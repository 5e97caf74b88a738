package io.jrunc.core.lifecycle;

import static io.jrunc.sys.Syscalls.OpenFlags.*;
import static io.jrunc.sys.Syscalls.PollEvents.*;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.hooks.ContainerHooks;
import io.jrunc.core.state.StateStore;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * `start`: release a created container. Its init is blocked opening the exec fifo for writing;
 * opening it for reading lets the init write one byte and execve the user's program. The fifo is
 * removed afterwards, which is what turns the status from created to running.
 */
public final class StartContainer {
    private final RuntimeContext ctx;

    public StartContainer(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    public void start(String id) throws JruncException {
        ContainerHooks hooks = null; // set once the init is released
        int initPid = 0;
        try (AutoCloseable lock = ctx.store().lock(id)) {
            Container c = Container.load(ctx.store(), id);
            switch (c.status()) {
                case CREATED -> {
                    hooks = ContainerHooks.load(ctx.sys(), c.dir(), c.id(), Path.of(c.record().bundle()), c.record().annotations());
                    initPid = c.record().initPid();
                    releaseInit(c);
                }
                case STOPPED -> throw new JruncException("cannot start a container that has stopped");
                case RUNNING -> throw new JruncException("cannot start an already running container");
                case PAUSED -> throw new JruncException("cannot start a container in the paused state");
                case CREATING -> throw new JruncException("cannot start a container that is still being created");
            }
        } catch (JruncException e) {
            throw e;
        } catch (Exception e) {
            throw new JruncException("start " + id + ": " + e.getMessage(), e);
        }
        // Outside the lock: a poststart hook may well call pause, update or delete on this container.
        if (hooks != null) hooks.poststart(initPid);
    }

    /** The rest of what the init wrote before it exited: the failure's text. */
    private static String failure(Syscalls sys, int fd) throws ErrnoException {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (text.size() < 65536) {
            sys.poll(fd, POLLIN, 1000);
            int n;
            try {
                n = sys.read(fd, buf, 0, buf.length);
            } catch (ErrnoException e) {
                if (e.errno() == 11) continue; // EAGAIN: the init has not finished writing
                throw e;
            }
            if (n <= 0) break;
            text.write(buf, 0, n);
        }
        return text.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void releaseInit(Container c) throws JruncException {
        Syscalls sys = ctx.sys();
        Path fifo = c.dir().resolve(StateStore.EXEC_FIFO);
        try {
            // Non-blocking, so a dead init cannot hang us; we then wait for its byte while it lives.
            int fd = sys.open(fifo.toString(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW, 0);
            try {
                byte[] one = new byte[1];
                while (true) {
                    int ev = sys.poll(fd, POLLIN, 100);
                    if ((ev & POLLIN) != 0 && sys.read(fd, one, 0, 1) == 1) {
                        // "0": released. Else a startContainer hook failed and the init says why.
                        if (one[0] != '0') throw new JruncException("start " + c.id() + ": " + failure(sys, fd));
                        break;
                    }
                    if (!c.initAlive()) throw new JruncException("container init exited before it could start");
                }
            } finally {
                sys.close(fd);
            }
            Files.deleteIfExists(fifo);
            Debug.log(() -> "start " + c.id() + ": init " + c.record().initPid() + " released");
        } catch (ErrnoException | IOException e) {
            throw new JruncException("start " + c.id() + ": exec fifo: " + e.getMessage(), e);
        }
    }
}
