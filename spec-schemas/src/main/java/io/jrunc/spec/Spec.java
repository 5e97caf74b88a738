package io.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * config.json, the container's configuration (runtime-spec 1.2, config.md, plus the Linux members
 * of 1.3). Components are named and ordered as the JSON members, so the JSON written from a Spec
 * has runc's key order. Members for other platforms (windows, solaris, vm, zos, freebsd) are not
 * modelled and are ignored when read, as are any unknown members.
 *
 * <p>Every component may be null when the member is absent; lists and maps are unmodifiable.
 */
public record Spec(
        String ociVersion,
        Process process,
        Root root,
        String hostname,
        String domainname,
        List<Mount> mounts,
        Hooks hooks,
        Map<String, String> annotations,
        Linux linux) {
    public Spec {
        mounts = Immutable.list(mounts);
        annotations = Immutable.map(annotations);
    }
}
