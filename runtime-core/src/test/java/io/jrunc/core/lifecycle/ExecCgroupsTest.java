package io.jrunc.core.lifecycle;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.JruncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --cgroup: runc's forms and messages, sub-cgroups only, controllers of one hierarchy together. */
class ExecCgroupsTest {
    @TempDir Path fs;

    Map<String, String> container() throws Exception {
        Files.createDirectories(fs.resolve("cpu,cpuacct/ctr"));
        Files.createSymbolicLink(fs.resolve("cpu"), fs.resolve("cpu,cpuacct"));
        Files.createSymbolicLink(fs.resolve("cpuacct"), fs.resolve("cpu,cpuacct"));
        Files.createDirectories(fs.resolve("pids/ctr"));
        Map<String, String> dirs = new LinkedHashMap<>();
        dirs.put("cpu", fs.resolve("cpu/ctr").toString());
        dirs.put("cpuacct", fs.resolve("cpuacct/ctr").toString());
        dirs.put("pids", fs.resolve("pids/ctr").toString());
        return dirs;
    }

    @Test
    void withoutTheFlagTheContainersOwn() throws Exception {
        Map<String, Path> dirs = ExecCgroups.resolve(container(), List.of());
        assertEquals(fs.resolve("pids/ctr"), dirs.get("pids"));
    }

    @Test
    void aPathAloneAppliesToEveryHierarchy() throws Exception {
        Map<String, Path> dirs = ExecCgroups.resolve(container(), List.of("/sub"));
        assertEquals(fs.resolve("pids/ctr/sub"), dirs.get("pids"));
        assertEquals(fs.resolve("cpu/ctr/sub"), dirs.get("cpu"));
    }

    @Test
    void aControllerOfASharedHierarchyTakesItsPartnerAlong() throws Exception {
        Map<String, Path> dirs = ExecCgroups.resolve(container(), List.of("cpu:sub"));
        assertEquals(fs.resolve("cpu/ctr/sub"), dirs.get("cpu"));
        assertEquals(fs.resolve("cpu/ctr/sub"), dirs.get("cpuacct"), "else joining cpuacct would move the process back up");
        assertEquals(fs.resolve("pids/ctr"), dirs.get("pids"));
    }

    @Test
    void pathsOutOfTheContainersCgroupAreRefused() throws Exception {
        Map<String, String> c = container();
        JruncException up = assertThrows(JruncException.class, () -> ExecCgroups.resolve(c, List.of("pids:../ctr2")));
        assertEquals("../ctr2 is not a sub cgroup path", up.getMessage());
        assertThrows(JruncException.class, () -> ExecCgroups.resolve(c, List.of("../../..")));
    }

    @Test
    void malformedArgumentsInRuncsWords() throws Exception {
        Map<String, String> c = container();
        assertEquals("invalid --cgroup argument: a:b:c",
                assertThrows(JruncException.class, () -> ExecCgroups.resolve(c, List.of("a:b:c"))).getMessage());
        assertEquals("invalid --cgroup argument: x (missing <controller>: prefix)",
                assertThrows(JruncException.class, () -> ExecCgroups.resolve(c, List.of("x", "pids:y"))).getMessage());
        assertEquals("invalid --cgroup argument: ,pids:y (empty <controller> prefix)",
                assertThrows(JruncException.class, () -> ExecCgroups.resolve(c, List.of(",pids:y"))).getMessage());
        assertEquals("invalid --cgroup argument(s): controller pids specified multiple times",
                assertThrows(JruncException.class, () -> ExecCgroups.resolve(c, List.of("pids:a", "pids:b"))).getMessage());
        assertTrue(assertThrows(JruncException.class, () -> ExecCgroups.resolve(c, List.of("memory:a"))).getMessage()
                .startsWith("--cgroup: unknown controller memory"));
    }
}
