package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.jrunc.spec.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * `features` (runtime-spec features.md): valid against spec-schemas' features schema, and true:
 * what it lists works in real containers (every capability granted, every namespace made, every
 * mount option and seccomp name accepted and loaded), and what depends on the host says what the
 * host has. Annotations are kept and shown by `state` and `list`.
 */
class FeaturesTest extends ItBase {
    private static final java.util.regex.Pattern LITTLE_ENDIAN =
            java.util.regex.Pattern.compile("_(X86|X86_64|X32|ARM|AARCH64|RISCV64|LOONGARCH64)$|EL(64)?(N32)?$|LE$");
    private JsonNode features() throws IOException {
        OciRuntime.Result r = rt.run("features");
        assertEquals(0, r.exitCode(), r::describe);
        return JSON.readTree(r.stdout());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void outputIsValidAgainstTheFeaturesSchemaAndNamesEveryHookPoint() throws IOException {
        JsonNode f = features();
        JsonSchema schema;
        try (InputStream in = Schemas.FEATURES.open()) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(f);
        assertEquals(Set.of(), errors, "features output matches the schema:\n" + f);
        assertEquals(List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"), strings(f.get("hooks")));
        OciRuntime.Result v = rt.run("--version");
        assertTrue(v.stdout().contains("spec: " + f.get("ociVersionMax").asText()), "--version names the same spec version: " + v.stdout());
    }

    @Test
    void hostDependentFeaturesSayWhatTheHostHas() throws IOException {
        assumeFalse(Env.binaryIsRunc11(), "runc 1.1 reports AppArmor and SELinux as compiled in, whatever the host has");
        JsonNode linux = features().get("linux");
        boolean apparmor = Files.exists(Path.of("/sys/kernel/security/apparmor"))
                && Files.readString(Path.of("/sys/module/apparmor/parameters/enabled")).startsWith("Y");
        assertEquals(apparmor, linux.at("/apparmor/enabled").asBoolean(), "apparmor");
        boolean selinux = HostFs.mountinfoLines().stream().anyMatch(l -> l.contains(" - selinuxfs ") && l.contains(" rw,"));
        assertEquals(selinux, linux.at("/selinux/enabled").asBoolean(), "selinux");
        assertEquals(Files.isDirectory(Path.of("/run/systemd/system")), linux.at("/cgroup/systemd").asBoolean(), "systemd");
        assertTrue(linux.at("/cgroup/v1").asBoolean() && linux.at("/cgroup/v2").asBoolean(), "both cgroup drivers: " + linux.get("cgroup"));
    }

    private static long hostBounding() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapBnd:")) return Long.parseUnsignedLong(line.substring(7).trim(), 16);
        }
        throw new AssertionError("no CapBnd in /proc/self/status");
    }

    /** Every capability this host can give is listed (by its number), and a container gets every one of them. */
    @Test
    void everyListedCapabilityTheHostHasIsGrantedToAContainer() throws IOException {
        List<String> caps = strings(features().at("/linux/capabilities"));
        long host = hostBounding();
        assertEquals(0, host & ~((1L << caps.size()) - 1), "features names every capability the host has");
        Bundle b = bundle();
        ObjectNode c = b.process().withObject("/capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = c.putArray(set);
            for (int bit = 0; bit < caps.size(); bit++) if ((host & (1L << bit)) != 0) a.add(caps.get(bit));
        }
        Probe p = probe(b, "caps");
        assertEquals(host, Long.parseUnsignedLong(p.need("cap.bnd"), 16), "the container's bounding set is the host's, named by the list");
        assertEquals(host, Long.parseUnsignedLong(p.need("cap.eff"), 16));
    }

    @Test
    void everyListedNamespaceIsMadeNew() throws IOException {
        List<String> types = strings(features().at("/linux/namespaces"));
        // The mapped root of the user namespace has to walk down to the rootfs, as with runc.
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Bundle b = bundle("ns");
        for (String t : types) if (!b.namespaceTypes().contains(t) && !t.equals("user")) b.namespace(t, null);
        if (types.contains("user")) UserNamespaceTest.mapped(b, true);
        Probe p = probe(b, "ns");
        for (String t : types) {
            String procName = switch (t) {
                case "mount" -> "mnt";
                case "network" -> "net";
                default -> t;
            };
            String host = Files.readSymbolicLink(Path.of("/proc/self/ns/" + procName)).toString();
            assertNotEquals(host, p.need("ns." + procName), t + " namespace is the container's own");
        }
    }

