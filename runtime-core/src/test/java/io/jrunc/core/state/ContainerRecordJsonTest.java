package io.jrunc.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** state.json written and read by hand: the same record back, and the same as Jackson's files. */
class ContainerRecordJsonTest {
    private static ContainerRecord sample() {
        Map<String, String> ann = new LinkedHashMap<>();
        ann.put("org.example/key", "va\"lue <&> \n é");
        ann.put("empty", "");
        Map<String, String> cg = new LinkedHashMap<>();
        cg.put("memory", "/sys/fs/cgroup/memory/c1");
        cg.put("unified", "/sys/fs/cgroup/unified/c1");
        return new ContainerRecord("1.2.0", "c1", 4242, 123456789012L, "/b", "/b/rootfs", "2026-11-23T10:41:33.756751749Z",
                "root", ann, cg, Map.of("pid", "/proc/4242/ns/pid"), true);
    }

    @Test
    void roundTrips() {
        ContainerRecord r = sample();
        assertEquals(r, ContainerRecordJson.read(ContainerRecordJson.write(r)));
        ContainerRecord nulls = new ContainerRecord(null, "c2", 0, 0, null, null, null, null, null, null, null, false);
        assertEquals(nulls, ContainerRecordJson.read(ContainerRecordJson.write(nulls)));
    }

    /** A component added to the record but not to the codec would be lost on every save: caught here. */
    @Test
    void everyComponentSurvivesARoundTrip() throws Exception {
        ContainerRecord r = sample();
        ContainerRecord back = ContainerRecordJson.read(ContainerRecordJson.write(r));
        for (RecordComponent c : ContainerRecord.class.getRecordComponents()) {
            Object value = c.getAccessor().invoke(r);
            assertNotEquals(null, value, "the sample sets " + c.getName());
            assertEquals(value, c.getAccessor().invoke(back), c.getName() + " is written and read by ContainerRecordJson");
        }
    }

    /** Files written by Jackson (every jrunc before this codec) read the same, and the other way round. */
    @Test
    void compatibleWithJacksonFiles() throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        ContainerRecord r = sample();
        assertEquals(r, ContainerRecordJson.read(jackson.writeValueAsString(r)));
        assertEquals(r, jackson.readValue(ContainerRecordJson.write(r), ContainerRecord.class));
    }

    @Test
    void unknownMembersAreIgnoredAndWrongTypesRefused() {
        String json = ContainerRecordJson.write(sample()).replaceFirst("\\{", "{\"future\":[1,{\"x\":2}],");
        assertEquals(sample(), ContainerRecordJson.read(json));
        assertThrows(IllegalArgumentException.class, () -> ContainerRecordJson.read("{\"initPid\":\"12\"}"));
        assertThrows(IllegalArgumentException.class, () -> ContainerRecordJson.read("{\"cgroups\":{\"memory\":1}}"));
        assertThrows(IllegalArgumentException.class, () -> ContainerRecordJson.read("[]"));
    }
}
