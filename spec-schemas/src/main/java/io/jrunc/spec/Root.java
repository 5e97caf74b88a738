package io.jrunc.spec;

/** {@code root}: the rootfs path, absolute or relative to the bundle; readonly null means false. */
public record Root(String path, Boolean readonly) {
    /** {@code readonly}, false when absent (a method, so that null still writes out as absent). */
    public boolean readonlyOrFalse() {
        return readonly != null && readonly;
    }
}