    @Test
    void everyListedMountOptionIsAccepted() throws IOException {
        assumeFalse(Env.binaryIsRunc11(), "runc 1.1 lists options it hands to the filesystem (\"defaults\" fails on tmpfs)");
        List<String> options = strings(features().get("mountOptions"));
        Bundle b = bundle();
        Path src = Files.createDirectories(work.resolve("src"));
        int i = 0;
        for (String o : options) {
            boolean bind = o.equals("bind") || o.equals("rbind");
            if (o.equals("remount")) {
                // a remount needs something mounted there already: the bind just before it
                b.addMount("/opt/m" + i, "bind", src.toString(), "bind");
                b.addMount("/opt/m" + i++, "bind", src.toString(), "bind", "remount", "ro");
            } else if (bind) {
                b.addMount("/opt/m" + i++, "bind", src.toString(), o);
            } else {
                b.addMount("/opt/m" + i++, "tmpfs", "tmpfs", o);
            }
        }
        b.args("probe", "echo", "mounted");
        OciRuntime.Result r = run(b, newId("opts"));
        assertEquals(0, r.exitCode(), () -> "every listed option is accepted: " + options + "\n" + r.describe());
    }

    @Test
    void everyListedSeccompNameIsAcceptedAndLoaded() throws IOException {
        assumeFalse(Env.binaryIsRunc11(), "runc 1.1 reports no seccomp flags");
        JsonNode s = features().at("/linux/seccomp");
        assertTrue(s.get("enabled").asBoolean(), "libseccomp is installed here");
        Bundle b = bundle();
        ObjectNode sc = b.linux().putObject("seccomp");
        sc.put("defaultAction", "SCMP_ACT_ALLOW");
        // One filter can only hold architectures of one byte order (libseccomp refuses the others
        // with EDOM): the little-endian ones, as this machine, go together.
        ArrayNode archs = sc.putArray("architectures");
        s.get("archs").forEach(a -> { if (LITTLE_ENDIAN.matcher(a.asText()).find()) archs.add(a); });
        assertTrue(archs.size() >= 3, "x86 and ARM families at least: " + archs);
        ArrayNode flags = sc.putArray("flags");
        // WAIT_KILLABLE_RECV goes with a notifying rule only (jrunc refuses it alone, as runc)
        s.get("supportedFlags").forEach(f -> { if (!f.asText().endsWith("WAIT_KILLABLE_RECV")) flags.add(f); });
        ArrayNode rules = sc.putArray("syscalls");
        // syscalls the probe never makes, one per action (ALLOW is the default; NOTIFY needs an agent)
        String[] unused = {"acct", "kexec_load", "swapon", "swapoff", "pivot_root", "init_module", "delete_module", "vhangup", "quotactl"};
        int n = 0;
        for (JsonNode action : s.get("actions")) {
            String a = action.asText();
            if (a.equals("SCMP_ACT_ALLOW") || a.equals("SCMP_ACT_NOTIFY")) continue;
            ObjectNode rule = rules.addObject();
            rule.putArray("names").add(unused[n++]);
            rule.put("action", a);
        }
        ObjectNode withArgs = rules.addObject();
        withArgs.putArray("names").add("syslog");
        withArgs.put("action", "SCMP_ACT_ERRNO");
        ArrayNode args = withArgs.putArray("args");
        int index = 0;
        for (JsonNode op : s.get("operators")) {
            ObjectNode arg = args.addObject();
            arg.put("index", index++ % 6);
            arg.put("value", 1);
            if (op.asText().equals("SCMP_CMP_MASKED_EQ")) arg.put("valueTwo", 1);
            arg.put("op", op.asText());
        }
        b.args("probe", "echo", "filtered");
        OciRuntime.Result r = run(b, newId("sc"));
        assertEquals(0, r.exitCode(), () -> "every listed seccomp name is accepted: " + sc + "\n" + r.describe());
        assertTrue(r.stdout().contains("filtered"), r.describe());
    }

    @Test
    void libseccompVersionIsTheOneRuncReports() throws IOException {
        String ours = features().at("/annotations/io.github.seccomp.libseccomp.version").asText();
        assertTrue(ours.matches("\\d+\\.\\d+\\.\\d+"), ours);
        var runc = Env.runc();
        assumeTrue(runc.isPresent(), "runc is not installed");
        OciRuntime other = otherRuntime(runc.get(), "runc");
        OciRuntime.Result r = other.run("features");
        assumeTrue(r.ok(), "runc features: " + r.describe());
        assertEquals(JSON.readTree(r.stdout()).at("/annotations/io.github.seccomp.libseccomp.version").asText(), ours);
    }

    @Test
    void annotationsAreKeptAndShownByStateAndList() throws IOException {
        Bundle b = bundle().args("probe", "sleep", "60");
        ObjectNode a = b.config().putObject("annotations");
        a.put("org.example.key", "value with spaces");
        a.put("io.jrunc.test", "{\"json\":1}");
        String id = newId("ann");
        createOk(b, id);
        JsonNode state = rt.state(id);
        StateJson.validateAgainstStateSchema(state);
        assertEquals(a, state.get("annotations"), "state shows the config's annotations");
        OciRuntime.Result l = rt.run("list", "--format", "json");
        JsonNode mine = null;
        for (JsonNode c : JSON.readTree(l.stdout())) if (c.get("id").asText().equals(id)) mine = c;
        assertTrue(mine != null, l.describe());
        assertEquals(a, mine.get("annotations"), "list shows them too");
    }
}
