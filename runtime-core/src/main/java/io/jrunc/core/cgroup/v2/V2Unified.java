package io.jrunc.core.cgroup.v2;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.Absent;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.CgroupWriteException;
import java.util.Map;
import java.util.Set;

/**
 * linux.resources.unified: v2 file name to content, written as given (in key order, so a failure is
 * reproducible). As runc, a name must be a plain file name, and a refused write of a controller
 * that this cgroup does not have says which controller is missing.
 */
public final class V2Unified {
    private V2Unified() {}

    public static void apply(CgroupDir dir, Map<String, String> unified, Set<String> controllers) throws ConfigException {
        for (var e : new java.util.TreeMap<>(Absent.orEmpty(unified)).entrySet()) {
            String key = e.getKey();
            String field = "linux.resources.unified[\"" + key + "\"]";
            if (key.contains("/")) throw new ConfigException(field, "must be a file name (no slashes)");
            try {
                dir.write(key, e.getValue());
            } catch (CgroupWriteException ex) {
                if (ex.missing() || ex.errno() == CgroupWriteException.EPERM || ex.errno() == CgroupWriteException.EACCES) {
                    String[] parts = key.split("\\.", 2);
                    if (parts.length != 2) throw new ConfigException(field, "must be in the form CONTROLLER.PARAMETER");
                    if (!parts[0].equals("cgroup") && !controllers.contains(parts[0])) {
                        throw new ConfigException(field, "can't be set: controller \"" + parts[0] + "\" not available");
                    }
                }
                throw new ConfigException(field, "unable to set: " + ex.getMessage());
            }
        }
    }
}
