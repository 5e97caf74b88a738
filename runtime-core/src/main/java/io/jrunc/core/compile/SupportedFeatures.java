package io.jrunc.core.compile;

import io.jrunc.core.RuntimeSpec;
import io.jrunc.core.compile.lsm.LsmHost;
import io.jrunc.core.compile.mounts.MountOptions;
import io.jrunc.core.compile.namespaces.CloneFlags;
import io.jrunc.core.compile.seccomp.SeccompCompiler;
import io.jrunc.core.compile.seccomp.SeccompNames;
import io.jrunc.core.hooks.HookPoint;
import io.jrunc.core.host.HostView;
import io.jrunc.spec.Features;
import io.jrunc.spec.LinuxNames;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.seccomp.Libseccomp;
import io.jrunc.sys.seccomp.SeccompLibrary;
import io.jrunc.sys.seccomp.SeccompUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What `features` reports (runtime-spec features.md), read from the tables the compilers work
 * with, so it cannot claim what they refuse: mount options from {@link MountOptions}, namespaces
 * from {@link CloneFlags}, capabilities from the list {@link CapabilityCompiler} maps to bits,
 * seccomp names from {@link SeccompNames}, hook points from {@link HookPoint}. What depends on the
 * host is asked of it: libseccomp and which architectures it knows, which filter flags the kernel
 * takes (through {@link Syscalls}), AppArmor and SELinux as {@link LsmHost} decides them, systemd.
 */
public final class SupportedFeatures {
    /** Annotation keys of our own, next to runc's io.github.seccomp.libseccomp.version. */
    public static final String LIBSECCOMP_VERSION = "io.github.seccomp.libseccomp.version";

    private SupportedFeatures() {}

    /** @param annotations the runtime's own annotations (version, ...), added to what is found here */
    public static Features of(Syscalls sys, HostView host, Map<String, String> annotations) {
        return of(sys, host, annotations, Libseccomp::load);
    }

    /** As above, with libseccomp found by {@code loader} (a test's library, or none). */
    public static Features of(Syscalls sys, HostView host, Map<String, String> annotations, SeccompCompiler.Loader loader) {
        Map<String, String> all = new LinkedHashMap<>();
        SeccompLibrary lib = libseccomp(loader);
        if (lib != null) all.put(LIBSECCOMP_VERSION, lib.version());
        all.putAll(annotations);
        LsmHost lsm = LsmHost.detect(host);
        Features.LinuxFeatures linux = new Features.LinuxFeatures(
                CloneFlags.types(),
                LinuxNames.CAPABILITIES,
                new Features.Cgroup(true, true, host.isDirectory(Path.of("/run/systemd/system")), false, true),
                seccomp(sys, lib),
                new Features.Enabled(lsm.apparmor()),
                new Features.Enabled(lsm.selinux()),
                // linux.intelRdt, memoryPolicy, idmapped mounts and netDevices are features jrunc does not offer
                new Features.IntelRdtFeatures(false, false, false),
                new Features.MemoryPolicyFeatures(List.of(), List.of()),
                new Features.MountExtensions(new Features.Enabled(false)),
                new Features.Enabled(false));
        return new Features(RuntimeSpec.MIN, RuntimeSpec.MAX,
                Arrays.stream(HookPoint.values()).map(HookPoint::specName).toList(),
                MountOptions.knownNames(), linux, all,
                // jrunc acts on no annotation: they are kept and shown, nothing more
                List.of());
    }

    private static Features.SeccompFeatures seccomp(Syscalls sys, SeccompLibrary lib) {
        if (lib == null) return Features.SeccompFeatures.disabled();
        List<String> archs = new ArrayList<>();
        for (String name : SeccompNames.ARCHITECTURES) {
            if (lib.resolveArch(SeccompNames.libseccompArchName(name)) != 0) archs.add(name);
        }
        List<String> known = SeccompNames.FLAGS.keySet().stream().sorted().toList();
        List<String> supported = new ArrayList<>();
        for (String flag : known) {
            int value = SeccompNames.FLAGS.get(flag);
            // The kernel only takes WAIT_KILLABLE_RECV with a listener, which jrunc adds itself.
            if (value == SeccompNames.FLAG_WAIT_KILLABLE_RECV) value |= SeccompNames.FLAG_NEW_LISTENER;
            if (sys.seccompFilterFlagsSupported(value)) supported.add(flag);
        }
        return new Features.SeccompFeatures(true,
                SeccompNames.ACTIONS.keySet().stream().sorted().toList(),
                SeccompNames.OPERATORS.keySet().stream().sorted().toList(),
                archs.stream().sorted().toList(), known, supported);
    }

    private static SeccompLibrary libseccomp(SeccompCompiler.Loader loader) {
        try {
            return loader.load();
        } catch (SeccompUnavailableException e) {
            return null;
        }
    }
}
