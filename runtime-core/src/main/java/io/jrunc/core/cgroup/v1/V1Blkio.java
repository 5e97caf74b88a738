package io.jrunc.core.cgroup.v1;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.Absent;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.Knobs;
import io.jrunc.spec.BlockIO;
import io.jrunc.spec.ThrottleDevice;
import io.jrunc.spec.WeightDevice;
import java.util.List;

/**
 * linux.resources.blockIO on the v1 blkio controller. Weights live in blkio.weight under CFQ and in
 * blkio.bfq.weight under BFQ (CFQ is gone since Linux 5.0, so on current kernels it is BFQ; runc
 * picks the file the same way). Leaf weights existed only with CFQ.
 */
public final class V1Blkio {
    private static final String F = "linux.resources.blockIO.";

    private V1Blkio() {}

    public static void apply(CgroupDir dir, BlockIO b) throws ConfigException {
        if (b == null) return;
        boolean cfq = dir.has("blkio.weight");
        String weightFile = cfq ? "blkio.weight" : "blkio.bfq.weight";
        String weightDeviceFile = cfq ? "blkio.weight_device" : "blkio.bfq.weight_device";
        if (b.weight() != null && b.weight() != 0) {
            if (!dir.has(weightFile)) {
                throw new ConfigException(F + "weight", "no blkio.weight or blkio.bfq.weight in " + dir.path()
                        + " (the I/O scheduler has no weights: use bfq)");
            }
            Knobs.set(dir, F + "weight", weightFile, Integer.toString(b.weight()));
        }
        if (b.leafWeight() != null && b.leafWeight() != 0) {
            if (!dir.has("blkio.leaf_weight")) {
                throw new ConfigException(F + "leafWeight", "leaf weights are not supported by this kernel "
                        + "(no blkio.leaf_weight: they went away with the CFQ scheduler)");
            }
            Knobs.set(dir, F + "leafWeight", "blkio.leaf_weight", Integer.toString(b.leafWeight()));
        }
        List<WeightDevice> devices = Absent.orEmpty(b.weightDevice());
        for (int i = 0; i < devices.size(); i++) {
            WeightDevice d = devices.get(i);
            String field = F + "weightDevice[" + i + "]";
            if (d.weight() != null && d.weight() != 0) {
                Knobs.set(dir, field + ".weight", weightDeviceFile, d.major() + ":" + d.minor() + " " + d.weight());
            }
            if (d.leafWeight() != null && d.leafWeight() != 0) {
                Knobs.set(dir, field + ".leafWeight", "blkio.leaf_weight_device", d.major() + ":" + d.minor() + " " + d.leafWeight());
            }
        }
        throttle(dir, b.throttleReadBpsDevice(), "throttleReadBpsDevice", "blkio.throttle.read_bps_device");
        throttle(dir, b.throttleWriteBpsDevice(), "throttleWriteBpsDevice", "blkio.throttle.write_bps_device");
        throttle(dir, b.throttleReadIOPSDevice(), "throttleReadIOPSDevice", "blkio.throttle.read_iops_device");
        throttle(dir, b.throttleWriteIOPSDevice(), "throttleWriteIOPSDevice", "blkio.throttle.write_iops_device");
    }

    private static void throttle(CgroupDir dir, List<ThrottleDevice> given, String name, String file) throws ConfigException {
        List<ThrottleDevice> list = Absent.orEmpty(given);
        for (int i = 0; i < list.size(); i++) {
            ThrottleDevice t = list.get(i);
            Knobs.set(dir, F + name + "[" + i + "]", file, t.major() + ":" + t.minor() + " " + Knobs.unsigned(t.rate()));
        }
    }
}
