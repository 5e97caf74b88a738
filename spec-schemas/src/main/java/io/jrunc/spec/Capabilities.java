package io.jrunc.spec;

import java.util.List;

/** {@code process.capabilities}: the five sets, each a list of names like {@code CAP_KILL}. */
public record Capabilities(
        List<String> bounding,
        List<String> effective,
        List<String> inheritable,
        List<String> permitted,
        List<String> ambient) {
    public Capabilities {
        bounding = Immutable.list(bounding);
        effective = Immutable.list(effective);
        inheritable = Immutable.list(inheritable);
        permitted = Immutable.list(permitted);
        ambient = Immutable.list(ambient);
    }
}
