package io.jrunc.spec;

/** A value of {@code linux.netDevices} (runtime-spec 1.3); null name keeps the host's name. */
public record NetDevice(String name) {}
