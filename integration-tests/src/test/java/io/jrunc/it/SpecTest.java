package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code spec}: the default config.json (like runc's), --bundle, refusing to overwrite, --rootless. */
class SpecTest extends ItBase {

    private JsonNode specIn(Path dir, String... extra) throws Exception {
        Files.createDirectories(dir);
        List<String> a = new ArrayList<>(List.of("spec"));
        a.addAll(List.of(extra));
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().cwd(dir), a.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::describe);
        Path cfg = dir.resolve("config.json");
        assertTrue(Files.exists(cfg), "spec wrote no config.json in " + dir);
        return JSON.readTree(cfg.toFile());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void defaultConfigMatchesRuncsShape() throws Exception {
        JsonNode c = specIn(work.resolve("s1"));
        StateJson.validateAgainstConfigSchema(c);
        assertTrue(c.path("ociVersion").asText().startsWith("1."), "ociVersion " + c.path("ociVersion"));
        JsonNode p = c.path("process");
        assertTrue(p.path("terminal").asBoolean(), "process.terminal true");
        assertEquals(0, p.path("user").path("uid").asInt(-1));
        assertEquals(0, p.path("user").path("gid").asInt(-1));
        assertEquals(List.of("sh"), texts(p.path("args")));
        List<String> env = texts(p.path("env"));
        assertTrue(env.stream().anyMatch(e -> e.startsWith("PATH=") && e.contains("/bin")), "PATH in env " + env);
        assertTrue(env.contains("TERM=xterm"), "TERM=xterm in env " + env);
        assertEquals("/", p.path("cwd").asText());
        for (String set : List.of("bounding", "effective", "permitted")) {
            List<String> caps = texts(p.path("capabilities").path(set));
            assertTrue(caps.containsAll(List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE")), set + " " + caps);
            assertEquals(3, caps.size(), set + " " + caps);
        }
        JsonNode rl = p.path("rlimits");
        assertEquals(1, rl.size(), "rlimits " + rl);
        assertEquals("RLIMIT_NOFILE", rl.get(0).path("type").asText());
        assertEquals(1024, rl.get(0).path("soft").asLong());
        assertEquals(1024, rl.get(0).path("hard").asLong());
        assertTrue(p.path("noNewPrivileges").asBoolean(), "noNewPrivileges");
        assertEquals("rootfs", c.path("root").path("path").asText());
        assertTrue(c.path("root").path("readonly").asBoolean(), "root.readonly");
        assertFalse(c.path("hostname").asText().isEmpty(), "hostname set");

        Map<String, String> mountTypes = new java.util.LinkedHashMap<>();
        c.path("mounts").forEach(m -> mountTypes.put(m.path("destination").asText(), m.path("type").asText()));
        assertEquals(Map.of("/proc", "proc", "/dev", "tmpfs", "/dev/pts", "devpts", "/dev/shm", "tmpfs",
                "/dev/mqueue", "mqueue", "/sys", "sysfs", "/sys/fs/cgroup", "cgroup"), mountTypes);
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup"),
                new ArrayList<>(mountTypes.keySet()), "mount order");
        JsonNode devpts = c.path("mounts").get(2);
        assertTrue(texts(devpts.path("options")).containsAll(List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                "devpts options " + devpts);
        assertTrue(texts(c.path("mounts").get(5).path("options")).contains("ro"), "/sys is ro");

        JsonNode linux = c.path("linux");
        List<String> ns = new ArrayList<>();
        linux.path("namespaces").forEach(n -> ns.add(n.path("type").asText()));
        assertTrue(ns.containsAll(List.of("pid", "network", "ipc", "uts", "mount")), "namespaces " + ns);
        assertFalse(ns.contains("user"), "no user namespace by default " + ns);
        JsonNode dev0 = linux.path("resources").path("devices").get(0);
        assertFalse(dev0.path("allow").asBoolean(true), "first device rule denies all: " + dev0);
        assertEquals("rwm", dev0.path("access").asText());
        assertTrue(texts(linux.path("maskedPaths")).containsAll(List.of("/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi")), "maskedPaths " + linux.path("maskedPaths"));
        assertTrue(texts(linux.path("readonlyPaths")).containsAll(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger")),
                "readonlyPaths " + linux.path("readonlyPaths"));
    }

    @Test
    void bundleFlagWritesIntoThatDirectory() throws Exception {
        Path target = work.resolve("long");
        Path other = work.resolve("short");
        Path cwd = work.resolve("cwd");
        Files.createDirectories(target);
        Files.createDirectories(other);
        Files.createDirectories(cwd);
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().cwd(cwd), "spec", "--bundle", target.toString());
        assertEquals(0, r.exitCode(), r::describe);
        OciRuntime.Result r2 = rt.run(OciRuntime.Opts.defaults().cwd(cwd), "spec", "-b", other.toString());
        assertEquals(0, r2.exitCode(), r2::describe);
        assertTrue(Files.exists(target.resolve("config.json")), "--bundle");
        assertTrue(Files.exists(other.resolve("config.json")), "-b");
        assertFalse(Files.exists(cwd.resolve("config.json")), "nothing written in the working directory");
        JSON.readTree(target.resolve("config.json").toFile());
    }

    @Test
    void refusesToOverwriteAnExistingConfig() throws Exception {
        Path dir = work.resolve("s2");
        specIn(dir);
        Files.writeString(dir.resolve("config.json"), "{\"keep\":true}");
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().cwd(dir), "spec");
        assertNotEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("exists"), "message says the file exists: " + r.describe());
        assertEquals("{\"keep\":true}", Files.readString(dir.resolve("config.json")), "existing config untouched");
    }

    @Test
    void rootlessAddsUserNamespaceAndMappings() throws Exception {
        JsonNode c = specIn(work.resolve("s3"), "--rootless");
        StateJson.validateAgainstConfigSchema(c);
        JsonNode linux = c.path("linux");
        List<String> ns = new ArrayList<>();
        linux.path("namespaces").forEach(n -> ns.add(n.path("type").asText()));
        assertTrue(ns.contains("user"), "user namespace " + ns);
        assertFalse(ns.contains("network"), "rootless spec has no network namespace (like runc) " + ns);
        for (String map : List.of("uidMappings", "gidMappings")) {
            JsonNode m = linux.path(map);
            assertEquals(1, m.size(), map + " " + m);
            assertEquals(0, m.get(0).path("containerID").asLong(-1), map);
            assertEquals(1, m.get(0).path("size").asLong(), map);
            assertEquals(0, m.get(0).path("hostID").asLong(-1), map + " maps to the caller's id (root here)");
        }
        assertTrue(linux.path("resources").isMissingNode() || linux.path("resources").path("devices").isEmpty(),
                "no device cgroup rules when rootless: " + linux.path("resources"));
    }
}
