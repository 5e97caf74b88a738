package io.jrunc.core.compile;

import io.jrunc.spec.Linux;
import io.jrunc.spec.Spec;
import java.util.List;

/** What an absent part of config.json means to the compilers: nothing asked for. */
final class ConfigDefaults {
    private static final Linux EMPTY_LINUX = Linux.none();

    private ConfigDefaults() {}

    /** The config's linux section, or one that sets nothing. */
    static Linux linux(Spec spec) {
        return spec.linux() == null ? EMPTY_LINUX : spec.linux();
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
