package io.jrunc.cli;

import java.io.File;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * jrunc's main classes, parsed with the JDK's class-file API, for the tests that check a rule across
 * the whole code: runtime-cli's test class path holds every module's main classes (target/classes
 * directories or the modules' jars); test classes and test jars are left out.
 */
final class MainClasses {
    private MainClasses() {}

    static List<ClassModel> all() throws IOException {
        List<ClassModel> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("test-classes") || entry.endsWith("-tests.jar")) continue;
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                read(path, out);
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (FileSystem jar = FileSystems.newFileSystem(path)) {
                    read(jar.getPath("/"), out);
                }
            }
        }
        return out;
    }

    private static void read(Path root, List<ClassModel> out) throws IOException {
        Path dir = root.resolve("io/jrunc");
        if (!Files.isDirectory(dir)) return;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (Path file : files) out.add(ClassFile.of().parse(Files.readAllBytes(file)));
    }
}
