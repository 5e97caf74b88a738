package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The config schema turns away what SpecJson turns away. */
class SchemaTest {
    private static final String BASE = "{\"ociVersion\":\"1.2.0\",\"root\":{\"path\":\"rootfs\"},%s}";

    static Stream<String> typeErrors() {
        return Stream.of(
                "\"process\":{\"user\":{\"uid\":\"0\"},\"cwd\":\"/\"}",
                "\"process\":{\"user\":{\"uid\":-1},\"cwd\":\"/\"}",
                "\"process\":{\"user\":{\"uid\":4294967296},\"cwd\":\"/\"}",
                "\"process\":{\"user\":{\"uid\":1.5},\"cwd\":\"/\"}",
                "\"process\":{\"terminal\":\"true\"}",
                "\"process\":{\"args\":\"sh\"}",
                "\"process\":{\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"soft\":1,\"hard\":18446744073709551616}]}",
                "\"hostname\":1",
                "\"mounts\":[{\"destination\":\"/x\",\"options\":\"ro\"}]",
                "\"mounts\":[{\"type\":\"bind\"}]",
                "\"annotations\":{\"k\":1}",
                "\"hooks\":{\"prestart\":[{\"path\":\"/x\",\"timeout\":0}]}",
                "\"linux\":{\"namespaces\":[{\"type\":\"net\"}]}",
                "\"linux\":{\"sysctl\":{\"a\":1}}",
                "\"linux\":{\"devices\":[{\"type\":\"x\",\"path\":\"/dev/x\"}]}",
                "\"linux\":{\"resources\":{\"memory\":{\"limit\":\"1g\"}}}",
                "\"linux\":{\"resources\":{\"blockIO\":{\"weight\":65536}}}",
                "\"linux\":{\"resources\":{\"devices\":[{\"access\":\"rwm\"}]}}",
                "\"linux\":{\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[],\"action\":\"SCMP_ACT_ERRNO\"}]}}",
                "\"linux\":{\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"x\"],"
                        + "\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":0,\"value\":-1,\"op\":\"SCMP_CMP_EQ\"}]}]}}",
                "\"linux\":{\"rootfsPropagation\":\"sharedd\"}",
                "\"linux\":{\"netDevices\":{\"eth0\":{\"name\":23}}}",
                "\"linux\":{\"resources\":{\"rdma\":{\"mlx5_1\":{\"hcaHandles\":\"not a uint32\"}}}}");
    }

    @ParameterizedTest
    @MethodSource("typeErrors")
    void rejectsTypeErrors(String member) {
        SchemaCheck.assertInvalid(Schemas.CONFIG, BASE.formatted(member));
    }

    @Test
    void acceptsTheLargestUnsignedValues() {
        SchemaCheck.assertValid(Schemas.CONFIG, BASE.formatted("\"process\":{\"cwd\":\"/\",\"user\":{\"uid\":4294967295,"
                + "\"gid\":0},\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"soft\":18446744073709551615,"
                + "\"hard\":18446744073709551615}]}"));
    }

    @Test
    void unknownMembersAreAllowed() {
        SchemaCheck.assertValid(Schemas.CONFIG, BASE.formatted("\"x-vendor\":{\"a\":[1]},\"linux\":{\"x\":true}"));
    }

    @Test
    void everySchemaIsOnTheClassPath() throws Exception {
        for (Schemas s : Schemas.values()) {
            assertTrue(s.resourcePath().startsWith("/io/jrunc/spec/schema/"));
            assertEquals(s.url().getPath().substring(s.url().getPath().lastIndexOf('/')),
                    s.resourcePath().substring(s.resourcePath().lastIndexOf('/')));
            try (InputStream in = s.open()) {
                assertTrue(in.readAllBytes().length > 100);
            }
        }
    }
}
