package io.jrunc.core.init;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.nio.charset.StandardCharsets;

/**
 * One run of jrunc-init: start it on a socketpair ({@link HelperStart}: this JVM spawns it, or a
 * planner's caller does), let the caller place it (cgroups) before it does anything, send the plan,
 * then follow its reports until READY. The helper's stdio is the caller's, which is how the
 * container gets the caller's stdio (pipes or fifos from a shim, or a terminal). The real
 * {@link InitProcess}, made by {@link SealedHelperLauncher} or a planner's launcher.
 */
public final class InitRun implements InitProcess {

    private final Syscalls sys;
    private final Plan plan;
    private final HelperStart start;
    private int socket = -1;
    private int helperPid = -1;
    private int initPid = -1;

    public InitRun(Syscalls sys, Plan plan) {
        this(sys, plan, new SealedSpawn(sys));
    }

    /** Runs the plan with a helper that {@code start} starts (a planner: the caller's front end does). */
    public InitRun(Syscalls sys, Plan plan, HelperStart start) {
        this.sys = sys;
        this.plan = plan;
        this.start = start;
    }

    /**
     * Runs the plan up to READY and returns the init's pid. On any failure the exception says what
     * failed; the helper and its init have exited or been killed by then.
     */
    @Override
    public int runUntilReady(int preserveFds, Listener listener) throws JruncException {
        return run(preserveFds, listener, false);
    }

    /**
     * Runs a plan that ends in EXECVE without READY (exec's) and returns the forked process's pid
     * once the helper's socket closes: close-on-exec, so that is the execve. Every failure before
     * it, the execve's own included, is an exception; the process has been killed by then.
     */
    @Override
    public int runUntilExec(int preserveFds, Listener listener) throws JruncException {
        return run(preserveFds, listener, true);
    }

    private int run(int preserveFds, Listener listener, boolean untilExec) throws JruncException {
        try {
            HelperStart.Started started = start.start(preserveFds);
            helperPid = started.pid();
            socket = started.socket();
            InitChannel channel = new InitChannel(sys, socket);
            int spawned = helperPid;
            Debug.log(() -> "jrunc-init " + spawned + " started");
            listener.spawned(helperPid);
            channel.send(InitChannel.PLAN, plan.encode());
            return follow(channel, listener, untilExec);
        } catch (ErrnoException e) {
            killAll();
            throw new JruncException("init: " + e.getMessage(), e);
        } catch (JruncException e) {
            killAll();
            throw e;
        }
    }

    private int follow(InitChannel channel, Listener listener, boolean untilExec) throws ErrnoException, JruncException {
        while (true) {
            InitChannel.Message m = channel.receive();
            if (m == null && untilExec && initPid > 0) return initPid;
            if (m == null) {
                throw new JruncException("init: jrunc-init exited before the container was ready" + exitDetail());
            }
            switch (m.type()) {
                case InitChannel.PID -> {
                    initPid = m.body().getInt();
                    reapHelper();
                    listener.initForked(initPid);
                }
                case InitChannel.FD -> listener.receivedFd(m.body().getInt(), m.fd());
                case InitChannel.SYNC -> answerSync(channel, listener, m.body().getInt());
                case InitChannel.READY -> {
                    return initPid;
                }
                case InitChannel.ERROR -> throw failure(m);
                default -> throw new JruncException("init: unexpected message " + m.type() + " from jrunc-init");
            }
        }
    }

    /** The helper's ERROR message as the failure of the op it names. */
    private InitFailure failure(InitChannel.Message m) {
        int index = m.body().getInt();
        int errno = m.body().getInt();
        byte[] detail = new byte[m.body().getInt()];
        m.body().get(detail);
        Op op = plan.at(index);
        return new InitFailure(op, errno, new String(detail, StandardCharsets.UTF_8).replace("\0", ""),
                sys.strerror(errno), SeccompDenial.suspected(plan, index, errno));
    }

    /**
     * Lets an init that reached READY go on to wait for `start`: answers the SYNC the plan puts
     * right after READY ({@code tag}). Until then the init exits when jrunc's end of the socket
     * closes, so a create killed before it recorded the container leaves no init behind.
     */
    @Override
    public void commit(SyncPoint point) throws JruncException {
        int tag = point.tag();
        try {
            InitChannel channel = new InitChannel(sys, socket);
            InitChannel.Message m = channel.receive();
            if (m == null) throw new JruncException("container init " + initPid + " exited during create");
            if (m.type() != InitChannel.SYNC || m.body().getInt() != tag) {
                throw new JruncException("init: unexpected message " + m.type() + " from jrunc-init after READY");
            }
            // It waits for the answer with read(2), after the seccomp filter when noNewPrivileges is
            // false: a profile that denies read fails it at once, and its ERROR is already here.
            if (sys.poll(socket, Syscalls.PollEvents.POLLIN, 0) != 0) {
                InitChannel.Message next = channel.receive();
                if (next == null) throw new JruncException("container init " + initPid + " exited during create");
                if (next.type() == InitChannel.ERROR) throw failure(next);
                throw new JruncException("init: unexpected message " + next.type() + " from jrunc-init after READY");
            }
            channel.send(InitChannel.ACK, java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(tag).array());
        } catch (ErrnoException e) {
            throw new JruncException("init: " + e.getMessage(), e);
        }
    }

    /** ACK when the listener did its part, ABORT (the helper exits) when it could not. */
    private void answerSync(InitChannel channel, Listener listener, int tag) throws ErrnoException, JruncException {
        byte[] body = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(tag).array();
        try {
            SyncPoint point = SyncPoint.of(tag);
            if (point == null) throw new JruncException("init: jrunc-init waits at unknown sync point " + tag);
            listener.sync(point, initPid > 0 ? initPid : helperPid);
        } catch (JruncException | RuntimeException e) {
            channel.send(InitChannel.ABORT, new byte[0]);
            throw e;
        }
        channel.send(InitChannel.ACK, body);
    }

    /** The helper's first process exits as soon as it has forked the init; reap it so no zombie stays. */
    private void reapHelper() {
        start.reap(helperPid);
        helperPid = -1;
    }

    private String exitDetail() {
        if (helperPid <= 0) return "";
        Syscalls.WaitStatus st = start.reap(helperPid);
        helperPid = -1;
        return st == null ? "" : st.exited() ? " (exit status " + st.exitCode() + ")" : " (killed by signal " + st.termSignal() + ")";
    }

    /** After a failure nothing of the helper may survive. */
    private void killAll() {
        for (int pid : new int[] {initPid, helperPid}) {
            if (pid <= 0) continue;
            try {
                sys.kill(pid, 9);
            } catch (ErrnoException ignored) {
                // already gone
            }
        }
        if (helperPid > 0) reapHelper();
        if (initPid > 0) {
            try {
                sys.waitpid(initPid, 0);
            } catch (ErrnoException notOurChild) {
                // re-parented elsewhere; SIGKILL is enough
            }
        }
    }

    @Override
    public int initPid() {
        return initPid;
    }

    @Override
    public void close() {
        if (socket >= 0) {
            try {
                sys.close(socket);
            } catch (ErrnoException ignored) {
                // closing our end of a socket cannot fail in a way that matters
            }
            socket = -1;
        }
        // A helper that never got to fork the init (the run failed before PID) is not left a zombie.
        if (helperPid > 0) reapHelper();
    }
}
