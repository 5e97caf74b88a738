package io.jrunc.core.cgroup;

import java.util.List;
import java.util.Map;

/** The spec model keeps an absent list or map as null (absent and empty differ there); for writing limits they do not. */
public final class Absent {
    private Absent() {}

    public static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    public static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
