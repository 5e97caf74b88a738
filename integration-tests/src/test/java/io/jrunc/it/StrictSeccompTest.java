package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Containers under strict allow-list profiles (defaultAction SCMP_ACT_ERRNO). Without
 * noNewPrivileges the filter is loaded before the uid switch, so whatever jrunc-init does after it
 * must pass the container's own profile: that is the fixed set docs/seccomp.md lists ("After the
 * filter"). {@link #HELPER} is that set; the profiles here allow exactly it plus what busybox
 * needs, so a helper that makes one more syscall after the filter fails these tests.
 */
class StrictSeccompTest extends ItBase {
    /** docs/seccomp.md, "After the filter": what jrunc-init may call after loading the filter. */
    static final List<String> HELPER = List.of("setresuid", "capset", "prctl", "sendmsg", "read", "openat", "rt_sigaction",
            "write", "close", "execve", "exit_group");

    /** What static busybox (sh, true, echo, sleep) calls from its execve on (strace of busybox on this host). */
    static final List<String> BUSYBOX = List.of("arch_prctl", "brk", "close", "dup2", "execve", "exit_group", "fcntl",
            "getpid", "getppid", "getrandom", "getuid", "mprotect", "newfstatat", "openat", "prctl", "prlimit64",
            "readlink", "rseq", "rt_sigaction", "set_robust_list", "set_tid_address", "uname", "write", "mmap",
            "munmap", "ioctl", "clock_nanosleep", "nanosleep", "rt_sigreturn");

    private ObjectNode profile(List<String> allowed) {
        ObjectNode p = JSON.createObjectNode();
        p.put("defaultAction", "SCMP_ACT_ERRNO");
        ArrayNode names = p.putArray("syscalls").addObject().put("action", "SCMP_ACT_ALLOW").putArray("names");
        allowed.stream().distinct().sorted().forEach(names::add);
        return p;
    }

