package io.jrunc.cli.planner;

import io.jrunc.core.init.InitChannel;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The test's stand-in for jrunc's C front end, over a real socketpair: it sends one whole request
 * (HELLO, ARGV, CWD, ENV, the caller's stdio as SCM_RIGHTS fds, GO) and afterwards reads everything
 * the planner answered and wrote to the caller's stdout and stderr. The planner's end is
 * {@link #plannerEnd()}, for a CallHandler to serve.
 */
final class FrontEndDouble implements AutoCloseable {
    static final Syscalls SYS = Syscalls.linux();
    private static final int ECONNRESET = 104;

    /** One message from the planner; {@code u32} is the first u32 of its body (-1 when it has none). */
    record Answer(int type, int u32, String text) {}

    /**
     * Everything a call produced, as the front end saw it. {@code reset}: the planner closed the
     * connection with our request unread (ECONNRESET), which the front end treats as EOF.
     */
    record Outcome(List<Answer> answers, boolean reset, String out, String err) {
        List<Integer> types() {
            return answers.stream().map(Answer::type).toList();
        }

        Answer first(int type) {
            return answers.stream().filter(a -> a.type() == type).findFirst()
                    .orElseThrow(() -> new AssertionError("no message " + type + " in " + answers));
        }
    }

    private final int mine;
    private final int planners;
    private final int[] stdio = {-1, -1, -1};

    private FrontEndDouble(int mine, int planners) {
        this.mine = mine;
        this.planners = planners;
    }

    /** A request whose messages all wait in the socket's buffer when this returns. */
    static FrontEndDouble request(String buildId, Path cwd, Map<String, String> env, List<String> argv) throws ErrnoException {
        int[] pair = SYS.socketPair();
        FrontEndDouble fe = new FrontEndDouble(pair[0], pair[1]);
        InitChannel ch = new InitChannel(SYS, fe.mine);
        ch.send(Wire.HELLO, buildId.getBytes(StandardCharsets.UTF_8));
        ch.send(Wire.ARGV, Wire.stringList(argv));
        ch.send(Wire.CWD, cwd.toString().getBytes(StandardCharsets.UTF_8));
        List<String> kv = new ArrayList<>();
        env.forEach((k, v) -> kv.add(k + "=" + v));
        ch.send(Wire.ENV, Wire.stringList(kv));
        for (int n = 0; n < 3; n++) {
            int[] caller = SYS.socketPair();
            ch.sendWithFd(Wire.STDIO, Wire.u32(n), caller[1]);
            SYS.close(caller[1]);
            fe.stdio[n] = caller[0];
        }
        SYS.close(fe.stdio[0]); // the caller's stdin: at EOF
        fe.stdio[0] = -1;
        ch.send(Wire.GO, new byte[0]);
        return fe;
    }

    /** A request of raw messages, for protocol errors: {type, body} pairs, no stdio. */
    static FrontEndDouble raw(int[] types, byte[][] bodies) throws ErrnoException {
        int[] pair = SYS.socketPair();
        FrontEndDouble fe = new FrontEndDouble(pair[0], pair[1]);
        InitChannel ch = new InitChannel(SYS, fe.mine);
        for (int i = 0; i < types.length; i++) ch.send(types[i], bodies[i]);
        return fe;
    }

    int plannerEnd() {
        return planners;
    }

    /** Reads until the planner closed its end of everything: call it after the handler returned. */
    Outcome outcome() throws ErrnoException {
        List<Answer> answers = new ArrayList<>();
        InitChannel ch = new InitChannel(SYS, mine);
        boolean reset = false;
        try {
            for (InitChannel.Message m; (m = ch.receive()) != null; ) {
                if (m.fd() >= 0) SYS.close(m.fd());
                int u32 = m.body().remaining() >= 4 ? m.body().duplicate().order(m.body().order()).getInt() : -1;
                answers.add(new Answer(m.type(), u32, Wire.string(m.body().duplicate())));
            }
        } catch (ErrnoException e) {
            if (e.errno() != ECONNRESET) throw e;
            reset = true;
        }
        return new Outcome(answers, reset, readAll(stdio[1]), readAll(stdio[2]));
    }

    private static String readAll(int fd) throws ErrnoException {
        if (fd < 0) return "";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = SYS.read(fd, buf, 0, buf.length)) > 0; ) out.write(buf, 0, n);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (int fd : new int[] {mine, stdio[1], stdio[2]}) FrontEndLink.closeQuietly(fd);
    }
}
