package io.jrunc.core.compile.seccomp;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.compile.PlanCompilerTest;
import io.jrunc.core.plan.BpfInstruction;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecJson;
import io.jrunc.sys.seccomp.ArgCmp;
import io.jrunc.sys.seccomp.Libseccomp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The program jrunc compiles (libseccomp driven through FFM, plus the -ENOSYS stub) is exactly the
 * one libseccomp builds when the same calls are made from C ({@code src/test/c/seccomp-export.c},
 * built here with gcc against libseccomp.so.2), with the stub made from the largest syscall
 * numbers the C side resolves. SeccompBpf batches and caches its native calls for speed; this is
 * what keeps that from changing a byte.
 */
class SeccompBpfParityTest {
    private static final Path SOURCE = Path.of("src/test/c/seccomp-export.c");
    /** libseccomp's token for x32 (seccomp.h): AUDIT_ARCH_X86_64 without __AUDIT_ARCH_64BIT. */
    private static final int SCMP_ARCH_X32 = 0x4000003E;
    private static Path harness;

    @BeforeAll
    static void buildHarness() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/test-bin"));
        harness = dir.resolve("seccomp-export");
        Process gcc = new ProcessBuilder(System.getProperty("jrunc.test.cc", "gcc"), "-O2", "-Wall", "-Werror", "-o",
                harness.toString(), SOURCE.toString(), "-l:libseccomp.so.2").redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), "gcc " + SOURCE + ":\n" + out);
    }

    @Test
    void dockersDefaultProfile() throws Exception {
        assertSameAsLibseccompFromC(SpecJson.readConfig(PlanCompilerTest.FIXTURES.resolve("default.json")));
    }

    /**
     * The same program as the code before SeccompBpf was made faster (commit 4f72d5b), with the
     * libseccomp and architecture it was measured with: a second check, independent of the C harness.
     */
    @Test
    void dockersDefaultProfileIsTheProgramOfTheEarlierCode() throws Exception {
        Libseccomp lib = Libseccomp.load();
        Assumptions.assumeTrue(lib.version().equals("2.5.4") && lib.nativeArch() == EnosysStub.AUDIT_ARCH_X86_64,
                "recorded with libseccomp 2.5.4 on x86_64, this is " + lib.version());
        List<BpfInstruction> program = SeccompCompilerTest.load(
                SpecJson.readConfig(PlanCompilerTest.FIXTURES.resolve("default.json"))).program();
        byte[] bytes = bytes(program);
        assertEquals(9728, bytes.length);
        assertEquals("dd15b828b0aa4d697077c28d85a1df9383b469f2ef7a76229dc45eb9fa8a5cec", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void theUnitTestsProfiles() throws Exception {
        List<String> profiles = List.of(
                // several actions and values, an ENOSYS stub over one architecture
                """
                {"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":6,"syscalls":[
                 {"names":["getpid","read"],"action":"SCMP_ACT_ALLOW"},
                 {"names":["mkdir"],"action":"SCMP_ACT_ERRNO","errnoRet":42},
                 {"names":["chmod"],"action":"SCMP_ACT_TRACE","errnoRet":7},
                 {"names":["uname"],"action":"SCMP_ACT_KILL_PROCESS"},
                 {"names":["getppid"],"action":"SCMP_ACT_TRAP"},
                 {"names":["getuid"],"action":"SCMP_ACT_LOG"}]}""",
                // every operator, 64-bit values, conditions on different arguments (AND) and on one (OR)
                """
                {"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86"],"syscalls":[
                 {"names":["personality"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":65280,"valueTwo":4608,"op":"SCMP_CMP_MASKED_EQ"}]},
                 {"names":["chmod","fchmod"],"action":"SCMP_ACT_ERRNO","args":[
                  {"index":0,"value":1,"op":"SCMP_CMP_EQ"},{"index":1,"value":4294967296,"op":"SCMP_CMP_GT"}]},
                 {"names":["mkdir"],"action":"SCMP_ACT_ERRNO","args":[
                  {"index":1,"value":1,"op":"SCMP_CMP_LT"},{"index":1,"value":9,"op":"SCMP_CMP_GE"}]},
                 {"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":2,"value":5,"op":"SCMP_CMP_LE"}]},
                 {"names":["write"],"action":"SCMP_ACT_ERRNO","args":[{"index":3,"value":5,"op":"SCMP_CMP_NE"}]}]}""",
                // unknown names skipped, rules like the default left out, x32 in the stub, a kill default
                """
                {"defaultAction":"SCMP_ACT_KILL","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X32","SCMP_ARCH_X86"],"syscalls":[
                 {"names":["no_such_syscall_at_all","getpid","socketcall"],"action":"SCMP_ACT_ALLOW"},
                 {"names":["mkdir"],"action":"SCMP_ACT_KILL"}]}""",
                // a notify rule
                """
                {"defaultAction":"SCMP_ACT_ALLOW","listenerPath":"/run/agent.sock","syscalls":[
                 {"names":["mkdir"],"action":"SCMP_ACT_NOTIFY"}]}""",
                // no rules at all
                """
                {"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86"]}""");
        for (String p : profiles) assertSameAsLibseccompFromC(SeccompCompilerTest.withSeccomp(p));
    }

    private static void assertSameAsLibseccompFromC(Spec spec) throws Exception {
        SeccompProfile profile = SeccompProfile.of(spec.linux().seccomp(), Path.of("/bundle"));
        List<BpfInstruction> actual = SeccompCompilerTest.load(spec).program();

        Path bpf = Files.createTempFile(harness.getParent(), "bpf", ".out");
        try {
            Process c = new ProcessBuilder(harness.toString(), bpf.toString()).start();
            try (var in = c.getOutputStream()) {
                in.write(input(profile).getBytes(StandardCharsets.UTF_8));
            }
            String maxima = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(c.waitFor(30, TimeUnit.SECONDS), "the harness hangs");
            assertEquals(0, c.exitValue(), errors);
            List<BpfInstruction> expected = new ArrayList<>(stub(profile, maxima));
            expected.addAll(BpfInstruction.parse(Files.readAllBytes(bpf)));
            assertArrayEquals(bytes(expected), bytes(actual), profile.toString());
        } finally {
            Files.deleteIfExists(bpf);
        }
    }

    /** What SeccompBpf asks libseccomp, as the harness reads it. */
    private static String input(SeccompProfile p) {
        StringBuilder s = new StringBuilder("default " + Integer.toUnsignedString(p.defaultValue()) + "\n");
        for (String a : p.architectures()) s.append("arch ").append(SeccompNames.libseccompArchName(a)).append('\n');
        if (p.rules().size() > 32) s.append("optimize 2\n");
        for (SeccompProfile.Rule r : p.rules()) {
            s.append("rule ").append(Integer.toUnsignedString(r.value())).append(' ').append(r.syscall()).append(' ')
                    .append(r.conditions().size());
            for (ArgCmp c : r.conditions()) {
                s.append(' ').append(c.arg()).append(' ').append(c.op()).append(' ').append(Long.toUnsignedString(c.datumA()))
                        .append(' ').append(Long.toUnsignedString(c.datumB()));
            }
            s.append('\n');
        }
        for (String n : p.names()) s.append("name ").append(n).append('\n');
        return s.toString();
    }

    /**
     * runc's -ENOSYS stub from the harness's "ARCH_TOKEN MAX" lines: none when the default already lets
     * syscalls through or is ENOSYS; x32 (AUDIT_ARCH_X86_64 with its own numbers) goes with x86_64.
     */
    private static List<BpfInstruction> stub(SeccompProfile p, String maxima) {
        if (p.defaultAction().permissive() || p.defaultValue() == (0x00050000 | SeccompNames.ENOSYS)) return List.of();
        int x32 = SCMP_ARCH_X32;
        Map<Integer, long[]> byAudit = new LinkedHashMap<>();
        for (String line : maxima.strip().split("\n")) {
            String[] f = line.split(" ");
            int arch = Integer.parseUnsignedInt(f[0]);
            long max = Long.parseLong(f[1]);
            long[] m = byAudit.computeIfAbsent(arch == x32 ? EnosysStub.AUDIT_ARCH_X86_64 : arch, a -> new long[] {-1, -1});
            m[arch == x32 ? 1 : 0] = Math.max(m[arch == x32 ? 1 : 0], max);
        }
        List<EnosysStub.Arch> archs = new ArrayList<>();
        byAudit.forEach((audit, m) -> {
            if (m[0] >= 0 || m[1] >= 0) archs.add(new EnosysStub.Arch(audit, m[0], m[1]));
        });
        return archs.isEmpty() ? List.of() : EnosysStub.build(archs);
    }

    private static byte[] bytes(List<BpfInstruction> program) {
        ByteBuffer b = ByteBuffer.allocate(program.size() * BpfInstruction.SIZE).order(ByteOrder.nativeOrder());
        for (BpfInstruction i : program) b.putShort((short) i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
        return b.array();
    }
}
