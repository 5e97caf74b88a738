package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jrunc spec} must print what {@code runc spec} (1.1.5, captured on this kind of host) prints. */
class DefaultsTest {
    @Test
    void runcDefaultIsRuncsConfigByteForByte() {
        assertEquals(TestFiles.runcOutput("spec.json"), SpecJson.writePretty(SpecDefaults.runcDefault(false)));
    }

    @Test
    void rootlessIsRuncsRootlessConfigByteForByte() {
        // Captured as root, so the mappings map host uid and gid 0.
        assertEquals(TestFiles.runcOutput("spec-rootless.json"), SpecJson.writePretty(SpecDefaults.rootless(0, 0, false)));
    }

    @Test
    void keysComeInRuncsOrder() throws Exception {
        JsonNode runc = new ObjectMapper().readTree(TestFiles.runcOutput("spec.json"));
        JsonNode ours = new ObjectMapper().readTree(SpecJson.writePretty(SpecDefaults.runcDefault(false)));
        assertEquals(List.of("ociVersion", "process", "root", "hostname", "mounts", "linux"), keys(ours));
        assertEquals(keys(runc), keys(ours));
        assertEquals(List.of("resources", "namespaces", "maskedPaths", "readonlyPaths"), keys(ours.get("linux")));
        assertEquals(keys(runc.get("process")), keys(ours.get("process")));
        assertEquals(keys(runc.get("process").get("capabilities")), keys(ours.get("process").get("capabilities")));
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void onCgroupV2HostsACgroupNamespaceIsAddedLast() {
        List<Namespace> namespaces = SpecDefaults.runcDefault(true).linux().namespaces();
        assertEquals(List.of("pid", "network", "ipc", "uts", "mount", "cgroup"),
                namespaces.stream().map(Namespace::type).toList());
        List<Namespace> rootless = SpecDefaults.rootless(1000, 1000, true).linux().namespaces();
        assertEquals(List.of("pid", "ipc", "uts", "mount", "cgroup", "user"), rootless.stream().map(Namespace::type).toList());
    }

    @Test
    void rootlessMapsTheGivenUserToRoot() {
        Linux linux = SpecDefaults.rootless(1000, 1001, false).linux();
        assertEquals(List.of(new IdMapping(0, 1000, 1)), linux.uidMappings());
        assertEquals(List.of(new IdMapping(0, 1001, 1)), linux.gidMappings());
        assertEquals(null, linux.resources());
    }

    @Test
    void theDefaultsMatchTheConfigSchema() {
        SchemaCheck.assertValid(Schemas.CONFIG, SpecJson.writePretty(SpecDefaults.runcDefault(false)));
        SchemaCheck.assertValid(Schemas.CONFIG, SpecJson.writePretty(SpecDefaults.runcDefault(true)));
        SchemaCheck.assertValid(Schemas.CONFIG, SpecJson.writePretty(SpecDefaults.rootless(1000, 1000, true)));
        SchemaCheck.assertValid(Schemas.CONFIG, SpecJson.writePretty(SpecDefaults.runcDefault()));
        SchemaCheck.assertValid(Schemas.CONFIG, SpecJson.writePretty(SpecDefaults.rootless()));
    }

    @Test
    void theDefaultsRoundTrip() {
        Spec spec = SpecDefaults.runcDefault(false);
        assertEquals(spec, SpecJson.parseConfig(TestFiles.runcOutput("spec.json").getBytes()));
    }
}
