package io.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecException;
import io.jrunc.spec.SpecJson;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 6: a 20 MB annotation was refused with Jackson's internal text after 4.3 s and
 * 199 MB; invalid UTF-8 without the offset or the field. Now both name the field, quickly.
 */
class InputLimitsTest {
    private static final String HEAD = "{\"ociVersion\":\"1.2.0\",\"process\":{\"args\":[\"sh\"],\"cwd\":\"/\",\"env\":[\"A=1\",\"";
    private static final String TAIL = "\"]},\"root\":{\"path\":\"rootfs\"},\"annotations\":{\"small\":\"x\"}}";

    private static byte[] withAnnotation(String key, int length) {
        StringBuilder s = new StringBuilder(length + 200)
                .append("{\"ociVersion\":\"1.2.0\",\"root\":{\"path\":\"rootfs\"},\"annotations\":{\"a\":\"b\",\"")
                .append(key).append("\":\"");
        s.repeat('x', length);
        return s.append("\"}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTwentyMegabyteAnnotationIsRefusedQuicklyNamingTheFieldAndTheLimit() {
        byte[] json = withAnnotation("big", 20_051_112);
        long start = System.nanoTime();
        SpecException e = assertThrows(SpecException.class, () -> SpecJson.parseConfig(json));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("annotations.big", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("longer than 1000000 characters"), e.getMessage());
        assertTrue(!e.getMessage().contains("StreamReadConstraints"), "no Jackson internals: " + e.getMessage());
        assertTrue(millis < 2000, "refused in " + millis + " ms");
        // A key that is not an identifier is named as a map key.
        assertEquals("annotations[\"org.example/big\"]",
                assertThrows(SpecException.class, () -> SpecJson.parseConfig(withAnnotation("org.example/big", 1_000_001))).path());
    }

    @Test
    void aValueAtTheLimitIsAccepted() {
        Spec spec = SpecJson.parseConfig(withAnnotation("big", InputLimits.MAX_STRING_LENGTH));
        assertEquals(InputLimits.MAX_STRING_LENGTH, spec.annotations().get("big").length());
        // And the state reader reads back what create accepted.
        String state = "{\"annotations\":{\"big\":\"" + "x".repeat(InputLimits.MAX_STRING_LENGTH) + "\"}}";
        assertTrue(StrictJsonReader.parse(state) != null);
    }

    @Test
    void invalidUtf8IsRefusedNamingTheByteOffsetAndTheField() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HEAD.getBytes(StandardCharsets.UTF_8));
        int offset = b.size() + 2;
        b.writeBytes(new byte[] {'B', '=', (byte) 0xff, 'z'});
        b.writeBytes(TAIL.getBytes(StandardCharsets.UTF_8));
        SpecException e = assertThrows(SpecException.class, () -> SpecJson.parseConfig(b.toByteArray()));
        assertEquals("process.env[1]", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("invalid UTF-8 at byte offset " + offset + " (byte 0xff)"), e.getMessage());
    }

    @Test
    void overlongAndSurrogateEncodingsAreInvalidToo() {
        for (byte[] bad : new byte[][] {{(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}}) {
            byte[] json = concat("{\"hostname\":\"", bad, "\"}");
            InputLimits.Finding f = InputLimits.find(json);
            assertEquals("hostname", f.path());
            assertTrue(f.detail().startsWith("invalid UTF-8 at byte offset 13"), f.detail());
        }
        assertNull(InputLimits.find("{\"hostname\":\"é€😀\"}".getBytes(StandardCharsets.UTF_8)), "valid multibyte text");
        assertNull(InputLimits.find("{\"hostname\":".getBytes(StandardCharsets.UTF_8)), "not JSON: Jackson's to report");
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefusedBeforeItIsRead(@TempDir Path tmp) throws Exception {
        Path big = tmp.resolve("config.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(InputLimits.MAX_DOCUMENT_BYTES + 1); // sparse: nothing is written
        }
        SpecException e = assertThrows(SpecException.class, () -> SpecJson.readConfig(big));
        assertTrue(e.getMessage().contains("over jrunc's limit of 64 MiB"), e.getMessage());
    }

    private static byte[] concat(String a, byte[] mid, String c) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(a.getBytes(StandardCharsets.UTF_8));
        b.writeBytes(mid);
        b.writeBytes(c.getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }
}
