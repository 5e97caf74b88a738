package io.jrunc.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootprintTest {

    @Test
    void cgroupsAndProcessesReadBackAsWritten(@TempDir Path dir) throws Exception {
        Map<String, Path> cgroups = new LinkedHashMap<>();
        cgroups.put("memory", Path.of("/sys/fs/cgroup/memory/a"));
        cgroups.put("", Path.of("/sys/fs/cgroup/unified/odd\tname%09\nx"));
        Footprint.begin(dir, "2026-01-02T03:04:05.000000006Z", cgroups);
        int self = (int) ProcessHandle.current().pid();
        Footprint.addProcess(dir, "helper", self);

        Footprint f = Footprint.read(dir);
        assertEquals("2026-01-02T03:04:05.000000006Z", f.created());
        assertEquals(cgroups, f.cgroups(), "escaped and unescaped, names and order kept (\"\" is cgroup2)");
        assertEquals(1, f.processes().size());
        assertEquals(self, f.processes().getFirst().pid());
        assertEquals(ProcStat.of(self).startTime(), f.processes().getFirst().startTime());
    }

    @Test
    void aLineCutShortByACrashAndUnknownLinesAreSkipped() {
        Footprint f = Footprint.parse("created\tT\ncgroup\tpids\t/sys/fs/cgroup/pids/x\nfuture\tthing\nprocess\tinit\tx\t1\n"
                + "cgroup\tcpu\trelative\nprocess\thelper\t12\t34\nprocess\tinit\t56\t7");
        assertEquals(Map.of("pids", Path.of("/sys/fs/cgroup/pids/x")), f.cgroups());
        assertEquals(List.of(new Footprint.Process("helper", 12, 34)), f.processes());
    }

    @Test
    void noFileIsAnEmptyFootprint(@TempDir Path dir) throws Exception {
        assertEquals(Footprint.NONE, Footprint.read(dir));
        Files.createDirectory(dir.resolve("x"));
        assertEquals(Footprint.NONE, Footprint.read(dir.resolve("x")));
    }
}
