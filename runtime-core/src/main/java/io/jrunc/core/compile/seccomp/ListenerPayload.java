package io.jrunc.core.compile.seccomp;

import io.jrunc.spec.SpecJson;
import java.util.List;
import java.util.Map;

/**
 * The container process state (runtime-spec config-linux.md) a seccomp agent receives with the
 * notify fd, laid out as Go's encoding/json writes runc's specs.ContainerProcessState, status
 * "creating" as in runc.
 *
 * <p>Only the init's pid is unknown when the plan is compiled, and it appears twice (the top-level
 * {@code pid} and {@code state.pid}). So the JSON is cut into three pieces that jrunc-init joins
 * with the pid in decimal: the helper fills in a number and decides nothing else.
 */
final class ListenerPayload {
    private ListenerPayload() {}

    public static List<String> pieces(String ociVersion, String id, String bundle, Map<String, String> annotations,
                               String metadata) {
        String version = SpecJson.write(ociVersion == null ? "" : ociVersion);
        String head = "{\"ociVersion\":" + version + ",\"fds\":[\"seccompFd\"],\"pid\":";
        String middle = (metadata == null || metadata.isEmpty() ? "" : ",\"metadata\":" + SpecJson.write(metadata))
                + ",\"state\":{\"ociVersion\":" + version + ",\"id\":" + SpecJson.write(id)
                + ",\"status\":\"creating\",\"pid\":";
        String tail = ",\"bundle\":" + SpecJson.write(bundle)
                + (annotations == null || annotations.isEmpty() ? "" : ",\"annotations\":" + SpecJson.write(annotations))
                + "}}";
        return List.of(head, middle, tail);
    }
}
