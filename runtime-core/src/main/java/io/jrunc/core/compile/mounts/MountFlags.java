package io.jrunc.core.compile.mounts;

/** mount(2) flag values (linux/mount.h). */
public final class MountFlags {
    public static final long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16,
            MS_REMOUNT = 32, MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024,
            MS_NODIRATIME = 2048, MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_UNBINDABLE = 1 << 17,
            MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20, MS_RELATIME = 1 << 21,
            MS_STRICTATIME = 1 << 24;

    /** The flags that only change propagation; the kernel wants them in a mount call of their own. */
    public static final long PROPAGATION = MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE;

    private MountFlags() {}
}
