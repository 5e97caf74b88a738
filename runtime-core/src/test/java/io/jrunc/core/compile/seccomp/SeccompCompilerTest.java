package io.jrunc.core.compile.seccomp;

import static io.jrunc.core.compile.seccomp.BpfInterpreter.AUDIT_ARCH_I386;
import static io.jrunc.core.compile.seccomp.BpfInterpreter.AUDIT_ARCH_X86_64;
import static io.jrunc.core.compile.PlanCompilerTest.minimal;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.CompileInput;
import io.jrunc.core.compile.FakeHost;
import io.jrunc.core.compile.PlanCompilerTest;
import io.jrunc.core.plan.BpfInstruction;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import io.jrunc.core.plan.PlanBuilder;
import io.jrunc.core.plan.SyncPoint;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecJson;
import io.jrunc.sys.seccomp.Libseccomp;
import io.jrunc.sys.seccomp.SeccompUnavailableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * linux.seccomp -> BPF, checked by running the compiled program in {@link BpfInterpreter} the way
 * the kernel would (x86_64 syscall numbers), and where its ops land in the plan.
 */
class SeccompCompilerTest {
    // x86_64 syscall numbers
    public static final int READ = 0, GETPID = 39, SENDMSG = 46, UNAME = 63, MKDIR = 83, CHMOD = 90, PERSONALITY = 135,
            UNSHARE = 272, CLONE3 = 435;
    static final int I386_MKDIR = 39, X32_READ = 0x40000000;
    // what a filter returns (SECCOMP_RET_*, libseccomp's action values)
    static final int ALLOW = 0x7fff0000, KILL_THREAD = 0, KILL_PROCESS = 0x80000000, TRAP = 0x00030000,
            LOG = 0x7ffc0000, NOTIFY = 0x7fc00000;

    public static int errno(int e) { return 0x00050000 | e; }

    static int trace(int v) { return 0x7ff00000 | v; }

    static Spec withSeccomp(String seccomp) {
        return withSeccomp(seccomp, "");
    }

    static Spec withSeccomp(String seccomp, String process) {
        return minimal(process, "", ",\"seccomp\":" + seccomp);
    }

    public static Plan plan(Spec spec) throws ConfigException {
        return PlanCompilerTest.compile(spec);
    }

    public static Op.Seccomp load(Spec spec) throws ConfigException {
        List<Op.Seccomp> loads = PlanCompilerTest.ops(plan(spec), Op.Seccomp.class);
        assertEquals(1, loads.size());
        return loads.getFirst();
    }

    public static List<BpfInstruction> program(String seccomp) throws ConfigException {
        return load(withSeccomp(seccomp)).program();
    }

    public static int run(List<BpfInstruction> p, int nr, long... args) {
        return BpfInterpreter.run(p, AUDIT_ARCH_X86_64, nr, args);
    }

    public static ConfigException refused(String seccomp) {
        return refused(seccomp, "");
    }

    public static ConfigException refused(String seccomp, String process) {
        return assertThrows(ConfigException.class, () -> plan(withSeccomp(seccomp, process)));
    }

    public static CompileInput input(Spec spec) {
        return new CompileInput("c1", spec, Path.of("/bundle"), Path.of("/bundle/rootfs"), Path.of("/run/jrunc/c1"),
                false, 0, true, PlanCompilerTest.CGROUPS, FakeHost.permissive());
    }

