package io.jrunc.spec;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code linux} (config-linux.md). The components come namespaces first, the JSON keys in the Go
 * struct's order (uidMappings first), which is what runc prints.
 *
 * @param rootfsPropagation shared, slave, private, unbindable or their recursive "r" forms; null
 *     or "" for the runtime's default
 * @param memoryPolicy runtime-spec 1.3
 * @param netDevices runtime-spec 1.3: host interface name -> how it appears in the container
 */
@JsonPropertyOrder({"uidMappings", "gidMappings", "sysctl", "resources", "cgroupsPath", "namespaces", "devices",
        "netDevices", "seccomp", "rootfsPropagation", "maskedPaths", "readonlyPaths", "mountLabel", "intelRdt",
        "memoryPolicy", "personality", "timeOffsets"})
public record Linux(
        List<Namespace> namespaces,
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings,
        Map<String, String> sysctl,
        Resources resources,
        String cgroupsPath,
        List<Device> devices,
        Seccomp seccomp,
        String rootfsPropagation,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        String mountLabel,
        IntelRdt intelRdt,
        Personality personality,
        Map<String, TimeOffset> timeOffsets,
        MemoryPolicy memoryPolicy,
        Map<String, NetDevice> netDevices) {
    /** No member set: what an absent {@code linux} section asks for. */
    public static Linux none() {
        return new Linux(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public Linux {
        namespaces = Immutable.list(namespaces);
        uidMappings = Immutable.list(uidMappings);
        gidMappings = Immutable.list(gidMappings);
        sysctl = Immutable.map(sysctl);
        devices = Immutable.list(devices);
        maskedPaths = Immutable.list(maskedPaths);
        readonlyPaths = Immutable.list(readonlyPaths);
        timeOffsets = Immutable.map(timeOffsets);
        netDevices = Immutable.map(netDevices);
    }

    /** The first namespace entry of {@code type} ("pid", "user", ...), if the config has one. */
    public Optional<Namespace> findNamespace(String type) {
        if (namespaces == null) return Optional.empty();
        return namespaces.stream().filter(n -> type.equals(n.type())).findFirst();
    }
}
