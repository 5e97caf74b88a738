package io.jrunc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real helper decodes every op Java can encode and says what it understood: `jrunc-init --decode 0`
 * (a test mode that runs nothing) prints each op of the plan on its stdin as a line of text, which must
 * be what the Op record holds. So a code, an argument order or an encoding that differs between the
 * two sides fails here. No root needed; the helper is the one `make helper` built, as HookRunnerTest's.
 */
class PlanDecodeTest {
    private static final Path HELPER = Path.of("../runtime-native/target/jrunc-init").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @BeforeEach
    void needsTheBuiltHelper() {
        assumeTrue(Files.isExecutable(HELPER), "jrunc-init is built by `make helper`: " + HELPER);
    }

    private record Run(int exit, String out, String err) {}

    private Run decode(byte[] planBody) throws IOException, InterruptedException {
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        ArgWriter.u32(msg, 1); // PLAN
        ArgWriter.u32(msg, planBody.length);
        msg.writeBytes(planBody);
        Path in = Files.write(tmp.resolve("plan"), msg.toByteArray());
        Path err = tmp.resolve("err");
        Process p = new ProcessBuilder(HELPER.toString(), "--decode", "0")
                .redirectInput(in.toFile()).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS), "jrunc-init --decode finished");
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    @Test
    void helperUnderstandsEveryOpAsJavaMeantIt() throws Exception {
        List<Op> ops = SampleOps.everyOp();
        Run run = decode(new Plan(ops).encode());
        assertEquals("", run.err());
        assertEquals(0, run.exit());
        List<String> expected = ops.stream().map(SampleOps::decoded).toList();
        List<String> actual = run.out().lines().toList();
        assertEquals(expected.size(), actual.size(), run.out());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "op " + i + ", Op." + ops.get(i).getClass().getSimpleName());
        }
    }

    @Test
    void decodeModeRefusesWhatARunWouldRefuse() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ArgWriter.u32(body, Plan.MAGIC);
        ArgWriter.u32(body, Plan.VERSION);
        ArgWriter.u32(body, 1);
        ArgWriter.u16(body, OpCode.UMASK.code());
        ArgWriter.u16(body, 1);
        body.write(ArgWriter.STR);
        ArgWriter.u32(body, 1);
        body.write(0);
        Run run = decode(body.toByteArray());
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertEquals("jrunc-init: plan: bad arguments for UMASK: Invalid argument\n", run.err());
    }
}
