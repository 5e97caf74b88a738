package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.spec.json.SpecMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What parsing accepts and what the records hold. */
class ParseTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static Spec parse(String json) {
        return SpecJson.parseConfig(json.getBytes(StandardCharsets.UTF_8));
    }

    static List<Path> fixtures() {
        return TestFiles.dockerFixtures();
    }

    /** Members whose objects are maps: a new key there is a new entry, not an unknown member. */
    private static final Set<String> MAP_MEMBERS =
            Set.of("annotations", "sysctl", "unified", "rdma", "timeOffsets", "netDevices");

    /** Adds unknown members of every JSON type to every object of the document. */
    private static void sprinkleUnknownMembers(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> {
                if (!MAP_MEMBERS.contains(e.getKey())) sprinkleUnknownMembers(e.getValue());
            });
            object.put("x-unknown-string", "ignored");
            object.put("x-unknown-number", 1.5);
            object.putNull("x-unknown-null");
            object.putArray("x-unknown-array").add(1).add("two").addObject().put("three", 3);
            object.putObject("x-unknown-object").putObject("nested").putArray("deeper").add(true);
        } else if (node instanceof ArrayNode array) {
            array.forEach(ParseTest::sprinkleUnknownMembers);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void unknownMembersAreIgnoredAtEveryLevel(Path file) throws Exception {
        Spec plain = SpecJson.readConfig(file);
        JsonNode tree = PLAIN.readTree(TestFiles.bytes(file));
        sprinkleUnknownMembers(tree);
        ((ObjectNode) tree).putObject("windows").put("layerFolders", "not even the right type");
        ((ObjectNode) tree).putObject("solaris");
        String noisy = PLAIN.writeValueAsString(tree);
        assertTrue(noisy.contains("x-unknown-object"));
        assertEquals(plain, parse(noisy));
    }

    @Test
    void uint64AboveLongMaxIsKeptAsTwosComplementAndWrittenBackUnsigned() {
        Spec spec = parse("""
                {"process":{"rlimits":[{"type":"RLIMIT_CORE","hard":18446744073709551615,"soft":18446744073709551615}]},
                 "linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["clone"],"action":"SCMP_ACT_ERRNO",
                   "args":[{"index":0,"value":18446744073709551614,"valueTwo":9223372036854775808,"op":"SCMP_CMP_MASKED_EQ"}]}]}}}
                """);
        SeccompArg arg = spec.linux().seccomp().syscalls().getFirst().args().getFirst();
        assertEquals(-2L, arg.value());
        assertEquals(Long.MIN_VALUE, arg.valueTwo());
        assertEquals(-1L, spec.process().rlimits().getFirst().hard());
        String written = SpecJson.write(spec);
        assertTrue(written.contains("\"value\":18446744073709551614,\"valueTwo\":9223372036854775808"), written);
        assertTrue(written.contains("\"hard\":18446744073709551615,\"soft\":18446744073709551615"), written);
        assertEquals(spec, parse(written));
    }

    @Test
    void absentMembersAreNullOrZeroAndExplicitNullOnABoxedMemberIsAbsent() {
        Spec spec = parse("""
                {"ociVersion":"1.2.0","hostname":null,"process":{"user":{},"terminal":null},
                 "linux":{"resources":{"devices":[{"access":"rwm"}]},
                          "seccomp":{"syscalls":[{"names":["x"],"args":[{"op":"SCMP_CMP_EQ"}]}]}}}
                """);
        assertNull(spec.hostname());
        assertNull(spec.root());
        assertNull(spec.process().terminal());
        assertEquals(new User(0, 0, null, null, null), spec.process().user());
        assertEquals(new DeviceRule(false, null, null, null, "rwm"), spec.linux().resources().devices().getFirst());
        assertEquals(new SeccompArg(0, 0, null, "SCMP_CMP_EQ"),
                spec.linux().seccomp().syscalls().getFirst().args().getFirst());
        assertEquals("{\"ociVersion\":\"1.2.0\",\"process\":{\"user\":{\"uid\":0,\"gid\":0}},\"linux\":{\"resources\":"
                + "{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}]},\"seccomp\":{\"syscalls\":[{\"names\":[\"x\"],"
                + "\"args\":[{\"index\":0,\"value\":0,\"op\":\"SCMP_CMP_EQ\"}]}]}}}", SpecJson.write(spec));
    }

    @Test
    void membersNamedLikeJavaKeywordsKeepTheirJsonNames() {
        String json = "{\"process\":{\"ioPriority\":{\"class\":\"IOPRIO_CLASS_BE\",\"priority\":4},"
                + "\"execCPUAffinity\":{\"initial\":\"0\",\"final\":\"1-3\"}}}";
        Spec spec = parse(json);
        assertEquals(new IoPriority("IOPRIO_CLASS_BE", 4), spec.process().ioPriority());
        assertEquals(new CpuAffinity("0", "1-3"), spec.process().execCPUAffinity());
        assertEquals(json, SpecJson.write(spec));
    }

    @Test
    void everyLinuxMemberOfTheSpecIsModelled() {
        String json = """
                {"ociVersion":"1.3.0","root":{"path":"rootfs"},
                 "mounts":[{"destination":"/data","type":"bind","source":"/srv","options":["rbind","idmap"],
                   "uidMappings":[{"containerID":0,"hostID":100000,"size":65536}],
                   "gidMappings":[{"containerID":0,"hostID":100000,"size":65536}]}],
                 "linux":{"uidMappings":[{"containerID":0,"hostID":1000,"size":1}],
                   "namespaces":[{"type":"user"},{"type":"time"},{"type":"network","path":"/run/netns/a"}],
                   "timeOffsets":{"monotonic":{"secs":172800,"nanosecs":0}},
                   "netDevices":{"eth1":{"name":"ctr1"},"ens5":{}},
                   "memoryPolicy":{"mode":"MPOL_INTERLEAVE","nodes":"0-3","flags":["MPOL_F_STATIC_NODES"]},
                   "intelRdt":{"closID":"g","schemata":["L3:0=7f0","MB:0=20"],"enableMonitoring":true},
                   "personality":{"domain":"LINUX32"},
                   "resources":{"memory":{"limit":536870912,"swappiness":0,"useHierarchy":true,"checkBeforeUpdate":false},
                     "cpu":{"shares":1024,"quota":100000,"burst":1000,"period":100000,"idle":1,"cpus":"0-1","mems":"0"},
                     "pids":{"limit":32771},
                     "blockIO":{"weight":10,"weightDevice":[{"major":8,"minor":0,"weight":500,"leafWeight":300}],
                       "throttleReadBpsDevice":[{"major":8,"minor":0,"rate":600}]},
                     "hugepageLimits":[{"pageSize":"2MB","limit":209715200}],
                     "network":{"classID":1048577,"priorities":[{"name":"eth0","priority":500}]},
                     "rdma":{"mlx5_1":{"hcaHandles":3,"hcaObjects":10000}},
                     "unified":{"memory.high":"1G"}}}}
                """;
        Spec spec = parse(json);
        Linux linux = spec.linux();
        assertEquals(new TimeOffset(172800L, 0L), linux.timeOffsets().get("monotonic"));
        assertEquals(new NetDevice(null), linux.netDevices().get("ens5"));
        assertEquals(List.of("L3:0=7f0", "MB:0=20"), linux.intelRdt().schemata());
        assertEquals("MPOL_INTERLEAVE", linux.memoryPolicy().mode());
        assertEquals(65536, spec.mounts().getFirst().uidMappings().getFirst().size());
        assertEquals(Map.of("mlx5_1", new Rdma(3L, 10000L)), linux.resources().rdma());
        assertEquals(new ThrottleDevice(8, 0, 600), linux.resources().blockIO().throttleReadBpsDevice().getFirst());
        assertEquals("/run/netns/a", linux.findNamespace("network").orElseThrow().path());
        assertEquals(spec, parse(SpecJson.write(spec)));
        SchemaCheck.assertValid(Schemas.CONFIG, json);
        SchemaCheck.assertValid(Schemas.CONFIG, SpecJson.write(spec));
    }

    @Test
    void parsedRecordsCannotBeChanged() {
        Spec spec = parse("{\"process\":{\"args\":[\"sh\"]},\"annotations\":{\"a\":\"b\"}}");
        assertThrows(UnsupportedOperationException.class, () -> spec.process().args().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> spec.annotations().put("c", "d"));
    }

    @Test
    void theMapperIsBuiltOnceAndShared() {
        assertSame(SpecMapper.get(), SpecMapper.get());
    }
}
