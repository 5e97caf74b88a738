package io.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jrunc.spec.json.DeclaredAnnotations.Found;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.classfile.AnnotationValue;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annotations RecordBinder decides by, read from class files: what is found, and what the
 * binder does with it (bind as Jackson does, or leave the record to Jackson).
 */
class DeclaredAnnotationsTest {
    @JsonPropertyOrder({"a", "plain", "class"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Renamed(@JsonProperty("class") String clazz, @JsonProperty String plain, String a) {}

    record Widths(@Uint16 Integer u16, @Uint32 long u32, @Uint64 Long u64, @Uint32Elements List<Long> gids) {}

    @Retention(RetentionPolicy.RUNTIME)
    @interface Unknown {}

    record UnknownOnParameter(@Unknown String a) {}

    @Unknown
    record UnknownOnClass(String a) {}

    record AnnotatedConstructor(String a) {
        @Deprecated
        AnnotatedConstructor {}
    }

    record Required(@JsonProperty(value = "x", required = true) String x) {}

    record WrittenOutDefault(@JsonProperty(value = "x", required = false) String x) {}

    record WithAccess(@JsonProperty(access = JsonProperty.Access.READ_ONLY) String x) {}

    record WithDefaultValue(@JsonProperty(defaultValue = "d") String x) {}

    @Test
    void findsTheClassAnnotationsAndJsonPropertyRenames() {
        DeclaredAnnotations d = DeclaredAnnotations.of(Renamed.class,
                new Class<?>[] {String.class, String.class, String.class}).orElseThrow();
        assertEquals(List.of(JsonPropertyOrder.class.descriptorString(), JsonInclude.class.descriptorString()),
                d.onClass().stream().map(Found::descriptor).toList());
        assertEquals(List.of(), d.onConstructor());
        assertEquals(3, d.onParameters().size());
        Found renamed = d.onParameters().get(0).getFirst();
        assertTrue(renamed.is(JsonProperty.class));
        assertEquals(Map.of("value", "class"), renamed.elements());
        Found bare = d.onParameters().get(1).getFirst();
        assertTrue(bare.is(JsonProperty.class));
        assertEquals(Map.of(), bare.elements(), "an element left at its default is not in the class file");
        assertEquals(List.of(), d.onParameters().get(2));
    }

    @Test
    void bindsRenamedMembersAsJacksonDoes() throws Exception {
        assertTrue(RecordBinder.handles(Renamed.class));
        byte[] json = "{\"class\":\"c\",\"plain\":\"p\",\"a\":\"x\",\"clazz\":\"ignored\"}".getBytes(StandardCharsets.UTF_8);
        Renamed fast = RecordBinder.tryRead(json, Renamed.class);
        assertEquals(new Renamed("c", "p", "x"), fast);
        assertEquals(SpecMapper.get().readValue(json, Renamed.class), fast);
    }

    @Test
    void findsEachUnsignedWidthAndBindsItsRangeOnly() throws Exception {
        DeclaredAnnotations d = DeclaredAnnotations.of(Widths.class,
                new Class<?>[] {Integer.class, long.class, Long.class, List.class}).orElseThrow();
        List<Class<?>> expected = List.of(Uint16.class, Uint32.class, Uint64.class, Uint32Elements.class);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(1, d.onParameters().get(i).size());
            assertTrue(d.onParameters().get(i).getFirst().is(expected.get(i)), expected.get(i).getName());
        }
        assertTrue(RecordBinder.handles(Widths.class));
        byte[] edges = "{\"u16\":65535,\"u32\":4294967295,\"u64\":18446744073709551615,\"gids\":[4294967295,0]}"
                .getBytes(StandardCharsets.UTF_8);
        Widths fast = RecordBinder.tryRead(edges, Widths.class);
        assertEquals(new Widths(65535, 4294967295L, -1L, List.of(4294967295L, 0L)), fast);
        assertEquals(SpecMapper.get().readValue(edges, Widths.class), fast);
        for (String past : List.of("{\"u16\":65536}", "{\"u32\":4294967296}", "{\"u64\":18446744073709551616}",
                "{\"gids\":[4294967296]}", "{\"u16\":-1}")) {
            assertNull(RecordBinder.tryRead(past.getBytes(StandardCharsets.UTF_8), Widths.class), past);
        }
    }

    @Test
    void anAnnotationItDoesNotKnowLeavesTheRecordToJackson() {
        DeclaredAnnotations d = DeclaredAnnotations.of(UnknownOnParameter.class, new Class<?>[] {String.class})
                .orElseThrow();
        assertTrue(d.onParameters().getFirst().getFirst().is(Unknown.class));
        assertFalse(RecordBinder.handles(UnknownOnParameter.class));
        assertFalse(RecordBinder.handles(UnknownOnClass.class));
        assertFalse(RecordBinder.handles(AnnotatedConstructor.class));
    }

    @Test
    void jsonPropertyWithAnythingButItsNameLeavesTheRecordToJackson() {
        Found required = DeclaredAnnotations.of(Required.class, new Class<?>[] {String.class}).orElseThrow()
                .onParameters().getFirst().getFirst();
        assertEquals("x", required.elements().get("value"));
        assertTrue(required.elements().get("required") instanceof AnnotationValue.OfBoolean b && b.booleanValue());
        assertFalse(RecordBinder.handles(Required.class));
        assertFalse(RecordBinder.handles(WrittenOutDefault.class), "written out, even at its default value");
        assertFalse(RecordBinder.handles(WithAccess.class));
        assertFalse(RecordBinder.handles(WithDefaultValue.class));
    }

    @Test
    void noConstructorOfThoseParameterTypesIsNoAnswer() {
        assertTrue(DeclaredAnnotations.of(Renamed.class, new Class<?>[] {String.class}).isEmpty());
    }

    @Test
    void readsTheClassFileFromTheJarTheClassWasLoadedFrom(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("records.jar");
        String entry = Renamed.class.getName().replace('.', '/') + ".class";
        try (InputStream in = Renamed.class.getClassLoader().getResourceAsStream(entry);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        // Not delegating to the test's loader, so the class comes from the jar.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> fromJar = loader.loadClass(Renamed.class.getName());
            assertEquals(jar.toUri().toURL(), fromJar.getProtectionDomain().getCodeSource().getLocation());
            DeclaredAnnotations d = DeclaredAnnotations.of(fromJar,
                    new Class<?>[] {String.class, String.class, String.class}).orElseThrow();
            assertEquals(Map.of("value", "class"), d.onParameters().getFirst().getFirst().elements());
            assertTrue(RecordBinder.handles(fromJar));
        }
    }

    @Test
    void aClassWithoutAClassFileToReadIsLeftToJackson() throws Exception {
        Class<?> copy = new NoCodeSource().define(Renamed.class);
        assertNotSame(Renamed.class, copy);
        assertTrue(copy.isRecord());
        assertTrue(DeclaredAnnotations.of(copy, new Class<?>[] {String.class, String.class, String.class}).isEmpty());
        assertFalse(RecordBinder.handles(copy));
    }

    /** Defines a copy of a class without a code source, as a loader of generated classes does: no class file to read. */
    private static final class NoCodeSource extends ClassLoader {
        NoCodeSource() {
            super(DeclaredAnnotationsTest.class.getClassLoader());
        }

        Class<?> define(Class<?> original) throws IOException {
            String resource = original.getName().replace('.', '/') + ".class";
            byte[] bytes;
            try (InputStream in = original.getClassLoader().getResourceAsStream(resource)) {
                bytes = in.readAllBytes();
            }
            return defineClass(original.getName(), bytes, 0, bytes.length, (java.security.ProtectionDomain) null);
        }
    }
}
