package io.jrunc.core.compile;

import io.jrunc.core.compile.seccomp.SeccompCompiler;
import io.jrunc.core.host.HostView;
import io.jrunc.spec.Spec;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the exec plan compiler needs about a running container and the process to start in it.
 *
 * @param spec        the container's config with {@code process} replaced by the process to exec
 *                    (see {@code lifecycle.ExecProcess}): its seccomp profile, LSM labels and
 *                    personality apply to the new process as they do to the init
 * @param initPid     the container's init (host pid); its /proc files give the user namespace's maps
 * @param namespaces  the container's namespaces by OCI type, as /proc/INIT/ns/NAME paths (the state record's)
 * @param preserveFds how many of the caller's fds above stdio the process keeps (--preserve-fds)
 * @param seccompLoader the libseccomp binding; null: the real one, loaded only for a filter
 */
public record ExecInput(String id, Spec spec, Path bundle, Path rootfs, int initPid, Map<String, String> namespaces,
                        int preserveFds, HostView host, SeccompCompiler.Loader seccompLoader) {
    public ExecInput {
        namespaces = Map.copyOf(namespaces);
    }

    /** With the real libseccomp binding, loaded only if the config asks for a filter. */
    public ExecInput(String id, Spec spec, Path bundle, Path rootfs, int initPid, Map<String, String> namespaces,
                     int preserveFds, HostView host) {
        this(id, spec, bundle, rootfs, initPid, namespaces, preserveFds, host, null);
    }
}
