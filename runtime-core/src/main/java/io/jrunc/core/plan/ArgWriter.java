package io.jrunc.core.plan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes op arguments in the little-endian, kind-tagged form of docs/plan-protocol.md, each checked
 * against the kinds of the op's row in the op table ({@link OpCode}): an argument the helper would refuse
 * as "bad arguments" fails here, in Java, naming the op.
 */
public final class ArgWriter {
    static final int INT = 1, STR = 2, STRV = 3, BYTES = 4;

    private final ByteArrayOutputStream out;
    private final OpCode op;
    private int count;

    ArgWriter(ByteArrayOutputStream out, OpCode op) {
        this.out = out;
        this.op = op;
    }

    /** The number of arguments written; throws unless they are all the row's. */
    int finish() {
        if (count != op.args().length()) throw mismatch();
        return count;
    }

    private void kind(char letter, int kind) {
        if (count >= op.args().length() || op.args().charAt(count) != letter) throw mismatch();
        out.write(kind);
    }

    private IllegalStateException mismatch() {
        return new IllegalStateException("op " + op + " takes arguments \"" + op.args() + "\" (OpCode), argument "
                + count + " does not fit");
    }

    public ArgWriter integer(long value) {
        kind('i', INT);
        i64(out, value);
        count++;
        return this;
    }

    /** A NUL-terminated string; null is sent as the empty string. */
    public ArgWriter string(String value) {
        kind('s', STR);
        cstring(value);
        count++;
        return this;
    }

    public ArgWriter strings(List<String> values) {
        kind('v', STRV);
        u32(out, values.size());
        for (String v : values) cstring(v);
        count++;
        return this;
    }

    public ArgWriter u32Array(List<Long> values) {
        kind('b', BYTES);
        u32(out, values.size() * 4);
        for (long v : values) u32(out, (int) v);
        count++;
        return this;
    }

    private void cstring(String value) {
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        u32(out, bytes.length + 1);
        out.write(bytes, 0, bytes.length);
        out.write(0);
    }

    static void u32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    static void u16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
    }

    static void i64(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) out.write((int) (v >>> (8 * i)));
    }
}
