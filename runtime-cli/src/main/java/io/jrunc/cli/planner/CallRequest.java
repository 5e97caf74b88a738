package io.jrunc.cli.planner;

import io.jrunc.core.init.InitChannel;
import io.jrunc.sys.ErrnoException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call as the front end sends it, HELLO to GO (docs/planner-protocol.md).
 *
 * @param buildId the front end's build id (HELLO)
 * @param argv    argv[1..]
 * @param cwd     the caller's cwd; null when it sent none that is absolute (then /proc/PID/cwd is used)
 * @param env     the caller's environment; the first of a repeated name wins, as getenv(3) finds it
 * @param stdio   the caller's fds 0, 1, 2 as received here, -1 for one it did not send (closed)
 */
record CallRequest(String buildId, List<String> argv, Path cwd, Map<String, String> env, int[] stdio) {

    /** The front end broke the protocol: the call is dropped. */
    static final class ProtocolException extends Exception {
        ProtocolException(String message) {
            super(message);
        }
    }

    /**
     * Reads messages up to GO; null when the front end hung up before. Unless a request is returned,
     * the caller's fds received so far are closed: the planner lives long, and a broken request
     * must not leave a caller's pipe open in it.
     */
    static CallRequest read(InitChannel channel) throws ErrnoException, ProtocolException {
        int[] stdio = {-1, -1, -1};
        CallRequest request = null;
        try {
            request = readUpToGo(channel, stdio);
            return request;
        } finally {
            if (request == null) {
                for (int fd : stdio) FrontEndLink.closeQuietly(fd);
            }
        }
    }

    private static CallRequest readUpToGo(InitChannel channel, int[] stdio) throws ErrnoException, ProtocolException {
        String buildId = null;
        List<String> argv = List.of();
        Path cwd = null;
        Map<String, String> env = new LinkedHashMap<>();
        while (true) {
            InitChannel.Message m = channel.receive();
            if (m == null) return null;
            switch (m.type()) {
                case Wire.HELLO -> buildId = Wire.string(m.body());
                case Wire.ARGV -> argv = Wire.strings(m.body());
                case Wire.CWD -> {
                    String dir = Wire.string(m.body());
                    // When getcwd failed or gave "(unreachable)/...", /proc/PID/cwd still names the caller's directory.
                    cwd = dir.startsWith("/") ? Path.of(dir) : null;
                }
                case Wire.ENV -> {
                    for (String kv : Wire.strings(m.body())) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) env.putIfAbsent(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                case Wire.STDIO -> {
                    int n = m.body().getInt();
                    if (n < 0 || n > 2 || m.fd() < 0 || stdio[n] >= 0) {
                        FrontEndLink.closeQuietly(m.fd());
                        throw new ProtocolException("bad STDIO message");
                    }
                    stdio[n] = m.fd();
                }
                case Wire.GO -> {
                    if (buildId == null) throw new ProtocolException("no HELLO before GO");
                    return new CallRequest(buildId, argv, cwd, env, stdio);
                }
                default -> {
                    FrontEndLink.closeQuietly(m.fd());
                    throw new ProtocolException("unexpected message " + m.type() + " in a request");
                }
            }
        }
    }

    /** Closes the caller's fds that came with the request. */
    void closeStdio() {
        for (int fd : stdio) FrontEndLink.closeQuietly(fd);
    }
}
