package io.jrunc.cli;

import io.jrunc.core.lifecycle.Call;

/**
 * --console-socket as the path jrunc connects to: a relative one is the caller's, resolved against
 * its cwd (the planner's cwd is not the caller's). Kept a string because "" is runc's "none".
 */
final class ConsoleSocketPath {
    private ConsoleSocketPath() {}

    static String of(String given, Call call) {
        return given == null || given.isEmpty() ? given : call.resolve(given).toString();
    }
}
