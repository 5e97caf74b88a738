package io.jrunc.core.lifecycle;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.hooks.ContainerHooks;
import io.jrunc.core.hooks.HookRunner;
import io.jrunc.core.state.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
                    hooks = ContainerHooks.load(new HookRunner(ctx.launcher(), ctx.call().env()), c.dir(), c.id(),
                            Path.of(c.record().bundle()), c.record().annotations());
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

    private void releaseInit(Container c) throws JruncException {
        Path fifo = c.dir().resolve(StateStore.EXEC_FIFO);
        try {
            byte[] written = ExecFifoReader.read(fifo, c::initAlive);
            if (written.length == 0) throw new JruncException("container init exited before it could start");
            // "0": released. Else a startContainer hook failed and the init says why.
            if (written[0] != '0') {
                throw new JruncException("start " + c.id() + ": "
                        + new String(written, 1, written.length - 1, StandardCharsets.UTF_8));
            }
            Files.deleteIfExists(fifo);
            Debug.log(() -> "start " + c.id() + ": init " + c.record().initPid() + " released");
        } catch (IOException e) {
            throw new JruncException("start " + c.id() + ": exec fifo: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JruncException("start " + c.id() + ": interrupted waiting for the init", e);
        }
    }
}
