package io.jrunc.cli.planner;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.Foreground;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Tty;
import java.util.List;

/**
 * A planner call's foreground (`run`, `exec` without --detach): the caller's front end is the
 * subreaper, forwards the signals, proxies the terminal and waits, as a cold-path jrunc does itself.
 * The planner only asks it to (SPAWN with SUBREAPER, TTY, WAIT).
 */
final class FrontEndForeground implements Foreground {
    private final FrontEndLink link;
    private final int callerStdin;

    /** {@code callerStdin}: the caller's fd 0 as received here, -1 when it had none. */
    FrontEndForeground(FrontEndLink link, int callerStdin) {
        this.link = link;
        this.callerStdin = callerStdin;
    }

    /** Nothing to do yet: the front end becomes subreaper when it spawns the helper. */
    @Override
    public void attach() {
        link.subreaperForNextSpawn();
    }

    @Override
    public void proxyTerminal(int master) throws JruncException {
        link.terminal(master);
    }

    /** Read from the caller's own stdin, which came with the request. */
    @Override
    public int[] callerWindowSize() {
        Tty tty = Tty.linux();
        if (callerStdin < 0 || !tty.isTerminal(callerStdin)) return null;
        try {
            return tty.windowSize(callerStdin);
        } catch (ErrnoException e) {
            return null;
        }
    }

    @Override
    public int await(int pid, List<String> cleanup) throws JruncException {
        return link.await(pid, cleanup).shellStatus();
    }

    /** The front end stops forwarding and finishes its proxy when the call's EXIT comes. */
    @Override
    public void release() {
    }
}
