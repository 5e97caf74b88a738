package io.jrunc.spec;

import java.util.List;

/** {@code hooks}, by lifecycle point. {@code prestart} is deprecated but still sent by Docker. */
public record Hooks(
        List<Hook> prestart,
        List<Hook> createRuntime,
        List<Hook> createContainer,
        List<Hook> startContainer,
        List<Hook> poststart,
        List<Hook> poststop) {
    /** Only the hooks that run after `create` returns (what the state dir keeps for `start` and `delete`). */
    public static Hooks afterCreate(List<Hook> poststart, List<Hook> poststop) {
        return new Hooks(null, null, null, null, poststart, poststop);
    }

    public Hooks {
        prestart = Immutable.list(prestart);
        createRuntime = Immutable.list(createRuntime);
        createContainer = Immutable.list(createContainer);
        startContainer = Immutable.list(startContainer);
        poststart = Immutable.list(poststart);
        poststop = Immutable.list(poststop);
    }
}
