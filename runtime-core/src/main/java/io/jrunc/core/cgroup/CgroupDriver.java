package io.jrunc.core.cgroup;

import io.jrunc.core.ConfigException;
import io.jrunc.core.Warnings;
import io.jrunc.core.cgroup.stats.CgroupStats;
import java.io.IOException;
import java.util.List;

/**
 * How linux.resources reach a container's cgroups, read back as statistics, and how OOM kills are
 * noticed: one driver per cgroup layout. v1 writes each controller's files in its own hierarchy;
 * v2 writes the unified directory (and attaches an eBPF program for devices); hybrid uses v1 for the
 * controllers mounted as v1 and v2 for the rest and for `unified`.
 *
 * <p>The directories come from the container's record (hierarchy name to directory, "" for
 * cgroup2), so `create`, `update` and `events` pick the same driver from the same data
 * ({@code cgroup.driver.CgroupDrivers}; the drivers live in packages below this one, so the factory
 * that names them does too).
 */
public interface CgroupDriver {

    CgroupLayout.Mode mode();

    /** The controllers in the order their files are written (runc's order for this layout). */
    List<Controller> order();

    boolean supports(Controller c);

    /** Why a controller cannot be used here, for the error that names the field asking for it. */
    String unavailable(Controller c);

    /** Writes what the request asks of one controller this driver supports. */
    void write(Controller c, ResourceRequest request) throws ConfigException;

    CgroupStats stats() throws IOException;

    OomWatch watchOom() throws IOException;

    /**
     * Writes the whole request. Every field is first checked to have a controller here, so a request
     * the host cannot satisfy fails before anything is written.
     */
    default void apply(ResourceRequest request) throws ConfigException {
        var memory = request.resources().memory();
        if (memory != null && (memory.kernel() != null || memory.kernelTCP() != null)) {
            Warnings.warn("Kernel memory settings are ignored and will be removed");
        }
        for (Controller c : Controller.values()) {
            String field = c.field(request);
            if (field != null && !supports(c)) throw new ConfigException(field, unavailable(c));
        }
        for (Controller c : order()) {
            if (c.requested(request) && supports(c)) write(c, request);
        }
    }
}
