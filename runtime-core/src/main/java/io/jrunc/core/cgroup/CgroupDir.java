package io.jrunc.core.cgroup;

import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.OpenFlags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cgroup directory and its files. Writes go through open/write/close of the syscall facade
 * rather than java.nio: the kernel answers a bad value with an errno on write(2), and the callers
 * need that errno, not a translated exception text. The files are never created: a knob this
 * kernel lacks is ENOENT, as on cgroupfs (a temp tree in tests behaves the same).
 */
public record CgroupDir(Path path) {

    public Path file(String name) {
        return path.resolve(name);
    }

    public boolean has(String name) {
        return Files.exists(path.resolve(name));
    }

    public boolean exists() {
        return Files.isDirectory(path);
    }

    /** How a knob write reaches the kernel. */
    @FunctionalInterface
    public interface KnobWriter {
        void write(Path file, String value) throws CgroupWriteException;
    }

    private static volatile KnobWriter writer = CgroupDir::writeKnob;

    /**
     * Replaces how knobs are written, returning the previous writer. Only for tests of the drivers
     * against a temp tree: there a file keeps only its last write, while several lines written to
     * one knob (devices.allow, io.max) are each a separate order to the kernel.
     */
    public static KnobWriter useWriter(KnobWriter w) {
        KnobWriter previous = writer;
        writer = w;
        return previous;
    }

    public void write(String name, String value) throws CgroupWriteException {
        writer.write(path.resolve(name), value);
    }

    /** open(O_WRONLY|O_TRUNC), one write(2), close: the way cgroupfs is meant to be written. */
    public static void writeKnob(Path file, String value) throws CgroupWriteException {
        Syscalls sys = Syscalls.linux();
        int fd;
        try {
            fd = sys.open(file.toString(), OpenFlags.O_WRONLY | OpenFlags.O_TRUNC | OpenFlags.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw new CgroupWriteException(file, value, e.errno(), sys.strerror(e.errno()));
        }
        try {
            sys.writeFully(fd, value.getBytes(StandardCharsets.UTF_8));
        } catch (ErrnoException e) {
            throw new CgroupWriteException(file, value, e.errno(), sys.strerror(e.errno()));
        } finally {
            try {
                sys.close(fd);
            } catch (ErrnoException ignored) {
                // the write's outcome is what counts; close of a cgroup file has nothing to report
            }
        }
    }

    public String read(String name) throws IOException {
        return Files.readString(path.resolve(name)).trim();
    }

    /** The file's content, or null when it does not exist. */
    public String readIfExists(String name) throws IOException {
        try {
            return read(name);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * A number as runc's GetCgroupParamUint reads it: "max" is the largest uint64 (-1 as a Java
     * long), a negative number is 0.
     */
    public long readUint(String name) throws IOException {
        return parseUint(read(name), path.resolve(name));
    }

    public static long parseUint(String text, Path where) throws IOException {
        String s = text.trim();
        if (s.equals("max")) return -1L;
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            try {
                if (Long.parseLong(s) < 0) return 0;
            } catch (NumberFormatException alsoNotSigned) {
                // neither form: reported below
            }
            throw new IOException("unable to parse " + where + ": " + s);
        }
    }

    /** "key value" lines (memory.stat, cpu.stat, memory.events), in file order. */
    public Map<String, Long> readKeyValues(String name) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(path.resolve(name))) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                if (line.isBlank()) continue;
                throw new IOException("unable to parse " + path.resolve(name) + ": line \"" + line + "\"");
            }
            out.put(f[0], parseUint(f[1], path.resolve(name)));
        }
        return out;
    }
}
