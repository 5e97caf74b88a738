package io.jrunc.core.cgroup.v1;

import io.jrunc.sys.Syscalls;
import io.jrunc.core.cgroup.driver.CgroupDrivers;
import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupDriver;
import io.jrunc.core.cgroup.CgroupWriteException;
import io.jrunc.core.cgroup.DeviceRules;
import io.jrunc.core.cgroup.FakeCgroupFs;
import io.jrunc.core.cgroup.ResourceRequest;
import io.jrunc.spec.BlockIO;
import io.jrunc.spec.Cpu;
import io.jrunc.spec.DeviceRule;
import io.jrunc.spec.HugepageLimit;
import io.jrunc.spec.InterfacePriority;
import io.jrunc.spec.Memory;
import io.jrunc.spec.Network;
import io.jrunc.spec.Pids;
import io.jrunc.spec.Rdma;
import io.jrunc.spec.Resources;
import io.jrunc.spec.ThrottleDevice;
import io.jrunc.spec.WeightDevice;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every v1 file the driver writes, against a tree with the knobs this project's host (kernel 6.18, BFQ) has. */
class V1DriverTest {
    @TempDir Path tmp;
    FakeCgroupFs fs;
    Path memory, cpu, cpuset, pids, blkio, devices, hugetlb, netCls, netPrio, rdma;

    @BeforeEach
    void tree() {
        fs = new FakeCgroupFs(tmp);
        memory = fs.dir("memory/c", "memory.limit_in_bytes=9223372036854771712", "memory.memsw.limit_in_bytes=9223372036854771712",
                "memory.soft_limit_in_bytes", "memory.oom_control", "memory.swappiness=60", "memory.use_hierarchy=1",
                "memory.usage_in_bytes=2023424", "memory.max_usage_in_bytes=2260992", "memory.kmem.limit_in_bytes");
        cpu = fs.dir("cpu/c", "cpu.shares=1024", "cpu.cfs_period_us=100000", "cpu.cfs_quota_us=-1", "cpu.cfs_burst_us=0",
                "cpu.rt_period_us=1000000", "cpu.rt_runtime_us=0", "cpu.idle=0");
        cpuset = fs.dir("cpuset/c", "cpuset.cpus=0-1", "cpuset.mems=0");
        pids = fs.dir("pids/c", "pids.max=max");
        blkio = fs.dir("blkio/c", "blkio.bfq.weight=100", "blkio.bfq.weight_device", "blkio.throttle.read_bps_device",
                "blkio.throttle.write_bps_device", "blkio.throttle.read_iops_device", "blkio.throttle.write_iops_device");
        devices = fs.dir("devices/c", "devices.allow", "devices.deny");
        hugetlb = fs.dir("hugetlb/c", "hugetlb.2MB.limit_in_bytes", "hugetlb.1GB.limit_in_bytes", "hugetlb.2MB.rsvd.limit_in_bytes");
        netCls = fs.dir("net_cls,net_prio/c", "net_cls.classid", "net_prio.ifpriomap");
        netPrio = netCls;
        rdma = fs.dir("rdma/c", "rdma.max");
    }

    @AfterEach
    void restore() {
        fs.close();
    }

    private CgroupDriver driver() {
        Map<String, Path> dirs = new LinkedHashMap<>();
        dirs.put("memory", memory);
        dirs.put("cpu", cpu);
        dirs.put("cpuset", cpuset);
        dirs.put("pids", pids);
        dirs.put("blkio", blkio);
        dirs.put("devices", devices);
        dirs.put("hugetlb", hugetlb);
        dirs.put("net_cls,net_prio", netCls);
        dirs.put("rdma", rdma);
        return CgroupDrivers.of(Syscalls.linux(), dirs);
    }

    private static Resources res(Memory m, Cpu c, Pids p, BlockIO b) {
        return new Resources(null, m, c, p, b, null, null, null, null);
    }

    private static Memory mem(Long limit, Long swap) {
        return new Memory(limit, null, swap, null, null, null, null, null, null);
    }

    private void apply(Resources r) throws ConfigException {
        driver().apply(ResourceRequest.forCreate(r, null));
    }

    @Test
    void memoryLimitSwapReservationOomAndSwappiness() throws Exception {
        fs.dir("memory/c", "memory.limit_in_bytes=33554432", "memory.memsw.limit_in_bytes=33554432");
        apply(res(new Memory(67108864L, 1024L, 134217728L, null, null, 10L, true, true, null), null, null, null));
        // growing from 32M: memsw first, since it may never be below the memory limit
        assertEquals(List.of("memory/c/memory.memsw.limit_in_bytes=134217728", "memory/c/memory.limit_in_bytes=67108864",
                "memory/c/memory.soft_limit_in_bytes=1024", "memory/c/memory.oom_control=1", "memory/c/memory.swappiness=10",
                "memory/c/memory.use_hierarchy=1"), fs.writes());
    }

