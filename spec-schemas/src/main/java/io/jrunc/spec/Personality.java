package io.jrunc.spec;

import java.util.List;

/** {@code linux.personality}: domain LINUX or LINUX32; no flags are defined yet. */
public record Personality(String domain, List<String> flags) {
    public Personality {
        flags = Immutable.list(flags);
    }
}
