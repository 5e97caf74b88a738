package io.jrunc.core.cgroup.v2;

import io.jrunc.sys.Syscalls;
import io.jrunc.core.cgroup.driver.CgroupDrivers;
import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.CgroupWriteException;
import io.jrunc.core.cgroup.FakeCgroupFs;
import io.jrunc.core.cgroup.ResourceRequest;
import io.jrunc.spec.BlockIO;
import io.jrunc.spec.Cpu;
import io.jrunc.spec.HugepageLimit;
import io.jrunc.spec.Memory;
import io.jrunc.spec.Network;
import io.jrunc.spec.Pids;
import io.jrunc.spec.Rdma;
import io.jrunc.spec.Resources;
import io.jrunc.spec.ThrottleDevice;
import io.jrunc.spec.WeightDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every v2 file the driver writes, against a tree shaped like a pure v2 host: the mount root with
 * its controllers, an intermediate cgroup, and the container's cgroup with the knobs of all
 * controllers (the kernel shows them once the parents enable the controllers).
 */
class V2DriverTest {
    @TempDir Path tmp;
    FakeCgroupFs fs;
    Path root, mid, c;

    @BeforeEach
    void tree() {
        fs = new FakeCgroupFs(tmp);
        root = fs.dir("cg", "cgroup.controllers=cpuset cpu io memory hugetlb pids rdma", "cgroup.subtree_control");
        mid = fs.dir("cg/mid", "cgroup.controllers", "cgroup.subtree_control");
        c = fs.dir("cg/mid/c", "cgroup.controllers", "cgroup.subtree_control", "cgroup.freeze=0", "cgroup.max.descendants=max",
                "memory.max=max", "memory.low=0", "memory.swap.max=max", "memory.current=4096", "memory.swap.current=0", "memory.high=max",
                "cpu.weight=100", "cpu.max=max 100000", "cpu.max.burst=0", "cpu.idle=0",
                "io.weight=default 100", "io.max", "pids.max=max", "cpuset.cpus", "cpuset.mems",
                "hugetlb.2MB.max=max", "hugetlb.2MB.rsvd.max=max", "hugetlb.1GB.max=max", "rdma.max");
    }

    @AfterEach
    void restore() {
        fs.close();
    }

    private CgroupDriver driver() {
        return CgroupDrivers.of(Syscalls.linux(), Map.of("", c));
    }

    private void create(Resources r) throws ConfigException {
        driver().apply(ResourceRequest.forCreate(r, null));
    }

    private List<String> knobWrites() {
        return fs.writes().stream().filter(w -> !w.contains("cgroup.subtree_control")).toList();
    }

    private static Resources res(Memory m, Cpu cpu, Pids p, BlockIO b) {
        return new Resources(null, m, cpu, p, b, null, null, null, null);
    }

    private static Memory mem(Long limit, Long reservation, Long swap) {
        return new Memory(limit, reservation, swap, null, null, null, null, null, null);
    }

    @Test
    void createEnablesEveryControllerDownThePathLikeRunc() throws Exception {
        create(null);
        String all = "+cpuset,+cpu,+io,+memory,+hugetlb,+pids,+rdma";
        assertEquals(List.of(all.split(",")), fs.writesTo(root.resolve("cgroup.subtree_control")));
        assertEquals(List.of(all.split(",")), fs.writesTo(mid.resolve("cgroup.subtree_control")));
        assertEquals(List.of(), fs.writesTo(c.resolve("cgroup.subtree_control")), "the leaf itself holds tasks");
    }

    @Test
    void memorySwapIsConvertedFromMemoryPlusSwap() throws Exception {
        create(res(mem(67108864L, 1048576L, 134217728L), null, null, null));
        assertEquals(List.of("cg/mid/c/memory.swap.max=67108864", "cg/mid/c/memory.max=67108864", "cg/mid/c/memory.low=1048576"),
                knobWrites());
    }

    @Test
    void swapEqualToMemoryMeansNoSwap() throws Exception {
        create(res(mem(67108864L, null, 67108864L), null, null, null));
        assertEquals(List.of("cg/mid/c/memory.swap.max=0", "cg/mid/c/memory.max=67108864"), knobWrites());
    }

