package io.jrunc.spec;

import java.util.List;

/**
 * One of {@code mounts}. A relative destination is taken relative to "/" (runc's behaviour, allowed
 * on Linux since runtime-spec 1.2). The id mappings make it an idmapped mount.
 */
public record Mount(
        String destination,
        String type,
        String source,
        List<String> options,
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings) {
    public Mount {
        options = Immutable.list(options);
        uidMappings = Immutable.list(uidMappings);
        gidMappings = Immutable.list(gidMappings);
    }
}