    @Test
    void dockersDefaultProfileCompilesAndBlocksWhatItBlocks() throws Exception {
        Spec spec = SpecJson.readConfig(PlanCompilerTest.FIXTURES.resolve("default.json"));
        Op.Seccomp load = load(spec);
        List<BpfInstruction> p = load.program();
        assertTrue(p.size() > 100 && p.size() <= SeccompBpf.MAX_INSTRUCTIONS, "size " + p.size());
        assertEquals(SeccompNames.FLAG_SPEC_ALLOW, load.flags(), "no flags member: runc's default SPEC_ALLOW");

        assertEquals(ALLOW, run(p, MKDIR));
        assertEquals(ALLOW, run(p, READ));
        assertEquals(errno(1), run(p, UNSHARE), "not listed: the default action, EPERM");
        assertEquals(errno(38), run(p, CLONE3), "clone3 has its own errnoRet");
        assertEquals(ALLOW, run(p, PERSONALITY, 0), "personality(PER_LINUX) is allowed");
        assertEquals(ALLOW, run(p, PERSONALITY, 0xffffffffL), "personality query is allowed");
        assertEquals(errno(1), run(p, PERSONALITY, 5), "other personalities are not");
        assertEquals(errno(38), run(p, 1000), "a syscall newer than the profile: ENOSYS, not EPERM");
        // the other architectures of the profile
        assertEquals(ALLOW, BpfInterpreter.run(p, AUDIT_ARCH_I386, I386_MKDIR));
        assertEquals(errno(38), BpfInterpreter.run(p, AUDIT_ARCH_I386, 1000));
        assertEquals(ALLOW, run(p, X32_READ));
        assertEquals(errno(38), run(p, X32_READ + 1000));
        assertEquals(KILL_THREAD, BpfInterpreter.run(p, 0xC00000B7, 0), "an architecture not in the profile");
    }

    @Test
    void dockersProfileWithoutNoNewPrivilegesLoadsBeforeTheUidSwitch() throws Exception {
        Spec spec = SpecJson.readConfig(PlanCompilerTest.FIXTURES.resolve("default.json"));
        List<Op> ops = plan(spec).ops();
        int load = indexOf(ops, Op.Seccomp.class);
        assertTrue(load > indexOf(ops, Op.PivotRoot.class));
        assertTrue(load > indexOf(ops, Op.CapsBounding.class), "cutting the bounding set keeps CAP_SYS_ADMIN effective");
        assertTrue(load < indexOf(ops, Op.SetResUid.class));
        assertTrue(load < indexOf(ops, Op.CapsSet.class));
        // everything that looks at the filesystem comes before the filter (strict profiles deny openat2...)
        for (Class<? extends Op> before : List.of(Op.SetGroups.class, Op.SetResGid.class, Op.Umask.class, Op.Chdir.class,
                Op.ResolveExec.class, Op.CloseFds.class)) {
            assertTrue(indexOf(ops, before) < load, before.getSimpleName());
        }
    }

    /**
     * What the helper does after the filter is the fixed set docs/seccomp.md lists ("After the
     * filter"); StrictSeccompTest runs containers under exactly the syscalls of those ops. A new op
     * here must be added to both, with its syscalls.
     */
    @Test
    public void afterTheFilterOnlyTheDocumentedOpsRun() throws Exception {
        Set<Class<? extends Op>> documented = Set.of(Op.SetResUid.class, Op.CapsSet.class, Op.NoNewPrivs.class,
                Op.Ready.class, Op.Sync.class, Op.WaitFifo.class, Op.Execve.class);
        for (String nnp : List.of("false", "true")) {
            List<Op> ops = plan(PlanCompilerTest.spec("""
                    {"ociVersion":"1.2.0","root":{"path":"rootfs"},
                     "process":{"args":["sh"],"cwd":"/tmp","noNewPrivileges":%s,"env":["PATH=/bin"],
                       "user":{"uid":1000,"gid":1000,"additionalGids":[5]},
                       "capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"],
                                       "inheritable":["CAP_KILL"],"ambient":["CAP_KILL"]}},
                     "linux":{"namespaces":[{"type":"mount"},{"type":"pid"}],
                       "seccomp":{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}}}
                    """.formatted(nnp))).ops();
            int load = indexOf(ops, Op.Seccomp.class);
            for (Op op : ops.subList(load + 1, ops.size())) {
                assertTrue(documented.contains(op.getClass()), op + " runs after the filter" + nnp);
                if (op instanceof Op.Sync sync) assertEquals(SyncPoint.RECORDED.tag(), sync.tag(), "only create's last sync");
            }
        }
    }

