package io.jrunc.core.cgroup;

import io.jrunc.core.ConfigException;
import io.jrunc.spec.HugepageLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * linux.resources.hugepageLimits: hugetlb.SIZE.limit_in_bytes (v1) or hugetlb.SIZE.max (v2), and
 * the reservation limit next to it where the kernel has one (5.7+), so that an mmap beyond the limit
 * fails with ENOMEM at once rather than SIGBUS at the first touch (runc 1.2 does the same). The page
 * sizes are the ones the cgroup directory has files for, which are the host's ("2MB", "1GB").
 */
public final class HugetlbFiles {
    /** The limit file's suffix and its reservation twin's, per cgroup version. */
    public enum Kind {
        V1(".limit_in_bytes", ".rsvd.limit_in_bytes"), V2(".max", ".rsvd.max");

        final String limit;
        final String rsvd;

        Kind(String limit, String rsvd) {
            this.limit = limit;
            this.rsvd = rsvd;
        }
    }

    private HugetlbFiles() {}

    public static void apply(CgroupDir dir, List<HugepageLimit> given, Kind kind) throws ConfigException {
        List<HugepageLimit> limits = Absent.orEmpty(given);
        for (int i = 0; i < limits.size(); i++) {
            HugepageLimit l = limits.get(i);
            String field = "linux.resources.hugepageLimits[" + i + "]";
            String size = l.pageSize() == null ? "" : l.pageSize();
            String file = "hugetlb." + size + kind.limit;
            if (size.isEmpty() || size.contains("/") || !dir.has(file)) {
                throw new ConfigException(field + ".pageSize", "\"" + size + "\" is not a huge page size of this host (it has: "
                        + String.join(", ", sizes(dir, kind)) + ")");
            }
            Knobs.set(dir, field + ".limit", file, Knobs.unsigned(l.limit()));
            String rsvd = "hugetlb." + size + kind.rsvd;
            if (dir.has(rsvd)) Knobs.set(dir, field + ".limit", rsvd, Knobs.unsigned(l.limit()));
        }
    }

    /** The page sizes this cgroup has limit files for. */
    public static List<String> sizes(CgroupDir dir, Kind kind) {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.list(dir.path())) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("hugetlb.") && n.endsWith(kind.limit) && !n.endsWith(kind.rsvd))
                    .forEach(n -> out.add(n.substring("hugetlb.".length(), n.length() - kind.limit.length())));
        } catch (IOException e) {
            return List.of();
        }
        return List.copyOf(out);
    }
}
