package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** hostname, domainname; process args, env, cwd, user (uid, gid, additionalGids, umask), rlimits, capabilities. */
class ProcessTest extends ItBase {

    @Test
    void hostname() {
        Probe p = probe(bundle().hostname("it-host"), "hostname");
        assertEquals("it-host", p.need("hostname"));
    }

    @Test
    void domainname() {
        Assumptions.assumeFalse(Env.binaryIsRunc11(),
                "runc 1.1 ignores `domainname` (runc supports it from 1.2); jrunc must set it");
        Probe p = probe(bundle().hostname("it-host").domainname("it.example"), "hostname");
        assertEquals("it-host", p.need("hostname"));
        assertEquals("it.example", p.need("domainname"));
    }

    @Test
    void argsArePassedVerbatim() {
        Bundle b = bundle();
        Probe p = probe(b, "echo", "two  spaces and 'quotes' \"dq\" $HOME *", "echo", "");
        assertTrue(p.lines.contains("echo=two  spaces and 'quotes' \"dq\" $HOME *"), p.raw);
        assertEquals("", p.need("echo"));
        b.args("/bin/probe", "echo", "absolute-path");
        OciRuntime.Result r = run(b, newId("abs"));
        assertEquals("absolute-path", Probe.parse(r.stdout()).need("echo"), r::describe);
    }

    @Test
    void envIsExactlyTheConfigs() {
        Bundle b = bundle().env("A", "1").env("B", "two words").env("EMPTY", "").env("EQ", "x=y");
        Probe p = probe(b, "env");
        assertEquals("1", p.need("env.A"));
        assertEquals("two words", p.need("env.B"));
        assertEquals("", p.need("env.EMPTY"));
        assertEquals("x=y", p.need("env.EQ"));
        assertEquals("xterm", p.need("env.TERM"));
        assertTrue(p.need("env.PATH").contains("/bin"));
        for (String k : p.all().keySet()) {
            if (k.startsWith("env.")) {
                String name = k.substring(4);
                assertTrue(name.matches("A|B|EMPTY|EQ|TERM|PATH|HOME"), "unexpected variable from the runtime's environment: " + name);
            }
        }
    }

    @Test
    void cwdExistingAndCreatedWhenMissing() {
        Bundle b = bundle().cwd("/tmp");
        assertEquals("/tmp", probe(b, "cwd").need("cwd"));
        b.cwd("/does/not/exist");
        assertEquals("/does/not/exist", probe(b, "cwd").need("cwd"), "the runtime creates a missing cwd (like runc)");
        assertTrue(Files.isDirectory(b.rootfs.resolve("does/not/exist")));
    }

    @Test
    void userUidGidAdditionalGidsAndUmask() {
        Bundle b = bundle().user(1000, 1001, 10, 20, 100).umask(0077);
        Probe p = probe(b, "ids", "umask", "write", "/tmp/owned", "stat", "/tmp/owned");
        assertEquals("1000", p.need("uid"));
        assertEquals("1000", p.need("euid"));
        assertEquals("1001", p.need("gid"));
        assertEquals("1001", p.need("egid"));
        assertEquals("10,20,100", p.need("groups"), "additionalGids (and nothing from /etc/group since it lists no members)");
        assertEquals("0077", p.need("umask"));
        assertEquals("err:EROFS", p.need("write./tmp/owned"));

        Bundle rw = bundle("rw").readonlyRoot(false).user(1000, 1000).umask(0027);
        Probe q = probe(rw, "ids", "umask", "write", "/tmp/owned", "stat", "/tmp/owned");
        assertEquals("", q.need("groups"));
        assertEquals("0027", q.need("umask"));
        assertEquals("type=f mode=0640 uid=1000 gid=1000", q.need("stat./tmp/owned"), "file created with the umask, as the user");
    }

    @Test
    void defaultUmaskIsTheUsual0022() {
        assertEquals("0022", probe(bundle(), "umask").need("umask"));
    }

    @Test
    void rlimitsAreApplied() {
        Bundle b = bundle().rlimit("RLIMIT_NOFILE", 100, 200).rlimit("RLIMIT_CORE", 0, 0).rlimit("RLIMIT_NPROC", 500, 600);
        Probe p = probe(b, "rlimits");
        assertEquals("100:200", p.need("rlimit.NOFILE"));
        assertEquals("0:0", p.need("rlimit.CORE"));
        assertEquals("500:600", p.need("rlimit.NPROC"));
    }

    @Test
    void defaultSpecCapabilitiesAndNoNewPrivileges() {
        Probe p = probe(bundle(), "caps");
        // CAP_AUDIT_WRITE (29), CAP_KILL (5), CAP_NET_BIND_SERVICE (10)
        String three = "0000000020000420";
        assertEquals(three, p.need("cap.bnd"));
        assertEquals(three, p.need("cap.eff"));
        assertEquals(three, p.need("cap.prm"));
        assertEquals("1", p.need("nonewprivs"));
    }
}
