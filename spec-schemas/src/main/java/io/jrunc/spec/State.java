package io.jrunc.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The OCI state of a container (runtime.md "State"), as hooks receive it on stdin.
 *
 * @param status creating, created, running or stopped
 * @param pid the container process as seen from the runtime; left out of the JSON when 0 (a
 *     stopped container), as Go's {@code omitempty} does
 * @param annotations the config's annotations; left out when empty
 */
public record State(
        String ociVersion,
        String id,
        String status,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int pid,
        String bundle,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations) {
    public State {
        annotations = Immutable.map(annotations);
    }
}
