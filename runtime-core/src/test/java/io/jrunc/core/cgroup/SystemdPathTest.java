package io.jrunc.core.cgroup;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import org.junit.jupiter.api.Test;

/** systemd's naming of a container's scope, as runc's systemd driver computes it. */
class SystemdPathTest {
    @Test
    void sliceprefixNameIsAScopeInTheExpandedSlice() throws Exception {
        assertEquals("/system.slice/docker-1234.scope", SystemdPath.toCgroupfs("system.slice:docker:1234", "c1"));
        assertEquals("/machine.slice/machine-vm.slice/cri-containerd-abc.scope",
                SystemdPath.toCgroupfs("machine-vm.slice:cri-containerd:abc", "c1"));
        assertEquals("/system.slice/x.scope", SystemdPath.toCgroupfs(":" + ":x", "c1"), "empty slice is system.slice, empty prefix none");
        assertEquals("/user.slice/kube.slice", SystemdPath.toCgroupfs("user.slice::kube.slice", "c1"), "a name ending in .slice is a slice");
        assertEquals("/a.scope", SystemdPath.toCgroupfs("-.slice::a", "c1"), "-.slice is the root slice");
    }

    @Test
    void noPathIsRuncsDefault() throws Exception {
        assertEquals("/system.slice/runc-c1.scope", SystemdPath.toCgroupfs(null, "c1"));
    }

    @Test
    void otherFormsAreRuncsError() {
        assertEquals("linux.cgroupsPath: expected cgroupsPath to be of format \"slice:prefix:name\" for systemd cgroups, got \"/a/b\" instead",
                assertThrows(ConfigException.class, () -> SystemdPath.toCgroupfs("/a/b", "c1")).getMessage());
        assertThrows(ConfigException.class, () -> SystemdPath.toCgroupfs("system:docker:1", "c1"));
        assertThrows(ConfigException.class, () -> SystemdPath.toCgroupfs("a--b.slice:p:n", "c1"));
    }
}
