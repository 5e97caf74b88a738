package io.jrunc.core.hooks;

import io.jrunc.core.RuntimeSpec;
import io.jrunc.spec.SpecJson;
import io.jrunc.spec.State;
import java.util.List;
import java.util.Map;

/**
 * The state a hook reads on stdin: runtime-spec's state, laid out as runc's Go encoding of
 * specs.State writes it ({@code ociVersion, id, status, pid, bundle, annotations}; pid left out
 * when 0, annotations when empty). {@code ociVersion} is the runtime's spec version, as in runc.
 */
public record HookState(String id, String status, int pid, String bundle, Map<String, String> annotations) {
    public static final String CREATING = "creating", CREATED = "created", RUNNING = "running", STOPPED = "stopped";

    public HookState {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** The JSON, for hooks jrunc runs itself (the pid is known). */
    public String json() {
        return SpecJson.write(new State(RuntimeSpec.MAX, id, status, pid, bundle, annotations));
    }

    /**
     * The JSON cut where the pid goes, for hooks the init runs: only it knows its pid as the host
     * sees it (jrunc-init joins the pieces with it, as for the seccomp agent's payload). The
     * {@code pid} member is where runc puts it, right after {@code status}.
     */
    public List<String> piecesAroundPid() {
        String head = "{\"ociVersion\":" + SpecJson.write(RuntimeSpec.MAX) + ",\"id\":" + SpecJson.write(id)
                + ",\"status\":" + SpecJson.write(status) + ",\"pid\":";
        String tail = ",\"bundle\":" + SpecJson.write(bundle)
                + (annotations.isEmpty() ? "" : ",\"annotations\":" + SpecJson.write(annotations)) + "}";
        return List.of(head, tail);
    }
}
