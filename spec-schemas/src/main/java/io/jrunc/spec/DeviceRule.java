package io.jrunc.spec;

/**
 * One entry of the device cgroup allow list ({@code linux.resources.devices}), applied in order.
 *
 * @param type a (all, also when null), c or b
 * @param major null means any
 * @param minor null means any
 * @param access some of r, w, m; null means all
 */
public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}
