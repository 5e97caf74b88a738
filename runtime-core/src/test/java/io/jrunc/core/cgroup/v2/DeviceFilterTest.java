package io.jrunc.core.cgroup.v2;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.cgroup.CgroupDeviceRule;
import io.jrunc.core.cgroup.DeviceRules;
import io.jrunc.spec.DeviceRule;
import io.jrunc.spec.Resources;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated eBPF device filter: its exact instructions for small cases, its encoding, and,
 * through an interpreter of the few opcodes it uses, that it decides every device the way the
 * v1 rules it comes from do.
 */
class DeviceFilterTest {
    private static final int CHAR = 2, BLOCK = 1, MKNOD = 1, READ = 2, WRITE = 4;

    /** Runs the program on struct bpf_cgroup_dev_ctx {access_type = type | access << 16, major, minor}. */
    static int run(List<EbpfInsn> prog, int type, int access, int major, int minor) {
        long[] r = new long[11];
        int[] ctx = {type | access << 16, major, minor};
        for (int pc = 0; pc < prog.size(); pc++) {
            EbpfInsn i = prog.get(pc);
            switch (i.code()) {
                case EbpfInsn.LDX_MEM_W -> {
                    assertEquals(1, i.src(), "loads only from the context");
                    r[i.dst()] = Integer.toUnsignedLong(ctx[i.off() / 4]);
                }
                case EbpfInsn.ALU_AND_K -> r[i.dst()] = (r[i.dst()] & i.imm()) & 0xffffffffL;
                case EbpfInsn.ALU_RSH_K -> r[i.dst()] = (r[i.dst()] & 0xffffffffL) >>> i.imm();
                case EbpfInsn.ALU_MOV_K -> r[i.dst()] = Integer.toUnsignedLong(i.imm());
                case EbpfInsn.ALU_MOV_X -> r[i.dst()] = r[i.src()] & 0xffffffffL;
                case EbpfInsn.JMP_JNE_K -> { if (r[i.dst()] != (long) i.imm()) pc += i.off(); }
                case EbpfInsn.JMP_JNE_X -> { if (r[i.dst()] != r[i.src()]) pc += i.off(); }
                case EbpfInsn.JMP_EXIT -> { return (int) r[0]; }
                default -> fail("unexpected opcode 0x" + Integer.toHexString(i.code()));
            }
            assertTrue(pc + 1 <= prog.size(), "jump out of the program");
        }
        return fail("fell off the end");
    }

    private static DeviceRules rules(CgroupDeviceRule... rs) throws Exception {
        return DeviceRules.of(List.of(rs));
    }

    @Test
    void denyAllIsTheLoadsAndReturnZero() throws Exception {
        List<EbpfInsn> p = DeviceFilter.program(rules(new CgroupDeviceRule('a', -1, -1, "rwm", false, "x")));
        assertEquals(8, p.size());
        // r2 = *(u32 *)(r1 + 0) ... r0 = 0; exit, as runc's TestDeviceFilter_Nil
        assertEquals("6112000000000000" + "54020000ffff0000",
                HexFormat.of().formatHex(EbpfInsn.encode(p.subList(0, 2))));
        assertEquals("b400000000000000" + "9500000000000000", HexFormat.of().formatHex(EbpfInsn.encode(p.subList(6, 8))));
    }

    @Test
    void oneAllowRuleIsOneBlockThatSkipsToTheDefault() throws Exception {
        List<EbpfInsn> p = DeviceFilter.program(rules(new CgroupDeviceRule('c', 1, 3, "rwm", true, "x")));
        // 6 loads; type, major, minor tests jumping 4, 3, 2 ahead; r0 = 1; exit; r0 = 0; exit
        assertEquals(List.of(EbpfInsn.jneImm(2, CHAR, 4), EbpfInsn.jneImm(4, 1, 3), EbpfInsn.jneImm(5, 3, 2), EbpfInsn.mov32(0, 1),
                EbpfInsn.exit(), EbpfInsn.mov32(0, 0), EbpfInsn.exit()), p.subList(6, p.size()));
    }

    @Test
    void partialAccessChecksThatEveryRequestedBitIsGranted() throws Exception {
        List<EbpfInsn> p = DeviceFilter.program(rules(new CgroupDeviceRule('c', -1, -1, "m", true, "x")));
        assertEquals(1, run(p, CHAR, MKNOD, 7, 7));
        assertEquals(0, run(p, CHAR, READ, 7, 7));
        assertEquals(0, run(p, CHAR, MKNOD | READ, 7, 7), "mknod+read asks for more than mknod");
        assertEquals(0, run(p, BLOCK, MKNOD, 7, 7));
    }

    @Test
    void theDefaultContainerRulesDecideLikeV1() throws Exception {
        DeviceRules r = DeviceRules.forCreate(new Resources(List.of(new DeviceRule(false, null, null, null, "rwm")),
                null, null, null, null, null, null, null, null), List.of());
        List<EbpfInsn> p = DeviceFilter.program(r);
        assertEquals(1, run(p, CHAR, READ | WRITE, 1, 3), "/dev/null");
        assertEquals(1, run(p, CHAR, READ, 1, 9), "/dev/urandom");
        assertEquals(1, run(p, CHAR, READ | WRITE, 136, 4), "a pty");
        assertEquals(1, run(p, BLOCK, MKNOD, 8, 0), "mknod of any block device");
        assertEquals(0, run(p, BLOCK, READ, 8, 0), "reading a disk");
        assertEquals(0, run(p, CHAR, READ, 1, 1), "/dev/mem");
        assertEquals(0, run(p, CHAR, READ | WRITE, 10, 229), "/dev/fuse");
    }

    @Test
    void allowAllExceptOneDevice() throws Exception {
        List<EbpfInsn> p = DeviceFilter.program(rules(new CgroupDeviceRule('a', -1, -1, "rwm", true, "x"),
                new CgroupDeviceRule('b', 8, 0, "rwm", false, "y")));
        assertEquals(0, run(p, BLOCK, READ, 8, 0));
        assertEquals(1, run(p, BLOCK, READ, 8, 1));
        assertEquals(1, run(p, CHAR, READ, 8, 0));
    }

    @Test
    void encodingPutsDstInTheLowNibble() {
        byte[] b = EbpfInsn.encode(List.of(EbpfInsn.jneReg(1, 3, -2)));
        assertEquals("5d31feff00000000", HexFormat.of().formatHex(b));
    }
}
