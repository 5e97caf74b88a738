package io.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * What {@code jrunc features} prints (runtime-spec features.md and features-linux.md, 1.3 names).
 * A null list or flag means "unknown", not "none" or "false". The nested records are the
 * {@code linux} object's parts; their keys come out in the Go structs' order.
 *
 * @param potentiallyUnsafeConfigAnnotations annotations (or prefixes ending in ".") that change
 *     the runtime's behaviour
 */
public record Features(
        String ociVersionMin,
        String ociVersionMax,
        List<String> hooks,
        List<String> mountOptions,
        LinuxFeatures linux,
        Map<String, String> annotations,
        List<String> potentiallyUnsafeConfigAnnotations) {
    public Features {
        hooks = Immutable.list(hooks);
        mountOptions = Immutable.list(mountOptions);
        annotations = Immutable.map(annotations);
        potentiallyUnsafeConfigAnnotations = Immutable.list(potentiallyUnsafeConfigAnnotations);
    }

    /** The {@code linux} object. */
    public record LinuxFeatures(
            List<String> namespaces,
            List<String> capabilities,
            Cgroup cgroup,
            SeccompFeatures seccomp,
            Enabled apparmor,
            Enabled selinux,
            IntelRdtFeatures intelRdt,
            MemoryPolicyFeatures memoryPolicy,
            MountExtensions mountExtensions,
            Enabled netDevices) {
        public LinuxFeatures {
            namespaces = Immutable.list(namespaces);
            capabilities = Immutable.list(capabilities);
        }
    }

    /** Which cgroup drivers are compiled in, whatever the host uses. */
    public record Cgroup(Boolean v1, Boolean v2, Boolean systemd, Boolean systemdUser, Boolean rdma) {}

    /** Seccomp support: the libseccomp names recognised, and the filter flags the host supports. */
    public record SeccompFeatures(
            Boolean enabled,
            List<String> actions,
            List<String> operators,
            List<String> archs,
            List<String> knownFlags,
            List<String> supportedFlags) {
        /** What `features` says without libseccomp: seccomp off, nothing else said. */
        public static SeccompFeatures disabled() {
            return new SeccompFeatures(false, null, null, null, null, null);
        }

        public SeccompFeatures {
            actions = Immutable.list(actions);
            operators = Immutable.list(operators);
            archs = Immutable.list(archs);
            knownFlags = Immutable.list(knownFlags);
            supportedFlags = Immutable.list(supportedFlags);
        }
    }

    /** The shape of apparmor, selinux, netDevices and mountExtensions.idmap: {"enabled": bool}. */
    public record Enabled(Boolean enabled) {}

    /** Intel RDT: compiled in, and whether the 1.3 schemata / enableMonitoring members are. */
    public record IntelRdtFeatures(Boolean enabled, Boolean schemata, Boolean monitoring) {}

    /** The memory policy modes and flags recognised. */
    public record MemoryPolicyFeatures(List<String> modes, List<String> flags) {
        public MemoryPolicyFeatures {
            modes = Immutable.list(modes);
            flags = Immutable.list(flags);
        }
    }

    /** Mount features: {@code idmap} for idmapped mounts. */
    public record MountExtensions(Enabled idmap) {}
}
