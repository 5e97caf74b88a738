package io.jrunc.core.state;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.JruncException;
import io.jrunc.core.host.MountInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `delete` unmounts for a container without a mount namespace: what is new at or below its rootfs. */
class HostMountsTest {
    @TempDir
    Path tmp;

    static String line(int id, String mountPoint) {
        return id + " 1 0:1 / " + mountPoint.replace(" ", "\\040") + " rw - tmpfs tmpfs rw";
    }

    @Test
    void onlyMountsAtOrBelowTheRootfsThatWereNotThereBeforeAreTheContainers() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Path rootfs = Files.createDirectory(tmp.resolve("root fs")).toRealPath();
        String r = rootfs.toString();
        // before create: the overlay the rootfs lives on and a volume someone mounted there
        List<String> before = new ArrayList<>(List.of(line(20, "/"), line(30, r), line(31, r + "/vol"), line(32, r + "-other")));
        HostMounts.record(state, rootfs, MountInfo.parse(before));
        List<String> after = new ArrayList<>(before);
        after.addAll(List.of(line(40, r + "/proc"), line(41, r + "/dev"), line(42, r), line(43, "/elsewhere"),
                line(44, r + "-other/x")));
        HostMounts record = HostMounts.load(state);
        assertEquals(r, record.rootfs());
        assertEquals(List.of(40, 41, 42), record.added(MountInfo.parse(after)).stream().map(MountInfo.Entry::id).toList());
        // an id reused at another place is not the baseline's mount
        assertEquals(List.of(31), record.added(MountInfo.parse(List.of(line(31, r + "/proc")))).stream()
                .map(MountInfo.Entry::id).toList());
    }

    @Test
    void aContainerWithItsOwnMountNamespaceHasNoRecordAndNothingToDo() throws Exception {
        assertNull(HostMounts.load(tmp));
        HostMounts.removeAll(tmp, null); // no native call: a null Syscalls would throw
    }

    @Test
    void theHostsRootIsNeverRecorded() {
        assertThrows(JruncException.class, () -> HostMounts.record(tmp, Path.of("/"), MountInfo.parse(List.of())));
    }
}
