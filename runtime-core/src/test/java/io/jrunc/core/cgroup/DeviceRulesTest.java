package io.jrunc.core.cgroup;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import io.jrunc.spec.Device;
import io.jrunc.spec.DeviceRule;
import io.jrunc.spec.Resources;
import io.jrunc.spec.SpecJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The device rules a container ends up with, as the v1 controller (and runc's emulator) would compute them. */
class DeviceRulesTest {
    /** Docker 20.10's config for `docker run --memory 64m --memory-swap 128m --cpus .5 --cpuset-cpus 0 --pids-limit 50 ...`. */
    static final Path DOCKER_RESOURCES = Path.of("../test-fixtures/docker/resources.json");

    private static Resources devices(DeviceRule... rules) {
        return new Resources(List.of(rules), null, null, null, null, null, null, null, null);
    }

    private static List<String> lines(DeviceRules r) {
        return r.exceptions().stream().map(CgroupDeviceRule::cgroupString).toList();
    }

    @Test
    void runcDefaultConfigGivesDenyAllPlusTheBuiltInDevices() throws Exception {
        DeviceRules r = DeviceRules.forCreate(devices(new DeviceRule(false, null, null, null, "rwm")), List.of());
        assertFalse(r.defaultAllow());
        assertTrue(r.explicit());
        // the same set runc 1.1.5 leaves in devices.list on this host
        assertEquals(List.of("b *:* m", "c *:* m", "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", "c 5:0 rwm",
                "c 5:2 rwm", "c 10:200 rwm", "c 136:* rwm"), lines(r));
    }

    @Test
    void noRulesStillMeansTheBuiltInAllowListOnly() throws Exception {
        DeviceRules r = DeviceRules.forCreate(null, null);
        assertFalse(r.defaultAllow());
        assertFalse(r.explicit());
        assertEquals(11, r.exceptions().size());
    }

    @Test
    void aDeviceInLinuxDevicesReplacesTheBuiltInRuleOfItsPath() throws Exception {
        Device null0 = new Device("c", "/dev/null", 1L, 3L, 0666, 0L, 0L);
        DeviceRules r = DeviceRules.forCreate(devices(new DeviceRule(false, null, null, null, "rwm")), List.of(null0));
        assertFalse(lines(r).contains("c 1:3 rwm"));
    }

    @Test
    void dockerFixtureDeniesWhatItDenies() throws Exception {
        Resources res = SpecJson.read(DOCKER_RESOURCES, io.jrunc.spec.Spec.class).linux().resources();
        DeviceRules r = DeviceRules.forCreate(res, List.of());
        assertFalse(r.defaultAllow());
        assertTrue(lines(r).contains("c 5:1 rwm"));
        assertFalse(lines(r).stream().anyMatch(l -> l.startsWith("c 10:229")));
    }

    @Test
    void privilegedIsAllowAll() throws Exception {
        DeviceRules r = DeviceRules.forCreate(devices(new DeviceRule(true, "a", null, null, "rwm")), List.of());
        assertTrue(r.defaultAllow());
        assertEquals(List.of(), lines(r));
    }

    @Test
    void allowAllThenDenyOneKeepsTheException() throws Exception {
        DeviceRules r = DeviceRules.of(List.of(new CgroupDeviceRule('a', -1, -1, "rwm", true, "x"),
                new CgroupDeviceRule('b', 8, 0, "rwm", false, "y")));
        assertTrue(r.defaultAllow());
        assertEquals(List.of("b 8:0 rwm"), lines(r));
        assertFalse(r.exceptions().getFirst().allow());
    }

    @Test
    void denyingPartOfAnAllowedDeviceLeavesTheRest() throws Exception {
        DeviceRules r = DeviceRules.of(List.of(new CgroupDeviceRule('c', 1, 3, "rwm", true, "x"),
                new CgroupDeviceRule('c', 1, 3, "w", false, "y")));
        assertEquals(List.of("c 1:3 rm"), lines(r));
    }

    @Test
    void punchingAHoleInAWildcardIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> DeviceRules.of(List.of(
                new CgroupDeviceRule('c', -1, -1, "m", true, "x"), new CgroupDeviceRule('c', 1, 3, "m", false, "linux.resources.devices[3]"))));
        assertTrue(e.getMessage().startsWith("linux.resources.devices[3]: rule c 1:3 m cannot punch a hole in the wider rule c *:* m"),
                e.getMessage());
    }

    @Test
    void badEntriesNameTheirField() {
        assertEquals("linux.resources.devices[0].type: invalid cgroup device type \"x\" (use a, b or c)",
                assertThrows(ConfigException.class, () -> DeviceRules.forCreate(devices(new DeviceRule(true, "x", null, null, "r")), null))
                        .getMessage());
        assertEquals("linux.resources.devices[0].access: device access cannot be empty",
                assertThrows(ConfigException.class, () -> DeviceRules.forCreate(devices(new DeviceRule(true, "c", 1L, 3L, "")), null))
                        .getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> DeviceRules.forCreate(devices(new DeviceRule(true, "c", 1L, 3L, "rx")), null))
                .getMessage().startsWith("linux.resources.devices[0].access: invalid device access rx"));
    }
}
