package io.jrunc.core.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A temp tree shaped like cgroupfs for driver tests: directories with the knob files a kernel
 * would offer (a missing file is ENOENT, as there), every write recorded in order (a plain file
 * keeps only the last one), and errno answers injected per file.
 */
public final class FakeCgroupFs implements AutoCloseable {
    public final Path root;
    private final List<String> writes = new ArrayList<>();
    private final Map<Path, Integer> failures = new HashMap<>();
    private final CgroupDir.KnobWriter previous;

    public FakeCgroupFs(Path root) {
        this.root = root;
        this.previous = CgroupDir.useWriter(this::write);
    }

    private void write(Path file, String value) throws CgroupWriteException {
        Integer errno = failures.get(file);
        if (errno != null) throw new CgroupWriteException(file, value, errno, errno == CgroupWriteException.EINVAL ? "Invalid argument"
                : errno == CgroupWriteException.EBUSY ? "Device or resource busy" : "errno " + errno);
        if (!Files.isRegularFile(file)) throw new CgroupWriteException(file, value, CgroupWriteException.ENOENT, "No such file or directory");
        writes.add(root.relativize(file) + "=" + value);
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code rel} with the files given as "name" (empty) or "name=content". */
    public Path dir(String rel, String... files) {
        try {
            Path d = Files.createDirectories(root.resolve(rel));
            for (String f : files) {
                int eq = f.indexOf('=');
                Files.writeString(d.resolve(eq < 0 ? f : f.substring(0, eq)), eq < 0 ? "" : f.substring(eq + 1));
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next writes to this file fail with this errno. */
    public void fail(Path file, int errno) {
        failures.put(file, errno);
    }

    /** Every write, as "path/relative/to/root/file=value", in order. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** The values written to one file, in order. */
    public List<String> writesTo(Path file) {
        String prefix = root.relativize(file) + "=";
        return writes.stream().filter(w -> w.startsWith(prefix)).map(w -> w.substring(prefix.length())).toList();
    }

    public String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        CgroupDir.useWriter(previous);
    }
}