    @Test
    void shrinkingMemoryAndSwapWritesTheLimitFirst() throws Exception {
        fs.dir("memory/c", "memory.limit_in_bytes=268435456", "memory.memsw.limit_in_bytes=536870912");
        apply(res(mem(67108864L, 134217728L), null, null, null));
        assertEquals(List.of("memory/c/memory.limit_in_bytes=67108864", "memory/c/memory.memsw.limit_in_bytes=134217728"), fs.writes());
    }

    @Test
    void unlimitedMemoryMeansUnlimitedSwapToo() throws Exception {
        apply(res(mem(-1L, null), null, null, null));
        assertEquals(List.of("memory/c/memory.memsw.limit_in_bytes=-1", "memory/c/memory.limit_in_bytes=-1"), fs.writes());
    }

    @Test
    void aLimitBelowUsageSaysSoLikeRunc() {
        fs.fail(memory.resolve("memory.limit_in_bytes"), CgroupWriteException.EBUSY);
        ConfigException e = assertThrows(ConfigException.class, () -> apply(res(mem(1048576L, null), null, null, null)));
        assertEquals("linux.resources.memory.limit: unable to set memory limit to 1048576 (current usage: 2023424, peak usage: 2260992)",
                e.getMessage());
    }

    @Test
    void swapWithoutSwapAccountingIsAClearError() throws Exception {
        java.nio.file.Files.delete(memory.resolve("memory.memsw.limit_in_bytes"));
        ConfigException e = assertThrows(ConfigException.class, () -> apply(res(mem(null, 1048576L), null, null, null)));
        assertTrue(e.getMessage().startsWith("linux.resources.memory.swap: swap limits are not supported by this kernel"), e.getMessage());
    }

