package io.jrunc.core.compile;

import io.jrunc.core.compile.seccomp.SeccompCompiler;
import io.jrunc.core.host.HostView;
import io.jrunc.spec.Spec;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the plan compiler needs: the parsed config, where things are on the host, and the
 * create flags that change the plan (--no-pivot, --preserve-fds, --no-new-keyring).
 *
 * @param cgroupDirs the container's cgroup directory per hierarchy name (for cgroup mounts)
 * @param seccompLoader the libseccomp binding; null: the real one, loaded only for a filter
 */
public record CompileInput(String id, Spec spec, Path bundle, Path rootfs, Path stateDir, boolean noPivot,
                           int preserveFds, boolean newKeyring, Map<String, Path> cgroupDirs, HostView host,
                           SeccompCompiler.Loader seccompLoader) {
    /** With the real libseccomp binding, loaded only if the config asks for a filter. */
    public CompileInput(String id, Spec spec, Path bundle, Path rootfs, Path stateDir, boolean noPivot,
                        int preserveFds, boolean newKeyring, Map<String, Path> cgroupDirs, HostView host) {
        this(id, spec, bundle, rootfs, stateDir, noPivot, preserveFds, newKeyring, cgroupDirs, host, null);
    }
}
