package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each rule of SpecValidator, shown failing on runc's default config with one thing changed. */
class ValidatorTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** runc's default config as a tree, changed by {@code edit}, parsed and validated. */
    private static List<Violation> after(Consumer<ObjectNode> edit) {
        try {
            ObjectNode tree = (ObjectNode) PLAIN.readTree(SpecJson.write(SpecDefaults.runcDefault(false)));
            edit.accept(tree);
            return SpecValidator.validate(SpecJson.parseConfig(PLAIN.writeValueAsBytes(tree)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertOnly(String path, String message, Consumer<ObjectNode> edit) {
        assertEquals(List.of(new Violation(path, message)), after(edit));
    }

    private static ObjectNode linux(ObjectNode spec) {
        return (ObjectNode) spec.get("linux");
    }

    private static ObjectNode process(ObjectNode spec) {
        return (ObjectNode) spec.get("process");
    }

    private static ArrayNode namespaces(ObjectNode spec) {
        return (ArrayNode) spec.get("linux").get("namespaces");
    }

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), SpecValidator.validate(SpecDefaults.runcDefault(false)));
        assertEquals(List.of(), SpecValidator.validate(SpecDefaults.runcDefault(true)));
        assertEquals(List.of(), SpecValidator.validate(SpecDefaults.rootless(1000, 1000, false)));
    }

    @Test
    void ociVersionMustBeThereAndOfMajorVersionOne() {
        assertOnly("ociVersion", "is required", s -> s.remove("ociVersion"));
        assertOnly("ociVersion", "unsupported version \"2.0.0\": only 1.x configs are supported",
                s -> s.put("ociVersion", "2.0.0"));
        assertOnly("ociVersion", "\"v1\" is not a SemVer 2.0.0 version (expected MAJOR.MINOR.PATCH)", s -> s.put("ociVersion", "v1"));
        assertEquals(List.of(), after(s -> s.put("ociVersion", "1.2.1")));
    }

    /** config.md: ociVersion "MUST be in SemVer v2.0.0 format"; runc 1.1.5 takes "1.2" and "1.0". */
    @Test
    void ociVersionMustBeSemVer() {
        for (String ok : List.of("1.0.0", "1.0.2-dev", "1.2.0-rc.1+build.5", "1.1.0+dirty", "1.10.20-0.3.7", "1.0.0-x-y.z")) {
            assertEquals(List.of(), after(s -> s.put("ociVersion", ok)), ok);
        }
        for (String bad : List.of("1.2", "1", "1.2.3.4", "01.2.3", "1.02.3", "1.2.3-", "1.2.3+", "1.2.3-01", "1.2.3-a..b",
                "1.2.3-a_b", "1.2.x", " 1.2.3", "1.2.3-rc+")) {
            assertOnly("ociVersion", "\"" + bad + "\" is not a SemVer 2.0.0 version (expected MAJOR.MINOR.PATCH)",
                    s -> s.put("ociVersion", bad));
        }
    }

    /** runtime-spec 1.2 fields jrunc does not implement are refused by name, not silently dropped. */
    @Test
    void unsupportedFeaturesAreRefusedNotIgnored() {
        assertOnly("linux.netDevices", "moving network devices is not supported by this runtime (features: netDevices.enabled false)",
                s -> ((ObjectNode) s.get("linux")).putObject("netDevices").putObject("eth1").put("name", "eth5"));
        assertOnly("linux.intelRdt", "Intel RDT is not supported by this runtime (features: intelRdt.enabled false)",
                s -> ((ObjectNode) s.get("linux")).putObject("intelRdt").put("closID", "x"));
        assertOnly("linux.memoryPolicy", "memory policies are not supported by this runtime (features: memoryPolicy.modes is empty)",
                s -> ((ObjectNode) s.get("linux")).putObject("memoryPolicy").put("mode", "MPOL_BIND"));
        assertOnly("mounts[0].uidMappings", "idmapped mounts are not supported by this runtime (features: mountExtensions.idmap.enabled false)",
                s -> ((ObjectNode) s.get("mounts").get(0)).putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 1).put("size", 1));
        assertOnly("mounts[0].options[0]", "\"ridmap\": idmapped mounts are not supported by this runtime",
                s -> ((ObjectNode) s.get("mounts").get(0)).putArray("options").add("ridmap"));
    }

    @Test
    void rootAndItsPathAreRequired() {
        assertOnly("root", "is required", s -> s.remove("root"));
        assertOnly("root.path", "is required", s -> ((ObjectNode) s.get("root")).put("path", ""));
    }

    @Test
    void aRunnableProcessIsRequiredOnlyWhenAsked() {
        assertOnly("process", "is required", s -> s.remove("process"));
        assertOnly("process.args", "must not be empty", s -> process(s).putArray("args"));
        assertOnly("process.cwd", "is required", s -> process(s).remove("cwd"));
        assertOnly("process.cwd", "must be an absolute path, not \"tmp\"", s -> process(s).put("cwd", "tmp"));

        Spec noProcess = new Spec("1.0.2", null, new Root("rootfs", null), null, null, null, null, null, null);
        assertEquals(List.of(), SpecValidator.validate(noProcess, false));
    }

    @Test
    void theExecProcessDocumentIsCheckedOnItsOwn() {
        Process p = new Process(null, null, null, List.of(), null, null, "relative", null, null, null, null, null, null,
                null, null, null);
        assertEquals(List.of(new Violation("args", "must not be empty"),
                new Violation("cwd", "must be an absolute path, not \"relative\"")), SpecValidator.validateProcess(p));
    }

    @Test
    void mountDestinationsMustNotBeEmptyButMayBeRelative() {
        assertOnly("mounts[2].destination", "must not be empty",
                s -> ((ObjectNode) s.get("mounts").get(2)).put("destination", ""));
        assertEquals(List.of(), after(s -> ((ObjectNode) s.get("mounts").get(2)).put("destination", "dev/pts")));
    }

    @Test
    void namespaceTypesMustBeKnownAndUnique() {
        assertOnly("linux.namespaces[2].type", "unknown namespace type \"net\"",
                s -> ((ObjectNode) namespaces(s).get(2)).put("type", "net"));
        assertOnly("linux.namespaces[5].type", "duplicate namespace type \"pid\" (first at linux.namespaces[0])",
                s -> namespaces(s).addObject().put("type", "pid"));
        assertOnly("linux.namespaces[1].path", "must be an absolute path, not \"netns\"",
                s -> ((ObjectNode) namespaces(s).get(1)).put("path", "netns"));
        assertEquals(List.of(), after(s -> namespaces(s).addObject().put("type", "time")));
    }

    @Test
    void idMappingsNeedAUserNamespaceAndANewUserNamespaceNeedsMappings() {
        assertOnly("linux.uidMappings", "user namespace mappings specified, but USER namespace isn't enabled in the config",
                s -> linux(s).putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 1000).put("size", 1));
        assertOnly("linux.uidMappings", "user namespaces enabled, but no user mapping found",
                s -> namespaces(s).addObject().put("type", "user"));
        assertEquals(List.of(), after(s -> namespaces(s).addObject().put("type", "user").put("path", "/proc/1/ns/user")));
    }

    @Test
    void devicesNeedAKnownTypeAnAbsolutePathAndNumbers() {
        assertOnly("linux.devices[0].type", "must be one of c, b, u, p, not \"x\"",
                s -> linux(s).putArray("devices").addObject().put("type", "x").put("path", "/dev/x"));
        assertOnly("linux.devices[0].path", "must be an absolute path, not \"dev/fuse\"",
                s -> linux(s).putArray("devices").addObject().put("type", "c").put("path", "dev/fuse")
                        .put("major", 10).put("minor", 229));
        assertOnly("linux.devices[0].minor", "is required for a \"c\" device",
                s -> linux(s).putArray("devices").addObject().put("type", "c").put("path", "/dev/fuse").put("major", 10));
        assertEquals(List.of(), after(s -> linux(s).putArray("devices").addObject().put("type", "p").put("path", "/dev/f")));
    }

    @Test
    void rlimitsMustBeKnownUniqueAndSoftAtMostHard() {
        assertOnly("process.rlimits[0].type", "unknown rlimit \"RLIMIT_FILES\"",
                s -> ((ObjectNode) process(s).get("rlimits").get(0)).put("type", "RLIMIT_FILES"));
        assertOnly("process.rlimits[0]", "soft limit 2048 is above hard limit 1024",
                s -> ((ObjectNode) process(s).get("rlimits").get(0)).put("soft", 2048));
        assertOnly("process.rlimits[1].type", "duplicate rlimit \"RLIMIT_NOFILE\" (first at process.rlimits[0])",
                s -> ((ArrayNode) process(s).get("rlimits")).addObject().put("type", "RLIMIT_NOFILE").put("soft", 1)
                        .put("hard", 1));
        // Unlimited (uint64 max, -1 as a long) is the largest hard limit, not the smallest.
        assertEquals(List.of(), after(s -> ((ObjectNode) process(s).get("rlimits").get(0))
                .put("hard", new java.math.BigInteger("18446744073709551615"))));
    }

    @Test
    void hostnameAndDomainnameNeedAUtsNamespace() {
        assertOnly("hostname", "unable to set hostname without a private UTS namespace", s -> namespaces(s).remove(3));
        assertOnly("domainname", "unable to set domainname without a private UTS namespace", s -> {
            s.remove("hostname");
            s.put("domainname", "example.org");
            namespaces(s).remove(3);
        });
    }

    @Test
    void unknownCapabilityNamesAreNotAnError() {
        // runtime-spec config.md: a capability that cannot be mapped is logged as a warning (core does that).
        assertEquals(List.of(), after(s -> ((ArrayNode) process(s).get("capabilities").get("ambient")).set(1, "CAP_KILLALL")));
        assertEquals(List.of(), after(s -> ((ObjectNode) process(s).get("capabilities")).putArray("inheritable").add("KILL")));
    }

    @Test
    void hookPathsMustBeAbsoluteAndTimeoutsPositive() {
        assertOnly("hooks.poststop[0].path", "must be an absolute path, not \"cleanup.sh\"",
                s -> s.putObject("hooks").putArray("poststop").addObject().put("path", "cleanup.sh"));
        assertOnly("hooks.createRuntime[1].timeout", "must be a positive number of seconds", s -> {
            ArrayNode hooks = s.putObject("hooks").putArray("createRuntime");
            hooks.addObject().put("path", "/bin/true");
            hooks.addObject().put("path", "/bin/true").put("timeout", 0);
        });
    }

    @Test
    void rootfsPropagationMustBeAKnownMode() {
        assertOnly("linux.rootfsPropagation",
                "unknown propagation \"rshare\" (expected shared, slave, private, unbindable, or one of them prefixed with r)",
                s -> linux(s).put("rootfsPropagation", "rshare"));
        for (String mode : List.of("", "shared", "slave", "private", "unbindable", "rshared", "rslave", "rprivate",
                "runbindable")) {
            assertEquals(List.of(), after(s -> linux(s).put("rootfsPropagation", mode)), mode);
        }
    }

    @Test
    void sysctlNamesAndAnnotationKeysMustNotBeEmpty() {
        assertOnly("linux.sysctl[\"\"]", "sysctl names must not be empty", s -> linux(s).putObject("sysctl").put("", "1"));
        assertOnly("annotations[\"\"]", "keys must not be empty", s -> s.putObject("annotations").put("", "x"));
    }

    @Test
    void maskedAndReadonlyPathsMustBeAbsolute() {
        assertOnly("linux.maskedPaths[10]", "must be an absolute path, not \"proc/foo\"",
                s -> ((ArrayNode) linux(s).get("maskedPaths")).add("proc/foo"));
        assertOnly("linux.readonlyPaths[0]", "must be an absolute path, not \"x\"",
                s -> ((ArrayNode) linux(s).get("readonlyPaths")).set(0, "x"));
    }

    @Test
    void seccompRulesNeedAnActionNamesAndArgumentIndexesBelowSix() {
        assertOnly("linux.seccomp.defaultAction", "is required", s -> linux(s).putObject("seccomp"));
        assertEquals(List.of(new Violation("linux.seccomp.syscalls[0].names", "must name at least one syscall"),
                new Violation("linux.seccomp.syscalls[0].action", "is required"),
                new Violation("linux.seccomp.syscalls[0].args[0].index", "must be between 0 and 5, not 6")),
                after(s -> {
                    ObjectNode seccomp = linux(s).putObject("seccomp").put("defaultAction", "SCMP_ACT_ALLOW");
                    ObjectNode rule = seccomp.putArray("syscalls").addObject();
                    rule.putArray("names");
                    rule.putArray("args").addObject().put("index", 6).put("value", 0).put("op", "SCMP_CMP_EQ");
                }));
    }

    @Test
    void allViolationsAreReportedTogether() {
        List<Violation> all = after(s -> {
            s.remove("root");
            process(s).put("cwd", "");
            ((ObjectNode) namespaces(s).get(0)).put("type", "bogus");
        });
        assertEquals(List.of(new Violation("root", "is required"), new Violation("process.cwd", "is required"),
                new Violation("linux.namespaces[0].type", "unknown namespace type \"bogus\"")), all);
        assertEquals("root: is required", all.getFirst().toString());
    }
}
