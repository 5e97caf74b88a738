package io.jrunc.cli.planner;

import io.jrunc.core.JruncException;
import io.jrunc.core.init.HelperStart;
import io.jrunc.sys.Syscalls;

/**
 * A planner's way to start jrunc-init: the caller's front end spawns it (SPAWN), so the helper and
 * the init it forks are in the caller's process tree, never the planner's (issue 14).
 */
final class FrontEndHelperStart implements HelperStart {
    private final FrontEndLink link;

    FrontEndHelperStart(FrontEndLink link) {
        this.link = link;
    }

    @Override
    public Started start(int preserveFds) throws JruncException {
        return link.spawn(preserveFds);
    }

    /** The helper is the front end's child: the front end reaps it, and its status is not known here. */
    @Override
    public Syscalls.WaitStatus reap(int helperPid) {
        return null;
    }
}
