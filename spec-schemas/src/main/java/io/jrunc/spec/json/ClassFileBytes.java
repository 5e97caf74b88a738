package io.jrunc.spec.json;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class file a class was loaded from, read from its code source (the jar or directory on the
 * class path), for {@link DeclaredAnnotations}.
 *
 * <p>Not through {@code ClassLoader.getResourceAsStream}: that asks the parent loaders first (which
 * opens the JDK's module image) and then every jar before ours on the class path, a cost
 * {@code create} would see. A jar is opened once for all the reads {@link #sharingJars} runs
 * (reopening the spec's jar for each record costs more; docs/performance.md, "Figures behind the
 * code") and closed when it returns: a jar the JDK
 * opens is not close-on-exec, and create spawns the container's helper.
 */
final class ClassFileBytes {
    /** The jars opened while {@link #sharingJars} runs, by path. */
    private static final ScopedValue<Map<Path, JarFile>> OPEN_JARS = ScopedValue.newInstance();

    private ClassFileBytes() {}

    /** Runs {@code reads} with each jar it reads from opened once; nested calls share the outer jars. */
    static <T> T sharingJars(Supplier<T> reads) {
        if (OPEN_JARS.isBound()) return reads.get();
        Map<Path, JarFile> jars = new HashMap<>();
        try {
            return ScopedValue.where(OPEN_JARS, jars).call(reads::get);
        } finally {
            for (JarFile jar : jars.values()) {
                try {
                    jar.close();
                } catch (IOException e) {
                    // Only read from: nothing is lost; the descriptor is released either way.
                }
            }
        }
    }

    /**
     * The bytes of {@code type}'s class file; null when it has no code source, the code source is
     * not a local file, or the file has no entry for it.
     */
    static byte[] of(Class<?> type) {
        String entry = type.getName().replace('.', '/') + ".class";
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location == null || !"file".equals(location.getProtocol())) return null;
            Path path = Path.of(location.toURI());
            if (Files.isDirectory(path)) {
                Path file = path.resolve(entry);
                return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            }
            if (OPEN_JARS.isBound()) {
                JarFile jar = OPEN_JARS.get().get(path);
                if (jar == null) {
                    jar = open(path);
                    OPEN_JARS.get().put(path, jar);
                }
                return read(jar, entry);
            }
            try (JarFile jar = open(path)) {
                return read(jar, entry);
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    /** Versioned as the class loader reads a multi-release jar. */
    private static JarFile open(Path path) throws IOException {
        return new JarFile(path.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
    }

    private static byte[] read(JarFile jar, String entry) throws IOException {
        ZipEntry e = jar.getEntry(entry);
        if (e == null) return null;
        try (InputStream in = jar.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
