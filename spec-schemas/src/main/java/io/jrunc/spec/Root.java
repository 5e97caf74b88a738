package io.jrunc.spec;

/** {@code root}: the rootfs path, absolute or relative to the bundle; readonly null means false. */
public record Root(String path, Boolean readonly) {}
