package io.jrunc.core.cgroup.v1;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupDeviceRule;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.DeviceRules;
import io.jrunc.core.cgroup.Knobs;

/**
 * The device allow list on the v1 devices controller of a new cgroup: one "a" line resets it to
 * the default (deny-all through devices.deny, allow-all through devices.allow), then each exception
 * goes to the other file. The cgroup has no task yet, so the moment of deny-all harms nothing.
 */
public final class V1Devices {
    private static final String FIELD = "linux.resources.devices";

    private V1Devices() {}

    public static void apply(CgroupDir dir, DeviceRules rules) throws ConfigException {
        String reset = rules.defaultAllow() ? "devices.allow" : "devices.deny";
        String exception = rules.defaultAllow() ? "devices.deny" : "devices.allow";
        Knobs.set(dir, FIELD, reset, "a");
        for (CgroupDeviceRule r : rules.exceptions()) Knobs.set(dir, FIELD, exception, r.cgroupString());
    }
}