    @Test
    void unlimitedMemoryIsMaxForBoth() throws Exception {
        create(res(mem(-1L, null, null), null, null, null));
        assertEquals(List.of("cg/mid/c/memory.swap.max=max", "cg/mid/c/memory.max=max"), knobWrites());
    }

    @Test
    void swapBelowMemoryIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> create(res(mem(67108864L, null, 1048576L), null, null, null)));
        assertEquals("linux.resources.memory.swap: memory+swap limit should be >= memory limit", e.getMessage());
    }

    @Test
    void swapAloneAtCreateNeedsAMemoryLimit() {
        ConfigException e = assertThrows(ConfigException.class, () -> create(res(mem(null, null, 1048576L), null, null, null)));
        assertEquals("linux.resources.memory.swap: unable to set swap limit without memory limit", e.getMessage());
    }

    @Test
    void swapAloneInAnUpdateConvertsAgainstTheLimitInForce() throws Exception {
        fs.dir("cg/mid/c", "memory.max=67108864");
        driver().apply(ResourceRequest.forUpdate(res(mem(null, null, 100663296L), null, null, null)));
        assertEquals(List.of("cg/mid/c/memory.swap.max=33554432"), knobWrites());
    }

    @Test
    void checkBeforeUpdateRefusesALimitBelowUsage() {
        fs.dir("cg/mid/c", "memory.current=8192");
        ConfigException e = assertThrows(ConfigException.class, () -> driver().apply(ResourceRequest.forUpdate(res(
                new Memory(4096L, null, null, null, null, null, null, null, true), null, null, null))));
        assertEquals("linux.resources.memory.limit: rejecting memory limit 4096 below usage 8192", e.getMessage());
    }

    @Test
    void v1OnlyMemorySettingsAreRefusedByName() {
        assertEquals("linux.resources.memory.swappiness: cgroup v2 has no per-cgroup swappiness (it is a v1 setting)",
                assertThrows(ConfigException.class, () -> create(res(new Memory(null, null, null, null, null, 10L, null, null, null),
                        null, null, null))).getMessage());
        assertEquals("linux.resources.memory.disableOOMKiller: cgroup v2 cannot disable the OOM killer (it is a v1 setting)",
                assertThrows(ConfigException.class, () -> create(res(new Memory(null, null, null, null, null, null, true, null, null),
                        null, null, null))).getMessage());
    }

    @Test
    void cpuWeightMaxBurstAndIdle() throws Exception {
        create(res(null, new Cpu(1024L, 50000L, 1000L, 100000L, null, null, null, null, 0L), null, null));
        // 1024 shares is weight 39 by runc 1.1's linear conversion
        assertEquals(List.of("cg/mid/c/cpu.idle=0", "cg/mid/c/cpu.weight=39", "cg/mid/c/cpu.max.burst=1000",
                "cg/mid/c/cpu.max=50000 100000"), knobWrites());
    }

    @Test
    void sharesToWeightMatchesRunc() {
        assertEquals(1, V2Cpu.sharesToWeight(2));
        assertEquals(39, V2Cpu.sharesToWeight(1024));
        assertEquals(10000, V2Cpu.sharesToWeight(262144));
        assertEquals(0, V2Cpu.sharesToWeight(0));
    }

    @Test
    void aBurstAboveTheOldQuotaIsWrittenAgainAfterTheQuota() throws Exception {
        fs.fail(c.resolve("cpu.max.burst"), CgroupWriteException.EINVAL);
        assertThrows(ConfigException.class, () -> create(res(null, new Cpu(null, 50000L, 60000L, null, null, null, null, null, null),
                null, null)));
        assertEquals(List.of("cg/mid/c/cpu.max=50000 100000"), knobWrites(), "the quota went in before the retry");
    }

    @Test
    void periodAloneKeepsTheQuotaInForceOnUpdate() throws Exception {
        fs.dir("cg/mid/c", "cpu.max=20000 100000");
        driver().apply(ResourceRequest.forUpdate(res(null, new Cpu(null, null, null, 50000L, null, null, null, null, null), null, null)));
        assertEquals(List.of("cg/mid/c/cpu.max=20000 50000"), knobWrites());
    }

    @Test
    void negativeQuotaIsMax() throws Exception {
        create(res(null, new Cpu(null, -1L, null, null, null, null, null, null, null), null, null));
        assertEquals(List.of("cg/mid/c/cpu.max=max 100000"), knobWrites());
    }

    @Test
    void realtimeIsRefusedByName() {
        assertEquals("linux.resources.cpu.realtimeRuntime: cgroup v2 has no realtime group scheduling", assertThrows(ConfigException.class,
                () -> create(res(null, new Cpu(null, null, null, null, 950L, null, null, null, null), null, null))).getMessage());
    }

    @Test
    void ioWeightIsConvertedWithoutBfqAndThrottlesAreIoMaxLines() throws Exception {
        BlockIO b = new BlockIO(500, 300, List.of(new WeightDevice(8, 0, 200, null)), List.of(new ThrottleDevice(254, 0, 1048576)),
                List.of(new ThrottleDevice(254, 0, 2097152)), List.of(new ThrottleDevice(254, 0, 100)), List.of(new ThrottleDevice(254, 0, 200)));
        create(res(null, null, null, b));
        // blkio 500 is io.weight 1 + 490 * 9999 / 990 = 4950; per-device weight and leaf weight have no v2 form without BFQ
        assertEquals(List.of("cg/mid/c/io.weight=4950", "cg/mid/c/io.max=254:0 rbps=1048576", "cg/mid/c/io.max=254:0 wbps=2097152",
                "cg/mid/c/io.max=254:0 riops=100", "cg/mid/c/io.max=254:0 wiops=200"), knobWrites());
    }

    @Test
    void bfqTakesTheWeightAsIsAndPerDevice() throws Exception {
        fs.dir("cg/mid/c", "io.bfq.weight=default 100");
        create(res(null, null, null, new BlockIO(500, null, List.of(new WeightDevice(8, 0, 200, null)), null, null, null, null)));
        assertEquals(List.of("cg/mid/c/io.bfq.weight=500", "cg/mid/c/io.bfq.weight=8:0 200"), knobWrites());
    }

    @Test
    void pidsCpusetHugetlbRdmaAndUnified() throws Exception {
        create(new Resources(null, null, new Cpu(null, null, null, null, null, null, "0-1", "0", null), new Pids(10L), null,
                List.of(new HugepageLimit("2MB", 4194304)), null, Map.of("mlx5_0", new Rdma(3L, null)),
                Map.of("memory.high", "50000000", "cgroup.max.descendants", "3")));
        assertEquals(List.of("cg/mid/c/pids.max=10", "cg/mid/c/cpuset.cpus=0-1", "cg/mid/c/cpuset.mems=0",
                "cg/mid/c/hugetlb.2MB.max=4194304", "cg/mid/c/hugetlb.2MB.rsvd.max=4194304", "cg/mid/c/rdma.max=mlx5_0 hca_handle=3",
                "cg/mid/c/cgroup.max.descendants=3", "cg/mid/c/memory.high=50000000"), knobWrites());
    }

    @Test
    void unifiedKeysAreCheckedLikeRunc() {
        assertEquals("linux.resources.unified[\"../x\"]: must be a file name (no slashes)", assertThrows(ConfigException.class,
                () -> create(new Resources(null, null, null, null, null, null, null, null, Map.of("../x", "1")))).getMessage());
        assertEquals("linux.resources.unified[\"misc.max\"]: can't be set: controller \"misc\" not available", assertThrows(
                ConfigException.class, () -> create(new Resources(null, null, null, null, null, null, null, null, Map.of("misc.max", "1"))))
                .getMessage());
    }

    @Test
    void networkHasNoV2Controller() {
        assertEquals("linux.resources.network.classID: cgroup v2 has no net_cls controller (it is a cgroup v1 controller)",
                assertThrows(ConfigException.class, () -> create(new Resources(null, null, null, null, null, null,
                        new Network(7L, null), null, null))).getMessage());
    }

    @Test
    void aControllerTheHierarchyLacksIsNamed() {
        fs.dir("cg", "cgroup.controllers=memory pids");
        assertEquals("linux.resources.cpu.shares: the cpu controller is not offered by the cgroup v2 hierarchy on this host "
                + "(its cgroup.controllers: \"memory pids\")", assertThrows(ConfigException.class, () -> create(res(null,
                new Cpu(512L, null, null, null, null, null, null, null, null), null, null))).getMessage());
    }

    @Test
    void mountRootIsTheTopmostCgroupDirectory() {
        assertEquals(root, V2Subtree.mountRootOf(c));
    }
}
