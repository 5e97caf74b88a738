package io.jrunc.core.cgroup;

import io.jrunc.core.ConfigException;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Resources;
import io.jrunc.spec.Spec;

/**
 * What to write into a container's cgroups: linux.resources (or the document of `update`), and the
 * device rules, which only `create` sets (runc's update leaves devices alone; null here).
 *
 * @param update whether the cgroups already hold the container: values left out may then be read
 *               back from the files where a setting needs its partner (cpu.max, memory.swap.max)
 */
public record ResourceRequest(Resources resources, DeviceRules devices, boolean update) {
    public ResourceRequest {
        if (resources == null) resources = Resources.none();
    }

    public static ResourceRequest forCreate(Resources resources, DeviceRules devices) {
        return new ResourceRequest(resources, devices, false);
    }

    /**
     * A new container's linux.resources with its device rules (checked here, before anything is
     * made). Without device rules when cgroups are rootless: as in runc, a user cannot restrict
     * devices there, and the user namespace already keeps device nodes out of reach.
     */
    public static ResourceRequest forCreate(Spec spec, boolean rootless) throws ConfigException {
        Linux linux = spec.linux();
        Resources resources = linux == null ? null : linux.resources();
        DeviceRules devices = rootless ? null : DeviceRules.forCreate(resources, linux == null ? null : linux.devices());
        return new ResourceRequest(resources, devices, false);
    }

    public static ResourceRequest forUpdate(Resources resources) {
        return new ResourceRequest(resources, null, true);
    }
}
