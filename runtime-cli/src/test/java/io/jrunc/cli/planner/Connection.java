package io.jrunc.cli.planner;

import io.jrunc.core.init.InitChannel;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;

/** One front end's connection as a real socketpair: the test holds the front end's end and talks through {@link #frontEnd()}. */
final class Connection implements AutoCloseable {
    private static final Syscalls SYS = Syscalls.linux();

    private int frontEndFd;
    private final int plannerFd;
    private final InitChannel frontEnd;

    private Connection(int frontEndFd, int plannerFd) {
        this.frontEndFd = frontEndFd;
        this.plannerFd = plannerFd;
        this.frontEnd = new InitChannel(SYS, frontEndFd);
    }

    static Connection open() throws ErrnoException {
        int[] pair = SYS.socketPair();
        return new Connection(pair[0], pair[1]);
    }

    InitChannel frontEnd() {
        return frontEnd;
    }

    int plannerEnd() {
        return plannerFd;
    }

    /** The front end goes away: the planner reads EOF, its writes fail. */
    void hangUp() {
        FrontEndLink.closeQuietly(frontEndFd);
        frontEndFd = -1;
    }

    @Override
    public void close() {
        hangUp();
        FrontEndLink.closeQuietly(plannerFd);
    }
}
