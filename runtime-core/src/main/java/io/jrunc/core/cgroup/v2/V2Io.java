package io.jrunc.core.cgroup.v2;

import io.jrunc.core.Debug;
import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.Absent;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.Knobs;
import io.jrunc.spec.BlockIO;
import io.jrunc.spec.ThrottleDevice;
import io.jrunc.spec.WeightDevice;
import java.util.List;

/**
 * linux.resources.blockIO on the v2 io controller, as runc writes it: the weight to io.bfq.weight
 * when BFQ is there (same 10-1000 scale), else io.weight converted onto 1-10000; per-device
 * weights only with BFQ; throttles as io.max lines ("8:0 rbps=N"). Leaf weights have no v2 form and
 * per-device weights none without BFQ: runc skips them silently; we note them in --debug.
 */
public final class V2Io {
    private static final String F = "linux.resources.blockIO.";

    private V2Io() {}

    public static void apply(CgroupDir dir, BlockIO b) throws ConfigException {
        if (b == null) return;
        boolean bfq = dir.has("io.bfq.weight");
        if (b.weight() != null && b.weight() != 0) {
            if (bfq) Knobs.set(dir, F + "weight", "io.bfq.weight", Integer.toString(b.weight()));
            else Knobs.set(dir, F + "weight", "io.weight", Long.toString(blkioToIoWeight(b.weight())));
        }
        if (b.leafWeight() != null && b.leafWeight() != 0) Debug.log(() -> F + "leafWeight: cgroup v2 has no leaf weights; ignored");
        List<WeightDevice> devices = Absent.orEmpty(b.weightDevice());
        for (int i = 0; i < devices.size(); i++) {
            WeightDevice d = devices.get(i);
            if (d.weight() == null || d.weight() == 0) continue;
            if (!bfq) {
                Debug.log(() -> F + "weightDevice: per-device weights need the BFQ scheduler (io.bfq.weight); ignored");
                break;
            }
            Knobs.set(dir, F + "weightDevice[" + i + "].weight", "io.bfq.weight", d.major() + ":" + d.minor() + " " + d.weight());
        }
        throttle(dir, b.throttleReadBpsDevice(), "throttleReadBpsDevice", "rbps");
        throttle(dir, b.throttleWriteBpsDevice(), "throttleWriteBpsDevice", "wbps");
        throttle(dir, b.throttleReadIOPSDevice(), "throttleReadIOPSDevice", "riops");
        throttle(dir, b.throttleWriteIOPSDevice(), "throttleWriteIOPSDevice", "wiops");
    }

    /** runc's ConvertBlkIOToIOWeightValue: blkio [10, 1000] onto io.weight [1, 10000]. */
    public static long blkioToIoWeight(int weight) {
        if (weight == 0) return 0;
        return 1 + (long) (weight - 10) * 9999 / 990;
    }

    private static void throttle(CgroupDir dir, List<ThrottleDevice> given, String name, String key) throws ConfigException {
        List<ThrottleDevice> list = Absent.orEmpty(given);
        for (int i = 0; i < list.size(); i++) {
            ThrottleDevice t = list.get(i);
            Knobs.set(dir, F + name + "[" + i + "]", "io.max", t.major() + ":" + t.minor() + " " + key + "=" + Knobs.unsigned(t.rate()));
        }
    }
}
