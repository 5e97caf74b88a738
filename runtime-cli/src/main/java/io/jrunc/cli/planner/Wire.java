package io.jrunc.cli.planner;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The message types and body encodings of the front end ↔ planner socket (docs/planner-protocol.md).
 * The framing itself is the helper's ({@link io.jrunc.core.init.InitChannel}).
 */
final class Wire {
    // front end -> planner
    static final int HELLO = 301, ARGV = 302, CWD = 303, ENV = 304, STDIO = 305, GO = 306;
    static final int SPAWNED = 307, SPAWN_FAILED = 308, EXITED = 309;
    // planner -> front end
    static final int ACCEPTED = 401, MISMATCH = 402, SPAWN = 403, TTY = 404, WAIT = 405, EXIT = 406;

    /** ACCEPTED flag: the call changes nothing, so the front end may repeat it on the cold path. */
    static final int ACCEPTED_READ_ONLY = 1;
    /** SPAWN flag: the front end becomes a child subreaper first (a foreground `run` or `exec`). */
    static final int SPAWN_SUBREAPER = 1;

    private Wire() {}

    /** The rest of {@code body} as UTF-8. */
    static String string(ByteBuffer body) {
        byte[] b = new byte[body.remaining()];
        body.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The rest of {@code body} as a string list: strings each ended by a NUL (an unended tail is dropped). */
    static List<String> strings(ByteBuffer body) {
        List<String> out = new ArrayList<>();
        byte[] b = new byte[body.remaining()];
        body.get(b);
        int from = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                out.add(new String(b, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        return out;
    }

    /** {@code values} as little-endian u32s. */
    static byte[] u32(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) b.putInt(v);
        return b.array();
    }

    /** A string list body. */
    static byte[] stringList(List<String> strings) {
        byte[] withHead = u32AndStrings(0, strings);
        return Arrays.copyOfRange(withHead, 4, withHead.length);
    }

    /** A u32 then a string list (WAIT: the pid, then the cleanup argv). */
    static byte[] u32AndStrings(int head, List<String> strings) {
        byte[][] encoded = new byte[strings.size()][];
        int size = 4;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
            size += encoded[i].length + 1;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).putInt(head);
        for (byte[] s : encoded) b.put(s).put((byte) 0);
        return b.array();
    }
}
