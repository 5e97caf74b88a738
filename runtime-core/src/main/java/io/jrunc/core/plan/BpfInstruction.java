package io.jrunc.core.plan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One classic BPF instruction, the kernel's {@code struct sock_filter {u16 code; u8 jt; u8 jf; u32 k;}}:
 * what a seccomp filter is made of.
 *
 * @param code opcode (class, size, mode or operation, source)
 * @param jt instructions skipped when a conditional jump is taken (0-255)
 * @param jf instructions skipped when it is not (0-255)
 * @param k the constant operand (a u32, held in an int)
 */
public record BpfInstruction(int code, int jt, int jf, int k) {
    public static final int SIZE = 8;

    public BpfInstruction {
        if (code < 0 || code > 0xffff || jt < 0 || jt > 0xff || jf < 0 || jf > 0xff) {
            throw new IllegalArgumentException("not a sock_filter: code " + code + " jt " + jt + " jf " + jf);
        }
    }

    /** Instructions from {@code struct sock_filter[]} bytes in this machine's byte order (as libseccomp exports them). */
    public static List<BpfInstruction> parse(byte[] hostOrder) {
        if (hostOrder.length % SIZE != 0) {
            throw new IllegalArgumentException("BPF program of " + hostOrder.length + " bytes is not a whole number of instructions");
        }
        ByteBuffer b = ByteBuffer.wrap(hostOrder).order(ByteOrder.nativeOrder());
        List<BpfInstruction> out = new ArrayList<>(hostOrder.length / SIZE);
        while (b.hasRemaining()) {
            out.add(new BpfInstruction(Short.toUnsignedInt(b.getShort()), Byte.toUnsignedInt(b.get()),
                    Byte.toUnsignedInt(b.get()), b.getInt()));
        }
        return out;
    }

    /**
     * The program as two u32 words per instruction ({@code code | jt << 16 | jf << 24}, then
     * {@code k}); written little-endian these are exactly the 8 wire bytes of docs/plan-protocol.md.
     */
    public static List<Long> words(List<BpfInstruction> program) {
        List<Long> out = new ArrayList<>(program.size() * 2);
        for (BpfInstruction i : program) {
            out.add((long) (i.code | i.jt << 16 | i.jf << 24));
            out.add(Integer.toUnsignedLong(i.k));
        }
        return out;
    }
}
