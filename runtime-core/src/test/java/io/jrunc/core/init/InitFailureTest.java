package io.jrunc.core.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitFailureTest {
    private static final Origin ARGS0 = Origin.of("process.args[0]", "/etc/passwd");

    @Test
    void execFailuresUseGoWordingThatDockerMapsToExitCodes() {
        Op resolve = new Op.ResolveExec(ARGS0, "/etc/passwd", "/bin");
        assertEquals("process.args[0] (/etc/passwd): exec: \"/etc/passwd\": permission denied",
                new InitFailure(resolve, 13, "exec: \"/etc/passwd\"", "Permission denied").getMessage());
        Op execve = new Op.Execve(ARGS0, List.of("/bin/x"), List.of());
        assertEquals("process.args[0] (/etc/passwd): exec: \"/bin/x\": no such file or directory",
                new InitFailure(execve, 2, "exec: \"/bin/x\"", "No such file or directory").getMessage());
    }

    /** Never a bare exec: "/bin/sh": a missing path gets Go's stat error, as runc words it. */
    @Test
    void aMissingPathKeepsItsReason() {
        Op resolve = new Op.ResolveExec(Origin.of("process.args[0]", "/bin/nope"), "/bin/nope", "/bin");
        assertEquals("process.args[0] (/bin/nope): exec: \"/bin/nope\": stat /bin/nope: no such file or directory",
                new InitFailure(resolve, 2, "exec: \"/bin/nope\": stat /bin/nope", "No such file or directory").getMessage());
    }

    @Test
    void aDenialAfterTheFilterIsNamed() {
        Op execve = new Op.Execve(ARGS0, List.of("/bin/true"), List.of());
        assertEquals("process.args[0] (/etc/passwd): exec: \"/bin/true\": operation not permitted (denied by linux.seccomp?)",
                new InitFailure(execve, 1, "exec: \"/bin/true\"", "Operation not permitted", true).getMessage());
    }

    @Test
    void notFoundInPathIsRuncsWholeSentence() {
        Op resolve = new Op.ResolveExec(Origin.of("process.args[0]", "nope"), "nope", "/bin");
        assertEquals("process.args[0] (nope): exec: \"nope\": executable file not found in $PATH",
                new InitFailure(resolve, 2, "exec: \"nope\": executable file not found in $PATH", "No such file or directory").getMessage());
    }

    @Test
    void otherOpsKeepTheCErrnoText() {
        Op mount = new Op.Mount(Origin.of("mounts[3]", "/proc"), "proc", "/proc", "proc", 0, null, null);
        assertEquals("mounts[3] (/proc): mount: Operation not permitted",
                new InitFailure(mount, 1, "mount", "Operation not permitted").getMessage());
    }
}
