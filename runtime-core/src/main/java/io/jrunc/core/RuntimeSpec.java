package io.jrunc.core;

/**
 * The runtime-spec versions jrunc implements: what `features` reports and the {@code ociVersion}
 * of the state hooks receive (runc puts its own spec version there, not the config's).
 */
public final class RuntimeSpec {
    /** The oldest config version accepted, as runc's. */
    public static final String MIN = "1.0.0";
    /** The version implemented. */
    public static final String MAX = "1.2.0";

    private RuntimeSpec() {}
}
