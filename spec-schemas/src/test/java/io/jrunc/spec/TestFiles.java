package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the tests' inputs live: the Docker client fixtures and runc's captured output. */
final class TestFiles {
    private TestFiles() {}

    /**
     * The repository's test-fixtures/docker (see its README: one copy for every module); Surefire
     * runs in the module directory, one level below the repository's root.
     */
    static final Path DOCKER_FIXTURES = Path.of("../test-fixtures/docker");

    static List<Path> dockerFixtures() {
        assertTrue(Files.isDirectory(DOCKER_FIXTURES),
                "missing " + DOCKER_FIXTURES.toAbsolutePath().normalize() + " (the repository's test-fixtures/docker)");
        try (Stream<Path> files = Files.list(DOCKER_FIXTURES)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(list.size() >= 6, "expected the six Docker fixtures, found " + list);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of src/test/resources/runc-1.1.5, byte for byte as runc printed it. */
    static String runcOutput(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/runc-1.1.5/" + name)) {
            if (in == null) throw new IllegalStateException("no test resource runc-1.1.5/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
