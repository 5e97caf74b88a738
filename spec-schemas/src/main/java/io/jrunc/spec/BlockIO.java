package io.jrunc.spec;

import io.jrunc.spec.json.Uint16;
import java.util.List;

/** {@code linux.resources.blockIO}: weights (10-1000, 0 = unset) and per-device throttles. */
public record BlockIO(
        @Uint16 Integer weight,
        @Uint16 Integer leafWeight,
        List<WeightDevice> weightDevice,
        List<ThrottleDevice> throttleReadBpsDevice,
        List<ThrottleDevice> throttleWriteBpsDevice,
        List<ThrottleDevice> throttleReadIOPSDevice,
        List<ThrottleDevice> throttleWriteIOPSDevice) {
    /** Only {@code weight} (null: absent), as `update --blkio-weight` sets it. */
    public static BlockIO ofWeight(Integer weight) {
        return new BlockIO(weight, null, null, null, null, null, null);
    }

    public BlockIO {
        weightDevice = Immutable.list(weightDevice);
        throttleReadBpsDevice = Immutable.list(throttleReadBpsDevice);
        throttleWriteBpsDevice = Immutable.list(throttleWriteBpsDevice);
        throttleReadIOPSDevice = Immutable.list(throttleReadIOPSDevice);
        throttleWriteIOPSDevice = Immutable.list(throttleWriteIOPSDevice);
    }
}
