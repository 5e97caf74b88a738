package io.jrunc.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the records' compact constructors: a parsed config is shared by the whole
 * create path and must not change under it. Null stays null, because "absent" and "empty" differ
 * in the spec (no {@code namespaces} is not the same as {@code "namespaces": []} to every reader).
 */
final class Immutable {
    private Immutable() {}

    static <T> List<T> list(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    /** Keeps the document's order: sysctls and annotations are applied and shown in it. */
    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
