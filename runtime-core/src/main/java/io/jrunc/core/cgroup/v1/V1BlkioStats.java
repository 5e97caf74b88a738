package io.jrunc.core.cgroup.v1;

import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.stats.BlkioStats;
import io.jrunc.core.cgroup.stats.BlkioStats.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The blkio tables. Which files exist depends on the I/O scheduler (BFQ with or without its debug
 * files, the old CFQ) and the throttling layer; runc tries families of files in a fixed order and
 * takes the first family whose first file has data, stopping at the first empty file after that.
 * The same order here gives the same tables.
 */
final class V1BlkioStats {
    private enum Table { SERVICE_BYTES, SERVICED, QUEUED, SERVICE_TIME, WAIT_TIME, MERGED, TIME, SECTORS }

    private record Source(String file, Table table) {}

    private static final List<List<Source>> FAMILIES = List.of(
            List.of(new Source("blkio.bfq.sectors_recursive", Table.SECTORS),
                    new Source("blkio.bfq.io_service_time_recursive", Table.SERVICE_TIME),
                    new Source("blkio.bfq.io_wait_time_recursive", Table.WAIT_TIME),
                    new Source("blkio.bfq.io_merged_recursive", Table.MERGED),
                    new Source("blkio.bfq.io_queued_recursive", Table.QUEUED),
                    new Source("blkio.bfq.time_recursive", Table.TIME),
                    new Source("blkio.bfq.io_serviced_recursive", Table.SERVICED),
                    new Source("blkio.bfq.io_service_bytes_recursive", Table.SERVICE_BYTES)),
            List.of(new Source("blkio.bfq.io_serviced_recursive", Table.SERVICED),
                    new Source("blkio.bfq.io_service_bytes_recursive", Table.SERVICE_BYTES)),
            List.of(new Source("blkio.sectors_recursive", Table.SECTORS),
                    new Source("blkio.io_service_time_recursive", Table.SERVICE_TIME),
                    new Source("blkio.io_wait_time_recursive", Table.WAIT_TIME),
                    new Source("blkio.io_merged_recursive", Table.MERGED),
                    new Source("blkio.io_queued_recursive", Table.QUEUED),
                    new Source("blkio.time_recursive", Table.TIME),
                    new Source("blkio.io_serviced_recursive", Table.SERVICED),
                    new Source("blkio.io_service_bytes_recursive", Table.SERVICE_BYTES)),
            List.of(new Source("blkio.throttle.io_serviced_recursive", Table.SERVICED),
                    new Source("blkio.throttle.io_service_bytes_recursive", Table.SERVICE_BYTES)),
            List.of(new Source("blkio.throttle.io_serviced", Table.SERVICED),
                    new Source("blkio.throttle.io_service_bytes", Table.SERVICE_BYTES)));

    private V1BlkioStats() {}

    static BlkioStats read(CgroupDir dir) throws IOException {
        Map<Table, List<Entry>> tables = new EnumMap<>(Table.class);
        families:
        for (List<Source> family : FAMILIES) {
            for (int i = 0; i < family.size(); i++) {
                List<Entry> entries = entries(dir, family.get(i).file());
                if (entries.isEmpty()) {
                    if (i == 0) continue families;
                    break families;
                }
                tables.put(family.get(i).table(), entries);
                if (i == family.size() - 1) break families;
            }
        }
        return new BlkioStats(t(tables, Table.SERVICE_BYTES), t(tables, Table.SERVICED), t(tables, Table.QUEUED),
                t(tables, Table.SERVICE_TIME), t(tables, Table.WAIT_TIME), t(tables, Table.MERGED), t(tables, Table.TIME),
                t(tables, Table.SECTORS));
    }

    private static List<Entry> t(Map<Table, List<Entry>> tables, Table t) {
        return tables.getOrDefault(t, List.of());
    }

    /** "8:0 Read 1282048" or "8:0 6792"; the "Total N" line is skipped. A missing file has no entries. */
    static List<Entry> entries(CgroupDir dir, String file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.file(file));
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("[ :]+");
            if (line.isBlank()) continue;
            if (f.length < 3) {
                if (f.length == 2 && f[0].equals("Total")) continue;
                throw new IOException("Invalid line found while parsing " + dir.file(file) + ": " + line);
            }
            String op = f.length == 4 ? f[2] : "";
            long value = Long.parseUnsignedLong(f[f.length == 4 ? 3 : 2]);
            out.add(new Entry(Long.parseUnsignedLong(f[0]), Long.parseUnsignedLong(f[1]), op, value));
        }
        return out;
    }
}
