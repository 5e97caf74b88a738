package io.jrunc.core.cgroup;

import io.jrunc.core.ConfigException;

/**
 * Writing one cgroup knob for one config field: the kernel's refusal becomes an error that starts
 * with the field ("linux.resources.cpu.shares: failed to write ..."), and a knob this kernel does
 * not have says so instead of "no such file".
 */
public final class Knobs {
    private Knobs() {}

    public static void set(CgroupDir dir, String field, String file, String value) throws ConfigException {
        try {
            dir.write(file, value);
        } catch (CgroupWriteException e) {
            throw error(field, e);
        }
    }

    public static ConfigException error(String field, CgroupWriteException e) {
        if (e.missing()) {
            return new ConfigException(field, "not supported by this kernel: " + e.file() + " does not exist");
        }
        return new ConfigException(field, e.getMessage());
    }

    /** An unsigned 64-bit config value as the kernel wants it (runc's FormatUint). */
    public static String unsigned(long value) {
        return Long.toUnsignedString(value);
    }
}
