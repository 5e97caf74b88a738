package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The features document: runc's output reads and writes back unchanged, and ours matches the schema. */
class FeaturesTest {
    @Test
    void runcsFeaturesRoundTripByteForByte() {
        String runc = TestFiles.runcOutput("features.json");
        Features features = SpecJson.parse(runc.getBytes(StandardCharsets.UTF_8), Features.class);
        assertEquals("1.0.2-dev", features.ociVersionMax());
        assertEquals(41, features.linux().capabilities().size());
        assertEquals(true, features.linux().seccomp().enabled());
        // runc's encoder indents with four spaces and ends the line.
        assertEquals(runc, SpecJson.writeIndented(features, "    ") + "\n");
        SchemaCheck.assertValid(Schemas.FEATURES, runc);
    }

    @Test
    void everyMemberOfTheFeaturesSpecMatchesTheSchema() {
        Features.Enabled yes = new Features.Enabled(true);
        Features features = new Features("1.0.0", "1.2.0", List.of("prestart", "createRuntime", "poststop"),
                List.of("ro", "rbind", "idmap"),
                new Features.LinuxFeatures(LinuxNames.NAMESPACE_TYPES, LinuxNames.CAPABILITIES,
                        new Features.Cgroup(true, true, false, false, false),
                        new Features.SeccompFeatures(true, List.of("SCMP_ACT_ALLOW"), List.of("SCMP_CMP_EQ"),
                                List.of("SCMP_ARCH_X86_64"), List.of("SECCOMP_FILTER_FLAG_LOG"),
                                List.of("SECCOMP_FILTER_FLAG_LOG")),
                        new Features.Enabled(false), new Features.Enabled(false),
                        new Features.IntelRdtFeatures(false, false, false),
                        new Features.MemoryPolicyFeatures(List.of("MPOL_BIND"), List.of("MPOL_F_STATIC_NODES")),
                        new Features.MountExtensions(yes), new Features.Enabled(false)),
                Map.of("io.jrunc.version", "0.1.0"), List.of("org.criu.config"));
        String json = SpecJson.writeIndented(features, "    ");
        SchemaCheck.assertValid(Schemas.FEATURES, json);
        assertEquals(features, SpecJson.parse(json.getBytes(StandardCharsets.UTF_8), Features.class));
    }

    @Test
    void theFeaturesSchemaRejectsWrongTypes() {
        SchemaCheck.assertInvalid(Schemas.FEATURES, "{\"ociVersionMin\":\"1.0.0\"}");
        SchemaCheck.assertInvalid(Schemas.FEATURES,
                "{\"ociVersionMin\":\"1.0.0\",\"ociVersionMax\":\"1.2.0\",\"linux\":{\"apparmor\":{\"enabled\":\"yes\"}}}");
        SchemaCheck.assertInvalid(Schemas.FEATURES,
                "{\"ociVersionMin\":\"1.0.0\",\"ociVersionMax\":\"1.2.0\",\"hooks\":\"prestart\"}");
    }
}
