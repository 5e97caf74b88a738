package io.jrunc.core.cgroup.v2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One eBPF instruction ({@code struct bpf_insn}: opcode, dst and src register nibbles, 16-bit
 * offset, 32-bit immediate), the few opcodes a device filter uses, and the encoding bpf(2) takes.
 */
public record EbpfInsn(int code, int dst, int src, int off, int imm) {
    // class | op | source, from linux/bpf_common.h and linux/bpf.h
    static final int LDX_MEM_W = 0x61;   // BPF_LDX | BPF_MEM | BPF_W
    static final int ALU_AND_K = 0x54;   // BPF_ALU | BPF_AND | BPF_K (32-bit)
    static final int ALU_RSH_K = 0x74;   // BPF_ALU | BPF_RSH | BPF_K
    static final int ALU_MOV_K = 0xb4;   // BPF_ALU | BPF_MOV | BPF_K
    static final int ALU_MOV_X = 0xbc;   // BPF_ALU | BPF_MOV | BPF_X
    static final int JMP_JNE_K = 0x55;   // BPF_JMP | BPF_JNE | BPF_K
    static final int JMP_JNE_X = 0x5d;   // BPF_JMP | BPF_JNE | BPF_X
    static final int JMP_EXIT = 0x95;    // BPF_JMP | BPF_EXIT

    static EbpfInsn loadWord(int dst, int src, int off) {
        return new EbpfInsn(LDX_MEM_W, dst, src, off, 0);
    }

    static EbpfInsn and32(int dst, int imm) {
        return new EbpfInsn(ALU_AND_K, dst, 0, 0, imm);
    }

    static EbpfInsn rsh32(int dst, int imm) {
        return new EbpfInsn(ALU_RSH_K, dst, 0, 0, imm);
    }

    static EbpfInsn mov32(int dst, int imm) {
        return new EbpfInsn(ALU_MOV_K, dst, 0, 0, imm);
    }

    static EbpfInsn mov32Reg(int dst, int src) {
        return new EbpfInsn(ALU_MOV_X, dst, src, 0, 0);
    }

    static EbpfInsn jneImm(int dst, int imm, int off) {
        return new EbpfInsn(JMP_JNE_K, dst, 0, off, imm);
    }

    static EbpfInsn jneReg(int dst, int src, int off) {
        return new EbpfInsn(JMP_JNE_X, dst, src, off, 0);
    }

    static EbpfInsn exit() {
        return new EbpfInsn(JMP_EXIT, 0, 0, 0, 0);
    }

    /** A jump to {@code off} instructions after the next one. */
    EbpfInsn withOff(int newOff) {
        return new EbpfInsn(code, dst, src, newOff, imm);
    }

    /** Little-endian {@code struct bpf_insn}s, as BPF_PROG_LOAD wants them on x86_64 and aarch64. */
    public static byte[] encode(List<EbpfInsn> program) {
        ByteBuffer b = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (EbpfInsn i : program) {
            b.put((byte) i.code).put((byte) ((i.src << 4) | (i.dst & 0xf))).putShort((short) i.off).putInt(i.imm);
        }
        return b.array();
    }
}
