package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows of docs/conformance.md that no other test class shows: what runtime-spec 1.2 says a runtime MUST
 * accept or MUST refuse, run with jrunc and, where runc is installed, with runc for the same bundle.
 */
class ConformanceTest extends ItBase {
    private OciRuntime runc;

    @BeforeEach
    void notRunc() {
        assumeFalse(Env.binaryIsRunc(), "rows describe jrunc; runc is compared with, not tested");
        runc = Env.runc().isPresent() ? otherRuntime(Env.runc().get(), "runc") : null;
    }

    private OciRuntime.Result runWith(OciRuntime r, String name, Consumer<Bundle> edit) {
        Bundle b = bundle(r, name).args("true");
        edit.accept(b);
        return run(r, b, r == rt ? newId(name) : r.track(newId("r" + name)));
    }

    private void assertRefused(String field, Consumer<Bundle> edit) {
        OciRuntime.Result r = runWith(rt, "refused", edit);
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains(field), "the error names " + field + ": " + r.describe());
        assertEquals("", rt.run("list", "-q").stdout().strip(), "nothing was created");
    }

    /** config.md Extensibility: unknown properties MUST be ignored, at every level. runc does too. */
    @Test
    void unknownPropertiesAreIgnored() {
        Consumer<Bundle> edit = b -> {
            b.config().put("x-vendor", 1);
            b.process().putObject("x-proc").put("a", 1);
            b.linux().putArray("x-linux").add(1);
            ((ObjectNode) b.config().withArray("/mounts").get(0)).put("x-mount", "y");
        };
        OciRuntime.Result ours = runWith(rt, "u", edit);
        assertEquals(0, ours.exitCode(), ours::describe);
        if (runc != null) assertEquals(0, runWith(runc, "u", edit).exitCode());
    }

    /** config.md mounts: type is OPTIONAL (a bind mount needs none), source too (tmpfs). runc agrees. */
    @Test
    void mountTypeAndSourceAreOptional() {
        Consumer<Bundle> edit = b -> {
            b.config().withArray("/mounts").addObject().put("destination", "/mnt").put("source", b.rootfs.resolve("bin").toString())
                    .putArray("options").add("rbind").add("ro");
            b.config().withArray("/mounts").addObject().put("destination", "/tmp").put("type", "tmpfs");
            b.args("sh", "-c", "test -e /mnt/busybox && grep -q ' /tmp tmpfs' /proc/mounts");
        };
        OciRuntime.Result ours = runWith(rt, "m", edit);
        assertEquals(0, ours.exitCode(), ours::describe);
        if (runc != null) assertEquals(0, runWith(runc, "m", edit).exitCode());
    }

    /** config.md: ociVersion MUST be SemVer 2.0.0; invalid values MUST be an error. runc 1.1.5 runs "1.2". */
    @Test
    void ociVersionThatIsNotSemVerIsRefused() {
        assertRefused("ociVersion", b -> b.config().put("ociVersion", "1.2"));
        OciRuntime.Result pre = runWith(rt, "pre", b -> b.config().put("ociVersion", "1.2.0-rc.1+dev"));
        assertEquals(0, pre.exitCode(), pre::describe);
        if (runc != null) assertEquals(0, runWith(runc, "v", b -> b.config().put("ociVersion", "1.2")).exitCode(), "runc 1.1.5 takes it");
    }

    /**
     * Fields jrunc does not implement (features says so) are refused by name instead of silently dropped: the
     * spec says the runtime MUST apply them. runc 1.1.5 predates netDevices/idmapped mounts and ignores them; it
     * refuses intelRdt when the host has no RDT.
     */
    @Test
    void unimplementedFieldsAreRefusedNotDropped() {
        assertRefused("linux.netDevices", b -> b.linux().putObject("netDevices").putObject("nosuchdev0").put("name", "eth5"));
        assertRefused("linux.intelRdt", b -> b.linux().putObject("intelRdt").put("closID", "x"));
        assertRefused("mounts[", b -> {
            ObjectNode m = b.config().withArray("/mounts").addObject().put("destination", "/mnt").put("type", "bind")
                    .put("source", b.rootfs.resolve("bin").toString());
            m.putArray("options").add("rbind");
            m.putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 1000).put("size", 1);
            m.putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 1000).put("size", 1);
        });
    }

    /** config-linux.md devices: a file already at the path that is not the device MUST be an error. runc 1.1.5 runs it. */
    @Test
    void aDeviceWhosePathHoldsSomethingElseIsRefused() {
        Consumer<Bundle> edit = b -> b.linux().putArray("devices").addObject().put("path", "/bin/busybox").put("type", "c")
                .put("major", 1).put("minor", 3);
        OciRuntime.Result ours = runWith(rt, "d", edit);
        assertEquals(1, ours.exitCode(), ours::describe);
        assertTrue(ours.stderr().contains("linux.devices[0]"), ours::describe);
        assumeTrue(runc != null, "runc not installed: no comparison");
        assertEquals(0, runWith(runc, "d", edit).exitCode(), "runc 1.1.5 leaves the file and runs");
    }

    /** config-linux.md: duplicate namespace types, unknown rlimits and duplicate rlimits MUST be errors; runc agrees. */
    @Test
    void duplicatesAndUnknownValuesAreRefusedLikeRunc() {
        Consumer<Bundle> dupNs = b -> b.namespace("pid", null).linux().withArray("namespaces").addObject().put("type", "pid");
        Consumer<Bundle> rlimit = b -> b.rlimit("RLIMIT_BOGUS", 1, 1);
        assertRefused("linux.namespaces[", dupNs);
        assertRefused("process.rlimits[", rlimit);
        if (runc != null) {
            assertEquals(1, runWith(runc, "n", dupNs).exitCode());
            assertEquals(1, runWith(runc, "r", rlimit).exitCode());
        }
    }

    /** config.md: consoleSize MUST be ignored when terminal is false. runc agrees. */
    @Test
    void consoleSizeWithoutATerminalIsIgnored() {
        Consumer<Bundle> edit = b -> b.terminal(false).process().putObject("consoleSize").put("height", 10).put("width", 20);
        OciRuntime.Result ours = runWith(rt, "cs", edit);
        assertEquals(0, ours.exitCode(), ours::describe);
        if (runc != null) assertEquals(0, runWith(runc, "cs", edit).exitCode());
    }
}
