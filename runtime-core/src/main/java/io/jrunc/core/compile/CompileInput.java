package io.jrunc.core.compile;

import io.jrunc.core.host.HostView;
import io.jrunc.spec.Spec;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the plan compiler needs: the parsed config, where things are on the host, and the
 * create flags that change the plan (--no-pivot, --preserve-fds, --no-new-keyring).
 *
 * @param cgroupDirs the container's cgroup directory per hierarchy name (for cgroup mounts)
 */
public record CompileInput(String id, Spec spec, Path bundle, Path rootfs, Path stateDir, boolean noPivot,
                           int preserveFds, boolean newKeyring, Map<String, Path> cgroupDirs, HostView host) {
}
