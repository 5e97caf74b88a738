package io.jrunc.core.cgroup;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a temp tree shaped like cgroupfs (plain files stand in for the kernel's). */
class CgroupManagerTest {
    @TempDir Path tmp;

    @Test
    void joinWritesThePidAndPidsReadsThem() throws Exception {
        Path mem = Files.createDirectories(tmp.resolve("memory/c1"));
        CgroupManager m = new CgroupManager(Map.of("memory", mem));
        m.join(1234);
        assertEquals("1234", Files.readString(mem.resolve("cgroup.procs")));
        Files.writeString(mem.resolve("cgroup.procs"), "5\n6\n");
        assertEquals(List.of(5, 6), m.pids());
    }

    @Test
    void freezeUsesV1FreezerStateWhenPresent() throws Exception {
        Path fr = Files.createDirectories(tmp.resolve("freezer/c1"));
        Files.writeString(fr.resolve("freezer.state"), "THAWED");
        CgroupManager m = new CgroupManager(Map.of("freezer", fr));
        m.freeze(true);
        assertTrue(m.isFrozen());
        m.freeze(false);
        assertFalse(m.isFrozen());
    }

    @Test
    void freezeUsesV2CgroupFreezeOtherwise() throws Exception {
        Path u = Files.createDirectories(tmp.resolve("unified/c1"));
        Files.writeString(u.resolve("cgroup.freeze"), "0");
        CgroupManager m = new CgroupManager(Map.of("", u));
        m.freeze(true);
        assertEquals("1", Files.readString(u.resolve("cgroup.freeze")));
        assertTrue(m.isFrozen());
    }

    @Test
    void destroyRemovesEmptyDirectories() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("pids/c1"));
        new CgroupManager(Map.of("pids", a)).destroy();
        assertFalse(Files.exists(a));
    }
}
