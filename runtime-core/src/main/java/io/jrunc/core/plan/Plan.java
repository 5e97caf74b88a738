package io.jrunc.core.plan;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** The ordered ops for one init helper run, and their wire encoding. */
public record Plan(List<Op> ops) {
    static final int MAGIC = 0x4C50524A; // "JRPL"
    static final int VERSION = 1;

    public Plan {
        ops = List.copyOf(ops);
    }

    /** The body of a PLAN message (see docs/plan-protocol.md). */
    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
        ArgWriter.u32(body, MAGIC);
        ArgWriter.u32(body, VERSION);
        ArgWriter.u32(body, ops.size());
        for (Op op : ops) {
            ByteArrayOutputStream args = new ByteArrayOutputStream(64);
            OpCode code = op.op();
            ArgWriter writer = new ArgWriter(args, code);
            op.writeArgs(writer);
            ArgWriter.u16(body, code.code());
            ArgWriter.u16(body, writer.finish());
            body.writeBytes(args.toByteArray());
        }
        return body.toByteArray();
    }

    /** The op at an index reported by the helper, or null when the index is out of range. */
    public Op at(int index) {
        return index >= 0 && index < ops.size() ? ops.get(index) : null;
    }
}
