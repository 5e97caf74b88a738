package io.jrunc.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jrunc.spec.json.GoTime;
import java.time.Instant;
import java.util.Map;

/**
 * A container as runc's {@code state} prints it, and each element of {@code list --format json},
 * which is what containerd's shim parses. Components are in runc's key order, which puts
 * {@code annotations} (left out when empty) between {@code created} and {@code owner}:
 * <pre>
 * {"ociVersion":"1.0.2-dev","id":"c1","pid":4639,"status":"created","bundle":"/b","rootfs":"/b/rootfs",
 *  "created":"2026-11-23T10:41:33.756751749Z","annotations":{...},"owner":"root"}
 * </pre>
 * runc prints every other member even when empty, so null strings become "" and a null time Go's
 * zero time.
 *
 * @param pid the init process in the runtime's pid namespace, 0 once stopped
 * @param status creating, created, running, paused or stopped
 * @param created written as Go writes a UTC time: RFC 3339, nanoseconds without trailing zeros
 * @param owner the user owning the container; runc's {@code state} prints "" here, {@code list}
 *     the user name
 */
public record RuncState(
        String ociVersion,
        String id,
        int pid,
        String status,
        String bundle,
        String rootfs,
        @JsonSerialize(using = GoTime.Serializer.class) @JsonDeserialize(using = GoTime.Deserializer.class)
        Instant created,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations,
        String owner) {
    public RuncState {
        ociVersion = orEmpty(ociVersion);
        id = orEmpty(id);
        status = orEmpty(status);
        bundle = orEmpty(bundle);
        rootfs = orEmpty(rootfs);
        created = created == null ? GoTime.ZERO : created;
        annotations = Immutable.map(annotations);
        owner = orEmpty(owner);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