    @Test
    void withNoNewPrivilegesTheFilterComesRightBeforeExecve() throws Exception {
        List<Op> ops = plan(withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}", ",\"noNewPrivileges\":true")).ops();
        int load = indexOf(ops, Op.Seccomp.class);
        assertEquals(ops.size() - 2, load);
        assertInstanceOf(Op.WaitFifo.class, ops.get(load - 1));
        assertInstanceOf(Op.Execve.class, ops.get(load + 1));
        assertTrue(indexOf(ops, Op.NoNewPrivs.class) < load);
    }

    @Test
    void everyActionMapsToItsKernelValue() throws Exception {
        Map<String, Integer> expected = Map.of(
                "SCMP_ACT_KILL", KILL_THREAD,
                "SCMP_ACT_KILL_THREAD", KILL_THREAD,
                "SCMP_ACT_KILL_PROCESS", KILL_PROCESS,
                "SCMP_ACT_TRAP", TRAP,
                "SCMP_ACT_ERRNO", errno(1),
                "SCMP_ACT_TRACE", trace(1),
                "SCMP_ACT_LOG", LOG);
        for (var e : expected.entrySet()) {
            List<BpfInstruction> p = program("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\""
                    + e.getKey() + "\"}]}");
            assertEquals((int) e.getValue(), run(p, MKDIR), e.getKey());
            assertEquals(ALLOW, run(p, GETPID), e.getKey());
        }
        List<BpfInstruction> allow = program("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"getpid\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
        assertEquals(ALLOW, run(allow, GETPID));
        assertEquals(errno(1), run(allow, READ));
        assertEquals(errno(38), run(allow, MKDIR), "above getpid, the largest syscall named: ENOSYS");
    }

    @Test
    void errnoRetAndDefaultErrnoRet() throws Exception {
        List<BpfInstruction> p = program("""
                {"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":6,"syscalls":[
                 {"names":["getpid","read"],"action":"SCMP_ACT_ALLOW"},
                 {"names":["mkdir"],"action":"SCMP_ACT_ERRNO","errnoRet":42},
                 {"names":["chmod"],"action":"SCMP_ACT_TRACE","errnoRet":7}]}""");
        assertEquals(errno(42), run(p, MKDIR));
        assertEquals(trace(7), run(p, CHMOD));
        assertEquals(errno(6), run(p, UNAME));
        assertEquals(ALLOW, run(p, READ));
    }

    @Test
    void everyOperator() throws Exception {
        record Case(String op, long value, long valueTwo, long matches, long doesNot) {}
        List<Case> cases = List.of(
                new Case("SCMP_CMP_EQ", 5, 0, 5, 6),
                new Case("SCMP_CMP_NE", 5, 0, 6, 5),
                new Case("SCMP_CMP_LT", 5, 0, 4, 5),
                new Case("SCMP_CMP_LE", 5, 0, 5, 6),
                new Case("SCMP_CMP_GT", 5, 0, 6, 5),
                new Case("SCMP_CMP_GE", 5, 0, 5, 4),
                new Case("SCMP_CMP_MASKED_EQ", 0xff00, 0x1200, 0x12ab, 0x13ab),
                new Case("SCMP_CMP_EQ", 0xffffffffL, 0, 0xffffffffL, 0xfffffffeL),
                new Case("SCMP_CMP_GT", 0x100000000L, 0, 0x100000001L, 0xffffffffL));
        for (Case c : cases) {
            List<BpfInstruction> p = program("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"personality\"],"
                    + "\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,\"value\":" + c.value() + ",\"valueTwo\":" + c.valueTwo()
                    + ",\"op\":\"" + c.op() + "\"}]}]}");
            assertEquals(ALLOW, run(p, PERSONALITY, c.matches()), c.toString());
            assertEquals(errno(1), run(p, PERSONALITY, c.doesNot()), c.toString());
        }
    }

    @Test
    void conditionsOnDifferentArgumentsAndTheSameArgument() throws Exception {
        // different arguments: all must hold
        List<BpfInstruction> and = program("""
                {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["chmod"],"action":"SCMP_ACT_ERRNO","args":[
                 {"index":0,"value":1,"op":"SCMP_CMP_EQ"},{"index":1,"value":2,"op":"SCMP_CMP_EQ"}]}]}""");
        assertEquals(errno(1), run(and, CHMOD, 1, 2));
        assertEquals(ALLOW, run(and, CHMOD, 1, 3));
        // one argument twice: runc makes one rule per condition, so either matches
        List<BpfInstruction> or = program("""
                {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["chmod"],"action":"SCMP_ACT_ERRNO","args":[
                 {"index":1,"value":1,"op":"SCMP_CMP_EQ"},{"index":1,"value":2,"op":"SCMP_CMP_EQ"}]}]}""");
        assertEquals(errno(1), run(or, CHMOD, 0, 1));
        assertEquals(errno(1), run(or, CHMOD, 0, 2));
        assertEquals(ALLOW, run(or, CHMOD, 0, 3));
    }

    @Test
    void unknownSyscallNamesAreSkippedAndRulesLikeTheDefaultToo() throws Exception {
        List<BpfInstruction> p = program("""
                {"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
                 {"names":["no_such_syscall_at_all","getpid"],"action":"SCMP_ACT_ALLOW"},
                 {"names":["mkdir"],"action":"SCMP_ACT_ERRNO"}]}""");
        assertEquals(ALLOW, run(p, GETPID));
        assertEquals(errno(1), run(p, MKDIR));
    }

    @Test
    void noEnosysStubWhenTheDefaultLetsSyscallsThrough() throws Exception {
        List<BpfInstruction> allow = program("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_ERRNO\"}]}");
        assertEquals(ALLOW, run(allow, 1000));
        List<BpfInstruction> kill = program("{\"defaultAction\":\"SCMP_ACT_KILL\",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
        assertEquals(errno(38), run(kill, MKDIR + 1), "above mkdir, the largest syscall named: ENOSYS");
        assertEquals(KILL_THREAD, run(kill, MKDIR - 1), "below it: the default");
    }

    @Test
    public void flags() throws Exception {
        String rules = ",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_ERRNO\"}]";
        assertEquals(4, load(withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\"" + rules + "}")).flags());
        assertEquals(0, load(withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":[]" + rules + "}")).flags());
        assertEquals(0, load(withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":[\"SECCOMP_FILTER_FLAG_TSYNC\"]" + rules + "}")).flags());
        assertEquals(2 | 4, load(withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":[\"SECCOMP_FILTER_FLAG_LOG\","
                + "\"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"]" + rules + "}")).flags());
        Op.Seccomp notify = load(withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"listenerPath\":\"/run/agent.sock\","
                + "\"flags\":[\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"],\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}"));
        assertEquals(8 | 32, notify.flags());
        assertEquals(NOTIFY, run(notify.program(), MKDIR));
    }

    @Test
    void notifyConnectsBeforeThePivotAndLoadsBeforeReadyUnderNoNewPrivileges() throws Exception {
        Spec spec = minimal(",\"noNewPrivileges\":true", ",\"annotations\":{\"b\":\"2\",\"a\":\"1\"}", """
                ,"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","listenerPath":"agent.sock","listenerMetadata":"meta data",
                 "syscalls":[{"names":["mkdir"],"action":"SCMP_ACT_NOTIFY"}]}""");
        List<Op> ops = plan(spec).ops();
        int listener = indexOf(ops, Op.SeccompListener.class);
        int load = indexOf(ops, Op.Seccomp.class);
        assertEquals(indexOf(ops, Op.PivotRoot.class) - 1, listener);
        assertEquals(indexOf(ops, Op.Ready.class) - 1, load);
        Op.SeccompListener l = (Op.SeccompListener) ops.get(listener);
        assertEquals("/bundle/agent.sock", l.socketPath(), "relative to the bundle, as runc (which runs there) sees it");

        JsonNode state = new ObjectMapper().readTree(String.join("4242", l.payload()));
        assertEquals("1.2.0", state.get("ociVersion").asText());
        assertEquals("[\"seccompFd\"]", state.get("fds").toString());
        assertEquals(4242, state.get("pid").asInt());
        assertEquals("meta data", state.get("metadata").asText());
        JsonNode s = state.get("state");
        assertEquals("c1", s.get("id").asText());
        assertEquals("creating", s.get("status").asText());
        assertEquals(4242, s.get("pid").asInt());
        assertEquals("/bundle", s.get("bundle").asText());
        assertEquals("{\"a\":\"1\",\"b\":\"2\"}", s.get("annotations").toString());
        assertEquals(3, l.payload().size(), "the pid goes in exactly two places");
    }

    @Test
    void notifyWithoutNoNewPrivilegesLoadsBeforeTheUidSwitch() throws Exception {
        List<Op> ops = plan(withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"listenerPath\":\"/a.sock\","
                + "\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}")).ops();
        assertTrue(indexOf(ops, Op.SeccompListener.class) < indexOf(ops, Op.PivotRoot.class));
        assertTrue(indexOf(ops, Op.Seccomp.class) < indexOf(ops, Op.SetResUid.class));
        String metadataLess = String.join("1", ((Op.SeccompListener) ops.get(indexOf(ops, Op.SeccompListener.class))).payload());
        assertFalse(metadataLess.contains("metadata"), metadataLess);
        assertFalse(metadataLess.contains("annotations"), metadataLess);
    }

    @Test
    void errorsNameTheField() {
        String allow = "\"defaultAction\":\"SCMP_ACT_ALLOW\"";
        assertEquals("linux.seccomp.syscalls[1].action: unknown action \"SCMP_ACT_FOO\"", refused("{" + allow
                + ",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ERRNO\"},{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_FOO\"}]}")
                .getMessage());
        assertEquals("linux.seccomp.defaultAction: unknown action \"SCMP_ACT_NOPE\"",
                refused("{\"defaultAction\":\"SCMP_ACT_NOPE\"}").getMessage());
        assertEquals("linux.seccomp.syscalls[0].args[0].op", refused("{" + allow
                + ",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":0,\"value\":1,\"op\":\"SCMP_CMP_ABOUT\"}]}]}")
                .path());
        assertEquals("linux.seccomp.architectures[1]: unknown architecture \"SCMP_ARCH_Z80\"",
                refused("{" + allow + ",\"architectures\":[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_Z80\"]}").getMessage());
        assertEquals("linux.seccomp.flags[0]", refused("{" + allow + ",\"flags\":[\"SECCOMP_FILTER_FLAG_FAST\"]}").path());
        assertEquals("linux.seccomp.syscalls[0].errnoRet", refused("{\"defaultAction\":\"SCMP_ACT_ERRNO\""
                + ",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\",\"errnoRet\":5}]}").path());
        assertEquals("linux.seccomp.defaultErrnoRet", refused("{" + allow + ",\"defaultErrnoRet\":1}").path());
        assertEquals("linux.seccomp.defaultAction", refused("{\"defaultAction\":\"SCMP_ACT_NOTIFY\",\"listenerPath\":\"/a\"}").path());
        assertEquals("linux.seccomp.listenerPath", refused("{" + allow
                + ",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}").path());
        assertEquals("linux.seccomp.listenerMetadata", refused("{" + allow + ",\"listenerMetadata\":\"x\"}").path());
        assertEquals("linux.seccomp.syscalls[0].names[1]", refused("{" + allow + ",\"listenerPath\":\"/a\""
                + ",\"syscalls\":[{\"names\":[\"mkdir\",\"sendmsg\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}").path());
        assertEquals("linux.seccomp.flags[0]", refused("{" + allow
                + ",\"flags\":[\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"]}").path());
        assertEquals("linux.seccomp.listenerPath", refused("{" + allow + ",\"listenerPath\":\"/" + "x".repeat(120) + "\""
                + ",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}").path());
    }

    @Test
    void anArchitectureThisLibseccompDoesNotKnow() {
        // runtime-spec names it, libseccomp 2.5 predates it
        ConfigException e = refused("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":[\"SCMP_ARCH_LOONGARCH64\"]}");
        assertEquals("linux.seccomp.architectures[0]", e.path());
        assertTrue(e.getMessage().contains("not supported by libseccomp.so.2"), e.getMessage());
    }

    @Test
    void missingLibseccompIsAClearErrorNotASilentSkip() {
        Spec spec = withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}");
        ConfigException e = assertThrows(ConfigException.class, () -> compile(input(spec),
                () -> { throw new SeccompUnavailableException(Libseccomp.LIBRARY, new IllegalArgumentException("cannot open shared object file")); }));
        assertEquals("linux.seccomp: seccomp was requested but libseccomp.so.2 could not be loaded: cannot open shared object file",
                e.getMessage());
        // the real loader, pointed at a library that is not there
        ConfigException real = assertThrows(ConfigException.class,
                () -> compile(input(spec), () -> Libseccomp.load("libseccomp-missing.so.2")));
        assertTrue(real.getMessage().startsWith("linux.seccomp: seccomp was requested but libseccomp-missing.so.2 could not be loaded: "),
                real.getMessage());
    }

    @Test
    void withoutSeccompNothingIsLoaded() throws Exception {
        List<Op> none = compile(input(minimal("", "", "")), () -> { throw new AssertionError("loaded"); });
        assertEquals(List.of(), none);
    }

    @Test
    void theProgramGoesOnTheWireAsEightBytesPerInstruction() {
        List<BpfInstruction> p = List.of(new BpfInstruction(0x20, 0, 0, 4), new BpfInstruction(0x15, 1, 2, 0xC000003E),
                new BpfInstruction(0x06, 0, 0, 0x7fff0000));
        byte[] body = new Plan(List.of(new Op.Seccomp(io.jrunc.core.plan.Origin.of("linux.seccomp"), p, 4))).encode();
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        b.position(12);
        assertEquals(37, b.getShort());
        assertEquals(2, b.getShort());
        assertEquals(4, b.get(), "BYTES");
        assertEquals(24, b.getInt());
        byte[] bytes = new byte[24];
        b.get(bytes);
        ByteBuffer host = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (BpfInstruction i : p) host.putShort((short) i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
        assertArrayEquals(host.array(), bytes);
        assertEquals(p, BpfInstruction.parse(bytes));
        assertEquals(1, b.get(), "INT flags");
        assertEquals(4, b.getLong());
    }

    private static int indexOf(List<Op> ops, Class<? extends Op> type) {
        for (int i = 0; i < ops.size(); i++) if (type.isInstance(ops.get(i))) return i;
        return -1;
    }

    /** Every op the compiler appended, slot after slot. */
    private static List<Op> compile(CompileInput in, SeccompCompiler.Loader loader) throws ConfigException {
        PlanBuilder plan = new PlanBuilder();
        SeccompCompiler.compile(in.id(), in.spec(), in.bundle(), loader, plan);
        List<Op> ops = new java.util.ArrayList<>();
        for (PlanBuilder.Slot slot : PlanBuilder.Slot.values()) ops.addAll(plan.at(slot));
        return ops;
    }
}
