package io.jrunc.spec;

import java.util.List;

/**
 * {@code linux.intelRdt}. {@code schemata} (one line per element) and {@code enableMonitoring} are
 * runtime-spec 1.3; {@code enableCMT}/{@code enableMBM} are the 1.1/1.2 monitoring switches that
 * 1.3 folded into {@code enableMonitoring}. All are kept so either generation of config parses.
 */
public record IntelRdt(
        String closID,
        List<String> schemata,
        String l3CacheSchema,
        String memBwSchema,
        Boolean enableCMT,
        Boolean enableMBM,
        Boolean enableMonitoring) {
    public IntelRdt {
        schemata = Immutable.list(schemata);
    }
}
