package io.jrunc.core.cgroup;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.JruncException;
import io.jrunc.core.host.CallerIds;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** runc's rootless cgroup rules: which caller is rootless, and what happens to cgroups it cannot create. */
class RootlessCgroupsTest {
    static final List<String> INITIAL = List.of("         0          0 4294967295");

    @Test
    void autoMeansANonRootCallerOrRootInAUserNamespace() throws JruncException {
        assertFalse(RootlessCgroups.enabled(null, 0, INITIAL));
        assertFalse(RootlessCgroups.enabled("auto", 0, INITIAL));
        assertTrue(RootlessCgroups.enabled(null, 1000, INITIAL));
        assertTrue(RootlessCgroups.enabled("auto", 0, List.of("0 100000 65536")), "root of a user namespace");
        assertTrue(RootlessCgroups.enabled("true", 0, INITIAL));
        assertFalse(RootlessCgroups.enabled("false", 1000, INITIAL));
        assertThrows(JruncException.class, () -> RootlessCgroups.enabled("maybe", 0, INITIAL));
    }

    @Test
    void cgroupsTheCallerCannotCreateAreLeftOutAndItsOwnAreMounted() {
        Map<String, Path> wanted = new LinkedHashMap<>();
        wanted.put("cpu", Path.of("/sys/fs/cgroup/cpu/c1"));
        wanted.put("memory", Path.of("/sys/fs/cgroup/memory/user/c1"));
        Map<String, Path> own = Map.of("cpu", Path.of("/sys/fs/cgroup/cpu"), "memory", Path.of("/sys/fs/cgroup/memory/user"));
        RootlessCgroups.Selection s = RootlessCgroups.select(wanted, own, false, p -> p.startsWith("/sys/fs/cgroup/memory/user"));
        assertEquals(Map.of("memory", Path.of("/sys/fs/cgroup/memory/user/c1")), s.managed(), "a delegated hierarchy is still used");
        assertEquals(Map.of("cpu", Path.of("/sys/fs/cgroup/cpu"), "memory", Path.of("/sys/fs/cgroup/memory/user/c1")), s.forMounts());

        RootlessCgroups.Selection none = RootlessCgroups.select(wanted, own, false, p -> false);
        assertTrue(none.managed().isEmpty(), "no cgroup in the state");
        assertEquals(own, none.forMounts());
    }

    @Test
    void anExplicitCgroupsPathIsNeverDropped() {
        Map<String, Path> wanted = Map.of("cpu", Path.of("/sys/fs/cgroup/cpu/mine"));
        RootlessCgroups.Selection s = RootlessCgroups.select(wanted, Map.of(), true, p -> false);
        assertEquals(wanted, s.managed(), "creating it fails later with the permission error, as in runc");
    }

    @Test
    void callerIdsComeFromProcSelfStatus() {
        CallerIds ids = CallerIds.of(List.of("Name:\tjava", "Uid:\t1000\t1001\t1001\t1001", "Gid:\t50\t51\t51\t51"));
        assertEquals(new CallerIds(1001, 51), ids, "the effective ids");
        assertTrue(CallerIds.of(List.of()).root());
    }
}
