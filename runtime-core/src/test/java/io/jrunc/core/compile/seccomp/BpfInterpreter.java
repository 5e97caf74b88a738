package io.jrunc.core.compile.seccomp;

import io.jrunc.core.plan.BpfInstruction;
import java.util.List;

/**
 * A classic BPF interpreter over struct seccomp_data, as the kernel runs a filter: lets tests ask
 * what a compiled program answers for a syscall without loading it into any process.
 */
final class BpfInterpreter {
    static final int AUDIT_ARCH_X86_64 = 0xC000003E, AUDIT_ARCH_I386 = 0x40000003;

    private BpfInterpreter() {}

    /** The filter's return value for syscall {@code nr} on {@code arch} with {@code args} (missing ones are 0). */
    public static int run(List<BpfInstruction> program, int arch, int nr, long... args) {
        byte[] data = new byte[64];
        putInt(data, 0, nr);
        putInt(data, 4, arch);
        for (int i = 0; i < args.length; i++) {
            putInt(data, 16 + 8 * i, (int) args[i]);
            putInt(data, 20 + 8 * i, (int) (args[i] >>> 32));
        }
        int a = 0, x = 0;
        int[] mem = new int[16];
        for (int pc = 0; pc < program.size(); pc++) {
            BpfInstruction in = program.get(pc);
            int code = in.code(), k = in.k();
            int cls = code & 0x07;
            int src = (code & 0x08) != 0 ? x : k;
            switch (cls) {
                case 0x00 -> a = switch (code & 0xe0) { // LD
                    case 0x20 -> getInt(data, k); // ABS
                    case 0x00 -> k;               // IMM
                    case 0x60 -> mem[k];          // MEM
                    default -> throw new IllegalStateException("ld mode " + code);
                };
                case 0x01 -> x = switch (code & 0xe0) { // LDX
                    case 0x00 -> k;
                    case 0x60 -> mem[k];
                    case 0x80 -> 64;              // LEN
                    default -> throw new IllegalStateException("ldx mode " + code);
                };
                case 0x02 -> mem[k] = a;          // ST
                case 0x03 -> mem[k] = x;          // STX
                case 0x04 -> a = switch (code & 0xf0) { // ALU
                    case 0x00 -> a + src;
                    case 0x10 -> a - src;
                    case 0x20 -> a * src;
                    case 0x30 -> Integer.divideUnsigned(a, src);
                    case 0x40 -> a | src;
                    case 0x50 -> a & src;
                    case 0x60 -> a << src;
                    case 0x70 -> a >>> src;
                    case 0x80 -> -a;
                    case 0x90 -> Integer.remainderUnsigned(a, src);
                    case 0xa0 -> a ^ src;
                    default -> throw new IllegalStateException("alu op " + code);
                };
                case 0x05 -> { // JMP
                    int op = code & 0xf0;
                    if (op == 0x00) {
                        pc += k;
                    } else {
                        boolean taken = switch (op) {
                            case 0x10 -> a == src;
                            case 0x20 -> Integer.compareUnsigned(a, src) > 0;
                            case 0x30 -> Integer.compareUnsigned(a, src) >= 0;
                            case 0x40 -> (a & src) != 0;
                            default -> throw new IllegalStateException("jmp op " + code);
                        };
                        pc += taken ? in.jt() : in.jf();
                    }
                }
                case 0x06 -> { // RET
                    return (code & 0x18) == 0x10 ? a : k;
                }
                case 0x07 -> { // MISC
                    if ((code & 0xf8) == 0x00) x = a; else a = x; // TAX / TXA
                }
                default -> throw new IllegalStateException("class " + cls);
            }
        }
        throw new IllegalStateException("program fell off its end");
    }

    private static void putInt(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    private static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
