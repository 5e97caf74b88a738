package io.jrunc.spec;

import java.util.List;

/**
 * One hook: an absolute program path, its argv (args[0] included) and environment.
 *
 * @param timeout seconds, positive; null means no timeout
 */
public record Hook(String path, List<String> args, List<String> env, Integer timeout) {
    public Hook {
        args = Immutable.list(args);
        env = Immutable.list(env);
    }
}
