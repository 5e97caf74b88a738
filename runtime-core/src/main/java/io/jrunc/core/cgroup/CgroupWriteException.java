package io.jrunc.core.cgroup;

import java.nio.file.Path;

/**
 * A cgroup file write the kernel refused. The errno matters: several controllers react to one
 * (EBUSY from a memory limit below usage, EINVAL from a CFS period, ENOENT from a knob this kernel
 * does not have), and the message keeps runc's wording, since clients have seen it for years.
 */
public final class CgroupWriteException extends Exception {
    public static final int ENOENT = 2, EPERM = 1, EACCES = 13, EBUSY = 16, EINVAL = 22;

    private final Path file;
    private final String value;
    private final int errno;

    public CgroupWriteException(Path file, String value, int errno, String reason) {
        super("failed to write \"" + value + "\": write " + file + ": " + goStyle(reason));
        this.file = file;
        this.value = value;
        this.errno = errno;
    }

    public Path file() {
        return file;
    }

    public String value() {
        return value;
    }

    public int errno() {
        return errno;
    }

    public boolean missing() {
        return errno == ENOENT;
    }

    /** Go prints errno texts starting in lower case ("invalid argument"); runc's messages do too. */
    private static String goStyle(String reason) {
        if (reason == null || reason.isEmpty()) return "errno";
        return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
}
