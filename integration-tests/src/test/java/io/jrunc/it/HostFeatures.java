package io.jrunc.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Probes for the kernel and host features some tests need. A test that needs one calls its
 * {@code assume...} method first, so on a host without it the test is skipped with a message that
 * starts with the feature's name (`make test` prints the skips by reason), never failed, never
 * passed without checking anything. A test of jrunc's error for a missing feature asks the probe
 * the other way round and runs only where the feature is absent.
 */
public final class HostFeatures {
    private HostFeatures() {}

    private static final Path CG = CgroupFiles.MOUNT;

    /** blkio.weight (CFQ, before Linux 5.0) or blkio.bfq.weight (BFQ): only an I/O scheduler with weights has them. */
    public static boolean blkioWeight() {
        return Files.exists(CG.resolve("blkio/blkio.weight")) || Files.exists(CG.resolve("blkio/blkio.bfq.weight"));
    }

    public static void assumeBlkioWeight() {
        assumeTrue(blkioWeight(), "blkio weight: the block layer has no I/O scheduler with weights"
                + " (no blkio.weight or blkio.bfq.weight in /sys/fs/cgroup/blkio)");
    }

    /** A block device the blkio throttle files can name: the kernel refuses a major:minor it does not have. */
    public static void assumeBlockDevice(int major, int minor) {
        assumeTrue(Files.exists(Path.of("/sys/dev/block/" + major + ":" + minor)),
                "block device " + major + ":" + minor + ": not on this host (/sys/dev/block/" + major + ":" + minor + ")");
    }

    /** The net_cls v1 controller (runc's linux.resources.network.classID). */
    public static boolean netCls() {
        return Files.isDirectory(CG.resolve("net_cls")) || Files.isDirectory(CG.resolve("net_cls,net_prio"));
    }

    /** memory.memsw.* exist only with swap accounting (CONFIG_MEMCG_SWAP, swapaccount=1). */
    public static boolean swapAccounting() {
        return Files.exists(CG.resolve("memory/memory.memsw.limit_in_bytes"));
    }

    public static void assumeSwapAccounting() {
        assumeTrue(swapAccounting(), "swap accounting: no memory.memsw.limit_in_bytes (kernel without swap accounting)");
    }

    /** cpu.rt_runtime_us and cpu.rt_period_us need CONFIG_RT_GROUP_SCHED. */
    public static void assumeRtGroupScheduling() {
        assumeTrue(Files.exists(CG.resolve("cpu/cpu.rt_runtime_us")),
                "rt group scheduling: no cpu.rt_runtime_us (kernel without CONFIG_RT_GROUP_SCHED)");
    }

    /** cpu.cfs_burst_us: Linux 5.14 and later. */
    public static void assumeCfsBurst() {
        assumeTrue(Files.exists(CG.resolve("cpu/cpu.cfs_burst_us")), "cfs burst: no cpu.cfs_burst_us (kernel before 5.14)");
    }

    /** memory.kmem.limit_in_bytes: gone in Linux 6.x builds without kernel memory accounting. */
    public static void assumeKmemFiles() {
        assumeTrue(Files.exists(CG.resolve("memory/memory.kmem.limit_in_bytes")),
                "kmem accounting: no memory.kmem.limit_in_bytes in the memory cgroup");
    }

    /** The hugetlb controller in the cgroup2 half of a hybrid host. */
    public static boolean hugetlbInCgroup2() {
        try {
            return Files.readString(CG.resolve("unified/cgroup.controllers")).contains("hugetlb");
        } catch (IOException e) {
            return false;
        }
    }

    public static void assumeHugetlbInCgroup2() {
        assumeTrue(hugetlbInCgroup2(), "hugetlb: no hugetlb controller in /sys/fs/cgroup/unified/cgroup.controllers");
    }

    /** Time namespaces: Linux 5.6 and later with CONFIG_TIME_NS. */
    public static void assumeTimeNamespace() {
        assumeTrue(Files.exists(Path.of("/proc/self/ns/time")), "time namespace: no /proc/self/ns/time (kernel without CONFIG_TIME_NS)");
    }

    /** User namespaces: CONFIG_USER_NS and a non-zero user.max_user_namespaces. */
    public static void assumeUserNamespaces() {
        boolean ok = Files.exists(Path.of("/proc/self/ns/user"));
        try {
            Path max = Path.of("/proc/sys/user/max_user_namespaces");
            if (ok && Files.exists(max)) ok = Long.parseLong(Files.readString(max).trim()) > 0;
        } catch (IOException | NumberFormatException e) {
            ok = false;
        }
        assumeTrue(ok, "user namespaces: no /proc/self/ns/user or user.max_user_namespaces is 0");
    }
}
