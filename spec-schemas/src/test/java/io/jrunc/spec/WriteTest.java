package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writers produce what Go's encoding/json produces for the same values. */
class WriteTest {
    @Test
    void stringsAreEscapedAsGoEscapesThem() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("html", "<a href=\"x\">&</a>");
        annotations.put("controls", "\u0000\u0001\b\f\t\n\r\u001f");
        annotations.put("separators", "\u2028\u2029 é ✓");
        State state = new State("1.0.2-dev", "c1", "running", 42, "/b", annotations);
        assertEquals("{\"ociVersion\":\"1.0.2-dev\",\"id\":\"c1\",\"status\":\"running\",\"pid\":42,\"bundle\":\"/b\","
                + "\"annotations\":{\"controls\":\"\\u0000\\u0001\\u0008\\u000c\\t\\n\\r\\u001f\","
                + "\"html\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\","
                + "\"separators\":\"\\u2028\\u2029 é ✓\"}}", SpecJson.write(state));
    }

    @Test
    void mapKeysAreSortedLikeGoMaps() {
        Map<String, String> sysctl = new LinkedHashMap<>();
        sysctl.put("net.ipv4.ping_group_range", "0 0");
        sysctl.put("kernel.shmmax", "1");
        Linux linux = new Linux(null, null, null, sysctl, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
        assertEquals("{\"sysctl\":{\"kernel.shmmax\":\"1\",\"net.ipv4.ping_group_range\":\"0 0\"}}", SpecJson.write(linux));
    }

    @Test
    void indentationFollowsMarshalIndent() {
        Hook hook = new Hook("/bin/true", List.of(), null, 5);
        assertEquals("{\n\t\"path\": \"/bin/true\",\n\t\"args\": [],\n\t\"timeout\": 5\n}", SpecJson.writePretty(hook));
        assertEquals("{\n  \"names\": [\n    \"a\",\n    \"b\"\n  ],\n  \"action\": \"x\"\n}",
                SpecJson.writeIndented(new SeccompSyscall(List.of("a", "b"), "x", null, null), "  "));
        assertEquals("{}", SpecJson.writePretty(new Root(null, null)));
        assertEquals("[]", SpecJson.writePretty(List.of()));
    }

    @Test
    void keysComeOutInTheGoStructsOrder() {
        Device device = new Device("c", "/dev/x", 1L, 3L, 438, 0L, 0L);
        assertEquals("{\"path\":\"/dev/x\",\"type\":\"c\",\"major\":1,\"minor\":3,\"fileMode\":438,\"uid\":0,\"gid\":0}",
                SpecJson.write(device));
        Process p = new Process(null, null, null, null, null, null, "/", null, null, null, null, null, "label", null,
                new Scheduler("SCHED_OTHER", null, null, null, null, null, null), null);
        assertEquals("{\"cwd\":\"/\",\"scheduler\":{\"policy\":\"SCHED_OTHER\"},\"selinuxLabel\":\"label\"}",
                SpecJson.write(p));
    }
}
