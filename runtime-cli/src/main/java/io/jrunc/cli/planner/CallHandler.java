package io.jrunc.cli.planner;

import io.jrunc.cli.Main;
import io.jrunc.core.init.HelperLauncher;
import io.jrunc.core.init.InitChannel;
import io.jrunc.core.init.InitRun;
import io.jrunc.core.lifecycle.Call;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Serves one connection: checks who called, reads the request, runs it as jrunc's {@link Main}
 * would with the caller's cwd, environment and stdio, and sends the exit code. The socket and the
 * caller's fds are closed when it returns, whatever happened.
 */
final class CallHandler {
    private final Syscalls sys;
    private final int fd;
    private final int uid;
    private final String buildId;
    private final PlannerServer server;

    CallHandler(Syscalls sys, int fd, int uid, String buildId, PlannerServer server) {
        this.sys = sys;
        this.fd = fd;
        this.uid = uid;
        this.buildId = buildId;
        this.server = server;
    }

    void run() {
        CallRequest request = null;
        try {
            // {pid, uid, gid} as the kernel saw them at connect: a peer cannot lie about them.
            int[] peer = sys.peerCredentials(fd);
            if (peer[1] != uid) {
                server.log().info("refused a call from pid " + peer[0] + ": uid " + peer[1] + " is not " + uid);
                return;
            }
            // A caller in another namespace, with other capabilities or another LSM label would get
            // the planner's instead of its own: hanging up before ACCEPTED sends it to the cold path.
            String elsewhere = SameContext.difference(peer[0]);
            if (elsewhere != null) {
                server.log().info("sent pid " + peer[0] + " to the cold path: its " + elsewhere + " differ from the planner's");
                return;
            }
            request = CallRequest.read(new InitChannel(sys, fd));
            if (request == null) return;
            FrontEndLink link = new FrontEndLink(sys, fd);
            if (!request.buildId().equals(buildId)) {
                // jrunc was installed again: the front end takes the cold path, and this planner
                // makes way for one of the new build.
                link.mismatch(buildId);
                server.retire("a front end of build " + request.buildId() + " called");
                return;
            }
            link.accepted(ReadOnlyCalls.isReadOnly(request.argv()));
            int rc = execute(request, link, peer[0]);
            link.exit(rc);
        } catch (ErrnoException | CallRequest.ProtocolException e) {
            server.log().info("call dropped: " + e.getMessage());
        } finally {
            if (request != null) request.closeStdio();
            FrontEndLink.closeQuietly(fd);
        }
    }

    private int execute(CallRequest request, FrontEndLink link, int peerPid) {
        int[] stdio = request.stdio();
        PrintStream out = new PrintStream(new FdOutputStream(sys, stdio[1]), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FdOutputStream(sys, stdio[2]), true, StandardCharsets.UTF_8);
        Path cwd = request.cwd() != null ? request.cwd() : Path.of("/proc/" + peerPid + "/cwd");
        HelperLauncher launcher = plan -> new InitRun(sys, plan, new FrontEndHelperStart(link));
        Call call = new Call(cwd, request.env(), out, err, stdio[0], launcher, new FrontEndForeground(link, stdio[0]), peerPid);
        // `events` streams until the container is gone; a caller that hung up (^C) stops it.
        try (HangupWatch watch = ReadOnlyCalls.isStreaming(request.argv()) ? new HangupWatch(sys, fd, Thread.currentThread()) : null) {
            return Main.execute(request.argv().toArray(String[]::new), call);
        } catch (Error e) {
            // An Error (out of memory, a class that failed to load) may have left the JVM unsound:
            // fail this call and let a fresh planner take the next ones.
            err.println("jrunc: the planner failed during this call: " + e);
            server.retire("a call failed with " + e.getClass().getSimpleName());
            return 1;
        } finally {
            out.flush();
            err.flush();
            // The thread is pooled: a HangupWatch interrupt must not reach the next call.
            Thread.interrupted();
        }
    }
}
