package io.jrunc.core.hooks;

import io.jrunc.core.RuntimeSpec;
import io.jrunc.spec.json.GoJsonText;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state a hook reads on stdin: runtime-spec's state, laid out as runc's Go encoding of
 * specs.State writes it ({@code ociVersion, id, status, pid, bundle, annotations}; pid left out
 * when 0, annotations when empty and sorted by key). {@code ociVersion} is the runtime's spec
 * version, as in runc.
 *
 * <p>Written by hand rather than with Jackson: Docker gives every container a prestart hook, and
 * building Jackson's mapper for this one small document was most of such a `create`
 * (docs/performance.md). HookStateTest compares it with what Jackson writes for the same state.
 */
public record HookState(String id, String status, int pid, String bundle, Map<String, String> annotations) {
    public static final String CREATING = "creating", CREATED = "created", RUNNING = "running", STOPPED = "stopped";

    public HookState {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** The JSON, for hooks jrunc runs itself (the pid is known). */
    public String json() {
        List<String> pieces = piecesAroundPid();
        String head = pieces.getFirst();
        if (pid == 0) head = head.substring(0, head.length() - ",\"pid\":".length());
        return pid == 0 ? head + pieces.getLast() : head + pid + pieces.getLast();
    }

    /**
     * The JSON cut where the pid goes, for hooks the init runs: only it knows its pid as the host
     * sees it (jrunc-init joins the pieces with it, as for the seccomp agent's payload). The
     * {@code pid} member is where runc puts it, right after {@code status}.
     */
    public List<String> piecesAroundPid() {
        StringBuilder head = new StringBuilder(128).append("{\"ociVersion\":");
        GoJsonText.quote(head, RuntimeSpec.MAX).append(",\"id\":");
        GoJsonText.quote(head, id).append(",\"status\":");
        GoJsonText.quote(head, status);
        StringBuilder tail = new StringBuilder(128).append(",\"bundle\":");
        GoJsonText.quote(tail, bundle);
        if (!annotations.isEmpty()) {
            tail.append(",\"annotations\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
                if (!first) tail.append(',');
                first = false;
                GoJsonText.quote(tail, e.getKey()).append(':');
                GoJsonText.quote(tail, e.getValue());
            }
            tail.append('}');
        }
        return List.of(head.append(",\"pid\":").toString(), tail.append('}').toString());
    }
}
