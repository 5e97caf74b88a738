package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 6 (docs/reliability.md, "Input limits"): a config.json with a 20 MB annotation was
 * refused with Jackson's internal text after 4.3 s and 199 MB RSS. Now it is refused at once, naming
 * the field and the limit, with nothing created; a value at the limit still runs.
 */
class LargeConfigTest extends ItBase {

    @Test
    void aTwentyMegabyteAnnotationIsRefusedQuicklyNamingTheField() throws Exception {
        Bundle b = bundle().args("true");
        b.config().withObject("/annotations").put("big", "x".repeat(20_051_112));
        String id = newId("big");
        OciRuntime.Result r = run(b, id);
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("annotations.big") && r.stderr().contains("1000000 characters"), r.stderr());
        assertFalse(r.stderr().contains("StreamReadConstraints"), r.stderr());
        assertTrue(r.took().compareTo(Duration.ofSeconds(10)) < 0, "refused in " + r.took());
        assertFalse(Files.exists(rt.root().resolve(id)), "no state directory");
    }

    @Test
    void invalidUtf8NamesTheByteOffsetAndTheField() throws Exception {
        Bundle b = bundle().hostname("HOSTNAME_MARK");
        b.write();
        byte[] json = Files.readAllBytes(b.dir.resolve("config.json"));
        String text = new String(json, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("HOSTNAME_MARK");
        json[at] = (byte) 0xff;
        Files.write(b.dir.resolve("config.json"), json);
        String id = rt.track(newId("utf"));
        OciRuntime.Result r = rt.run("run", "--bundle", b.dir.toString(), id);
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("hostname") && r.stderr().contains("invalid UTF-8 at byte offset " + at), r.stderr());
    }
}
