package io.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class files read from the code source: from a directory, from a jar, and no descriptor left open. */
class ClassFileBytesTest {
    record Sample(String a) {}

    private static byte[] original(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsFromTheClassesDirectory() throws Exception {
        assertArrayEquals(original(Sample.class), ClassFileBytes.of(Sample.class));
    }

    @Test
    void readsFromTheJarAndClosesItWhenTheSharedReadsEnd(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("sample.jar");
        byte[] bytes = original(Sample.class);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(Sample.class.getName().replace('.', '/') + ".class"));
            out.write(bytes);
        }
        Class<?> fromJar;
        // Closed once the class is loaded: the loader's own open jar would share its descriptor.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            fromJar = loader.loadClass(Sample.class.getName());
        }
        assertEquals(0, openDescriptorsOf(jar));
        assertArrayEquals(bytes, ClassFileBytes.of(fromJar));
        assertEquals(0, openDescriptorsOf(jar), "a read on its own closes the jar");
        long inside = ClassFileBytes.sharingJars(() -> {
            assertArrayEquals(bytes, ClassFileBytes.of(fromJar));
            assertArrayEquals(bytes, ClassFileBytes.of(fromJar));
            return openDescriptorsOf(jar);
        });
        assertEquals(1, inside, "both reads through one open jar");
        assertEquals(0, openDescriptorsOf(jar), "closed when the shared reads end");
    }

    @Test
    void aClassWithoutCodeSourceHasNoClassFile() {
        assertNull(ClassFileBytes.of(String.class));
    }

    private static long openDescriptorsOf(Path file) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
