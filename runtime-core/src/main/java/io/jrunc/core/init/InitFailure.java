package io.jrunc.core.init;

import io.jrunc.core.JruncException;
import io.jrunc.core.plan.Op;

/**
 * The helper reported that an op failed. The message names the config field the op came from,
 * the step and the errno text: {@code mounts[3] (/proc): mount: Operation not permitted}.
 */
public final class InitFailure extends JruncException {
    private final Op op;
    private final int errno;

    public InitFailure(Op op, int errno, String detail, String reason) {
        this(op, errno, detail, reason, false);
    }

    /** @param seccompSuspect the op ran after the container's seccomp filter, which answers with this errno */
    public InitFailure(Op op, int errno, String detail, String reason, boolean seccompSuspect) {
        super((op == null ? "init" : op.origin().toString()) + ": " + detail
                + (speaksForItself(op, detail) ? "" : ": " + worded(op, reason))
                + (seccompSuspect ? SeccompDenial.HINT : ""));
        this.op = op;
        this.errno = errno;
    }

    /**
     * The helper's failed PATH search is already runc's whole sentence ("executable file not found in
     * $PATH"); so is a hook's ("error running hook: exit status 1, stdout: ..., stderr: ..."). Every
     * other lookup failure gets its reason (`exec: "/x": stat /x: no such file or directory`).
     */
    private static boolean speaksForItself(Op op, String detail) {
        return op instanceof Op.ResolveExec && detail.endsWith("executable file not found in $PATH") || op instanceof Op.RunHook;
    }

    /**
     * Exec failures carry the errno text as Go words it (lower case: "permission denied"), like runc's: Docker
     * matches those words in the create error to exit 126 (cannot invoke) or 127 (not found) instead of 125.
     */
    private static String worded(Op op, String reason) {
        boolean exec = op instanceof Op.ResolveExec || op instanceof Op.Execve;
        if (!exec || reason == null || reason.isEmpty()) return reason;
        return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }

    public Op op() {
        return op;
    }

    public int errno() {
        return errno;
    }
}
