package io.jrunc.cli.planner;

import io.jrunc.core.JruncException;
import io.jrunc.core.init.HelperStart;
import io.jrunc.core.init.InitChannel;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The planner's side of one call's socket after the request: what it asks of the front end
 * (docs/planner-protocol.md). Everything that must happen in the caller's process tree goes
 * through here: spawning the helper, holding the terminal, waiting for a foreground process. A
 * failure on the socket means the caller is gone, and the call fails with that.
 */
final class FrontEndLink {
    private final Syscalls sys;
    private final int socket;
    private final InitChannel channel;
    private boolean subreaper;

    FrontEndLink(Syscalls sys, int socket) {
        this.sys = sys;
        this.socket = socket;
        this.channel = new InitChannel(sys, socket);
    }

    /** ACCEPTED: from now on the call is the planner's; {@code readOnly} lets the front end repeat it if we die. */
    void accepted(boolean readOnly) throws ErrnoException {
        channel.send(Wire.ACCEPTED, Wire.u32(readOnly ? Wire.ACCEPTED_READ_ONLY : 0));
    }

    /** MISMATCH: the front end is of another build and takes the cold path. */
    void mismatch(String buildId) throws ErrnoException {
        channel.send(Wire.MISMATCH, buildId.getBytes(StandardCharsets.UTF_8));
    }

    /** The next SPAWN asks the front end to become a child subreaper first (a foreground run or exec). */
    void subreaperForNextSpawn() {
        subreaper = true;
    }

    /** SPAWN: the front end starts jrunc-init as its own child and sends our end of its socket. */
    HelperStart.Started spawn(int preserveFds) throws JruncException {
        try {
            channel.send(Wire.SPAWN, Wire.u32(preserveFds, subreaper ? Wire.SPAWN_SUBREAPER : 0));
            InitChannel.Message m = receive("spawning jrunc-init");
            return switch (m.type()) {
                case Wire.SPAWNED -> {
                    if (m.fd() < 0) throw new JruncException("init: the front end sent no helper socket");
                    yield new HelperStart.Started(m.fd(), m.body().getInt());
                }
                case Wire.SPAWN_FAILED -> {
                    int errno = m.body().getInt();
                    throw new JruncException("init: cannot start jrunc-init: " + Wire.string(m.body()) + ": " + sys.strerror(errno));
                }
                default -> throw unexpected(m);
            };
        } catch (ErrnoException e) {
            throw hungUp(e);
        }
    }

    /** TTY: hands the container's pty master to the front end, which proxies it to the caller's stdio. */
    void terminal(int master) throws JruncException {
        try {
            channel.sendWithFd(Wire.TTY, new byte[0], master);
        } catch (ErrnoException e) {
            throw hungUp(e);
        } finally {
            // The front end holds it now; a copy kept here would leak one pty per call in a long-lived process.
            closeQuietly(master);
        }
    }

    /**
     * WAIT: the front end, the process's subreaper, waits for {@code pid} and sends its status;
     * {@code cleanup} is what it runs on the cold path if this planner dies meanwhile.
     */
    Syscalls.WaitStatus await(int pid, List<String> cleanup) throws JruncException {
        try {
            channel.send(Wire.WAIT, Wire.u32AndStrings(pid, cleanup));
            InitChannel.Message m = receive("waiting for process " + pid);
            if (m.type() != Wire.EXITED) throw unexpected(m);
            return new Syscalls.WaitStatus(pid, m.body().getInt());
        } catch (ErrnoException e) {
            throw hungUp(e);
        }
    }

    /** EXIT: the call's exit code. The caller may be gone already; nothing is left to tell it then. */
    void exit(int code) {
        try {
            channel.send(Wire.EXIT, Wire.u32(code));
        } catch (ErrnoException callerGone) {
            // nobody to tell
        }
    }

    private InitChannel.Message receive(String what) throws ErrnoException, JruncException {
        InitChannel.Message m = channel.receive();
        if (m == null) throw new JruncException("the caller (jrunc's front end) hung up while " + what);
        return m;
    }

    private static JruncException unexpected(InitChannel.Message m) {
        closeQuietly(m.fd());
        return new JruncException("unexpected message " + m.type() + " from jrunc's front end");
    }

    private static JruncException hungUp(ErrnoException e) {
        return new JruncException("the caller (jrunc's front end) hung up: " + e.getMessage(), e);
    }

    int socket() {
        return socket;
    }

    static void closeQuietly(int fd) {
        if (fd < 0) return;
        try {
            Syscalls.linux().close(fd);
        } catch (ErrnoException ignored) {
            // nothing to do about it
        }
    }
}