    private static List<String> plus(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static ObjectNode classicProfile() {
        try (InputStream in = StrictSeccompTest.class.getResourceAsStream("/seccomp/classic-allowlist.json")) {
            ObjectNode p = (ObjectNode) JSON.readTree(in);
            p.remove("_comment");
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A non-root user with runc's default capabilities (ambient too), a cwd of its own, the profile. */
    private Bundle strict(Bundle b, ObjectNode profile, boolean nnp) {
        b.linux().set("seccomp", profile);
        b.process().put("noNewPrivileges", nnp);
        b.user(1000, 1000);
        b.cwd("/tmp");
        return b;
    }

    @ParameterizedTest(name = "noNewPrivileges={0}")
    @ValueSource(booleans = {false, true})
    void theDocumentedSetAndBusyboxsNeedsAreEnough(boolean nnp) {
        ObjectNode p = profile(plus(HELPER, BUSYBOX));
        Bundle b = strict(bundle(), p, nnp).args("sh", "-c", "echo strict=ok");
        OciRuntime.Result sh = run(b, newId("sh"));
        assertEquals(0, sh.exitCode(), sh::describe);
        assertTrue(sh.stdout().contains("strict=ok"), sh::describe);

        OciRuntime.Result t = run(b.args("true"), newId("true"));
        assertEquals(0, t.exitCode(), t::describe);
    }

    @ParameterizedTest(name = "noNewPrivileges={0}")
    @ValueSource(booleans = {false, true})
    void execUnderTheDocumentedSet(boolean nnp) {
        Bundle b = strict(bundle(), profile(plus(HELPER, BUSYBOX)), nnp).args("sleep", "120");
        String id = newId("x");
        createAndStart(b, id);
        OciRuntime.Result sh = rt.run("exec", id, "sh", "-c", "echo exec=ok");
        assertEquals(0, sh.exitCode(), sh::describe);
        assertTrue(sh.stdout().contains("exec=ok"), sh::describe);
        OciRuntime.Result t = rt.run("exec", id, "true");
        assertEquals(0, t.exitCode(), t::describe);
        OciRuntime.Result missing = rt.run("exec", id, "/bin/nope");
        assertEquals(1, missing.exitCode(), missing::describe);
        assertTrue(missing.stderr().contains("exec: \"/bin/nope\": stat /bin/nope: no such file or directory"), missing::describe);
        rt.run("kill", id, "KILL");
    }

    /** The set must not grow silently: without one of the helper's syscalls the denial is named. */
    @Test
    void aDenialAfterTheFilterSaysSo() {
        List<String> noCapset = new ArrayList<>(plus(HELPER, BUSYBOX));
        noCapset.remove("capset");
        Bundle b = strict(bundle(), profile(noCapset), false).args("true");
        OciRuntime.Result r = run(b, newId("d"));
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("capset: Operation not permitted (denied by linux.seccomp?)"), r::describe);
    }

    @ParameterizedTest(name = "noNewPrivileges={0}")
    @ValueSource(booleans = {false, true})
    void aClassicAllowListRunsShellsAndScripts(boolean nnp) throws IOException {
        Bundle b = strict(bundle(), classicProfile(), nnp);
        Path script = b.rootfs.resolve("bin/check");
        Files.writeString(script, "#!/bin/sh\necho script=$0 arg=$1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        OciRuntime.Result s = run(b.args("/bin/check", "a"), newId("s"));
        assertEquals(0, s.exitCode(), s::describe);
        assertTrue(s.stdout().contains("script=/bin/check arg=a"), s::describe);
        OciRuntime.Result t = run(b.args("true"), newId("t"));
        assertEquals(0, t.exitCode(), t::describe);

        String id = newId("x");
        createAndStart(b.args("sleep", "120"), id);
        OciRuntime.Result e = rt.run("exec", id, "check", "b");
        assertEquals(0, e.exitCode(), e::describe);
        assertTrue(e.stdout().contains("script=/bin/check arg=b"), e::describe);
        rt.run("kill", id, "KILL");
    }

    /** The lookup runs before the filter and as root, but judges as the container's user. */
    @Test
    void accessIsCheckedAsTheContainersUser() throws IOException {
        Bundle b = strict(bundle(), classicProfile(), false);
        Path secret = b.rootfs.resolve("bin/secret");
        Files.writeString(secret, "#!/bin/sh\necho secret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
        Path plain = b.rootfs.resolve("bin/plain");
        Files.writeString(plain, "not a program\n");
        Files.createDirectories(b.rootfs.resolve("private"));
        Files.setPosixFilePermissions(b.rootfs.resolve("private"), PosixFilePermissions.fromString("rwx------"));

        expectCreateError(b.args("/bin/secret"), "exec: \"/bin/secret\": permission denied");
        expectCreateError(b.args("/bin/plain"), "exec: \"/bin/plain\": permission denied");
        expectCreateError(b.args("/bin"), "exec: \"/bin\": permission denied");
        expectCreateError(b.args("/bin/nope"), "exec: \"/bin/nope\": stat /bin/nope: no such file or directory");
        expectCreateError(b.args("nope"), "exec: \"nope\": executable file not found in $PATH");
        expectCreateError(b.args("true").cwd("/private"), "process.cwd (/private): chdir /private: Permission denied");
    }

    private void expectCreateError(Bundle b, String message) {
        OciRuntime.Result r = create(b, newId("e"));
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains(message), () -> "expected \"" + message + "\":\n" + r.describe());
    }

    /** runc 1.1.5 runs the same bundle under the classic list; so must we. */
    @Test
    void runcAgreesOnTheClassicList() {
        Assumptions.assumeTrue(Env.runc().isPresent(), "runc not installed");
        Assumptions.assumeFalse(Env.binaryIsRunc(), "the runtime under test is runc itself");
        OciRuntime runc = otherRuntime(Env.runc().get(), "runc");
        for (OciRuntime r : List.of(runc, rt)) {
            Bundle b = strict(bundle(r, "b-" + System.nanoTime()), classicProfile(), false).args("sh", "-c", "echo ran=$(id -u)");
            OciRuntime.Result res = run(r, b, r.track("jrit-strict-" + System.nanoTime()));
            assertEquals(0, res.exitCode(), res::describe);
            assertTrue(res.stdout().contains("ran=1000"), res::describe);
        }
    }
}