    @Test
    void swappinessAbove100IsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> apply(res(new Memory(null, null, null, null, null, 101L, null, null, null), null, null, null)));
        assertEquals("linux.resources.memory.swappiness: invalid value:101. valid memory swappiness range is 0-100", e.getMessage());
    }

    @Test
    void kernelMemoryIsNotWritten() throws Exception {
        apply(res(new Memory(null, null, null, 10485760L, 10485760L, null, null, null, null), null, null, null));
        assertEquals(List.of(), fs.writes());
    }

    @Test
    void cpuSharesCfsBurstIdleAndRealtime() throws Exception {
        apply(res(null, new Cpu(512L, 50000L, 1000L, 100000L, 950L, 1000000L, null, null, 1L), null, null));
        assertEquals(List.of("cpu/c/cpu.shares=512", "cpu/c/cpu.cfs_period_us=100000", "cpu/c/cpu.cfs_burst_us=1000",
                "cpu/c/cpu.cfs_quota_us=50000", "cpu/c/cpu.idle=1", "cpu/c/cpu.rt_period_us=1000000", "cpu/c/cpu.rt_runtime_us=950"),
                fs.writes());
    }

    @Test
    void aRefusedPeriodIsWrittenAgainAfterTheQuota() throws Exception {
        Path period = cpu.resolve("cpu.cfs_period_us");
        fs.fail(period, CgroupWriteException.EINVAL);
        ConfigException e = assertThrows(ConfigException.class, () -> apply(res(null, new Cpu(null, 5000L, null, 10000L, null, null,
                null, null, null), null, null)));
        // the retry after the quota hits the same injected refusal: the error names the period
        assertTrue(e.getMessage().startsWith("linux.resources.cpu.period: failed to write \"10000\""), e.getMessage());
        assertEquals(List.of("cpu/c/cpu.cfs_quota_us=5000"), fs.writes());
    }

    @Test
    void sharesTheKernelClampsAreReported() {
        // the fake kernel keeps what was written; a real one reads back 262144 for 500000
        fs.fail(cpu.resolve("cpu.shares"), CgroupWriteException.EINVAL);
        assertThrows(ConfigException.class, () -> apply(res(null, new Cpu(1L, null, null, null, null, null, null, null, null), null, null)));
    }

    @Test
    void cpusetPidsAndBlkio() throws Exception {
        BlockIO b = new BlockIO(500, null, List.of(new WeightDevice(254, 0, 300, null)),
                List.of(new ThrottleDevice(254, 0, 1048576)), List.of(new ThrottleDevice(254, 0, 2097152)),
                List.of(new ThrottleDevice(254, 0, 100)), List.of(new ThrottleDevice(254, 0, 200)));
        apply(res(null, new Cpu(null, null, null, null, null, null, "0", "0", null), new Pids(50L), b));
        assertEquals(List.of("cpuset/c/cpuset.cpus=0", "cpuset/c/cpuset.mems=0", "pids/c/pids.max=50", "blkio/c/blkio.bfq.weight=500",
                "blkio/c/blkio.bfq.weight_device=254:0 300", "blkio/c/blkio.throttle.read_bps_device=254:0 1048576",
                "blkio/c/blkio.throttle.write_bps_device=254:0 2097152", "blkio/c/blkio.throttle.read_iops_device=254:0 100",
                "blkio/c/blkio.throttle.write_iops_device=254:0 200"), fs.writes());
    }

    @Test
    void cfqFilesWinWhereTheyExist() throws Exception {
        fs.dir("blkio/c", "blkio.weight", "blkio.leaf_weight", "blkio.weight_device", "blkio.leaf_weight_device");
        apply(res(null, null, null, new BlockIO(500, 300, List.of(new WeightDevice(8, 0, 200, 100)), null, null, null, null)));
        assertEquals(List.of("blkio/c/blkio.weight=500", "blkio/c/blkio.leaf_weight=300", "blkio/c/blkio.weight_device=8:0 200",
                "blkio/c/blkio.leaf_weight_device=8:0 100"), fs.writes());
    }

    @Test
    void leafWeightWithoutCfqIsAClearError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> apply(res(null, null, null, new BlockIO(null, 300, null, null, null, null, null))));
        assertTrue(e.getMessage().startsWith("linux.resources.blockIO.leafWeight: leaf weights are not supported by this kernel"));
    }

    @Test
    void negativePidsLimitIsMax() throws Exception {
        apply(res(null, null, new Pids(-1L), null));
        assertEquals(List.of("pids/c/pids.max=max"), fs.writes());
    }

    @Test
    void hugetlbNetworkAndRdma() throws Exception {
        Map<String, Rdma> rdmaLimits = new LinkedHashMap<>();
        rdmaLimits.put("mlx5_1", new Rdma(null, 7L));
        rdmaLimits.put("mlx5_0", new Rdma(3L, 4L));
        apply(new Resources(null, null, null, null, null, List.of(new HugepageLimit("2MB", 4194304)),
                new Network(1048577L, List.of(new InterfacePriority("eth0", 5))), rdmaLimits, null));
        assertEquals(List.of("hugetlb/c/hugetlb.2MB.limit_in_bytes=4194304", "hugetlb/c/hugetlb.2MB.rsvd.limit_in_bytes=4194304",
                "net_cls,net_prio/c/net_cls.classid=1048577", "net_cls,net_prio/c/net_prio.ifpriomap=eth0 5",
                "rdma/c/rdma.max=mlx5_0 hca_handle=3 hca_object=4", "rdma/c/rdma.max=mlx5_1 hca_object=7"), fs.writes());
    }

    @Test
    void anUnknownHugePageSizeNamesTheSizesThereAre() {
        ConfigException e = assertThrows(ConfigException.class, () -> apply(new Resources(null, null, null, null, null,
                List.of(new HugepageLimit("3MB", 1)), null, null, null)));
        assertEquals("linux.resources.hugepageLimits[0].pageSize: \"3MB\" is not a huge page size of this host (it has: 1GB, 2MB)",
                e.getMessage());
    }

    @Test
    void devicesResetThenAllowEachException() throws Exception {
        DeviceRules rules = DeviceRules.forCreate(new Resources(List.of(new DeviceRule(false, null, null, null, "rwm"),
                new DeviceRule(true, "c", 10L, 229L, "rw")), null, null, null, null, null, null, null, null), List.of());
        driver().apply(ResourceRequest.forCreate(null, rules));
        assertEquals(List.of("a"), fs.writesTo(devices.resolve("devices.deny")));
        assertEquals(List.of("b *:* m", "c *:* m", "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", "c 5:0 rwm",
                "c 5:2 rwm", "c 10:200 rwm", "c 10:229 rw", "c 136:* rwm"), fs.writesTo(devices.resolve("devices.allow")));
    }

    @Test
    void aControllerThatIsNotMountedIsNamedWithTheField() {
        Map<String, Path> onlyMemory = Map.of("memory", memory);
        ConfigException e = assertThrows(ConfigException.class, () -> CgroupDrivers.of(Syscalls.linux(), onlyMemory).apply(ResourceRequest.forCreate(
                new Resources(null, null, null, null, null, null, new Network(7L, null), null, null), null)));
        assertEquals("linux.resources.network.classID: the net_cls cgroup controller is not mounted on this host", e.getMessage());
        assertEquals(List.of(), fs.writes(), "nothing is written when any field cannot be");
    }

    @Test
    void unifiedIsRefusedOnPureV1LikeRunc() {
        ConfigException e = assertThrows(ConfigException.class, () -> apply(new Resources(null, null, null, null, null, null, null, null,
                Map.of("memory.high", "1"))));
        assertEquals("linux.resources.unified: cannot use unified on cgroup v1", e.getMessage());
    }

    @Test
    void updateWritesTheSameFiles() throws Exception {
        driver().apply(ResourceRequest.forUpdate(res(mem(209715200L, null), new Cpu(512L, null, null, null, null, null, null, null, null),
                new Pids(30L), null)));
        assertEquals(List.of("memory/c/memory.limit_in_bytes=209715200", "cpu/c/cpu.shares=512", "pids/c/pids.max=30"), fs.writes());
    }
}
