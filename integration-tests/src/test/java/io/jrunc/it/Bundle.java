package io.jrunc.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A temporary OCI bundle: {@code rootfs/} with busybox (plus applet symlinks), {@code /bin/probe}, a minimal
 * /etc/passwd and /etc/group; and {@code config.json} made by the runtime's own {@code spec} command and then edited
 * here with Jackson (terminal off, args {@code probe all} by default). Call {@link #write()} after edits; the
 * lifecycle helpers in {@link ItBase} write before they create.
 */
public final class Bundle {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<Path, String> SPEC_CACHE = new ConcurrentHashMap<>();
    private static volatile List<String> applets;

    public final Path dir;
    public final Path rootfs;
    private ObjectNode config;

    private Bundle(Path dir) {
        this.dir = dir;
        this.rootfs = dir.resolve("rootfs");
    }

    /** Makes a bundle in {@code dir} whose config.json comes from {@code <runtime> spec} run in that directory. */
    public static Bundle create(OciRuntime rt, Path dir) {
        Bundle b = new Bundle(dir);
        try {
            Files.createDirectories(dir);
            populateRootfs(b.rootfs);
            String spec = SPEC_CACHE.get(rt.binary());
            if (spec == null) {
                OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().cwd(dir), "spec");
                Path cfg = dir.resolve("config.json");
                if (!r.ok() || !Files.exists(cfg)) throw new AssertionError("`spec` failed in " + dir + ":\n" + r.describe());
                spec = Files.readString(cfg);
                SPEC_CACHE.put(rt.binary(), spec);
            }
            b.config = (ObjectNode) JSON.readTree(spec);
            b.terminal(false).args("probe", "all");
            b.write();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runtime-generated spec, unedited (from the cache). */
    public static String pristineSpec(Path binary) {
        return SPEC_CACHE.get(binary);
    }

    // ---- rootfs ----------------------------------------------------------------------------------------------------

    static void populateRootfs(Path rootfs) throws IOException {
        for (String d : List.of("bin", "etc", "proc", "sys", "dev", "root", "home", "tmp", "var", "run")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        Files.setPosixFilePermissions(rootfs.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        sticky(rootfs.resolve("tmp"));
        Path bin = rootfs.resolve("bin");
        Files.copy(Env.busybox(), bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        for (String a : applets()) {
            Path l = bin.resolve(a);
            if (!Files.exists(l, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(l, Path.of("busybox"));
        }
        Files.copy(Tools.probe(), bin.resolve("probe"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(bin.resolve("probe"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(rootfs.resolve(HostFs.OWNER_MARKER), rootfs.toAbsolutePath() + "\n");
        Files.writeString(rootfs.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                it:x:1000:1000:it:/home:/bin/sh
                nobody:x:65534:65534:nobody:/nonexistent:/bin/false
                """);
        Files.writeString(rootfs.resolve("etc/group"), """
                root:x:0:
                wheel:x:10:
                tty:x:5:
                users:x:100:
                it:x:1000:
                nogroup:x:65534:
                """);
    }

    private static void sticky(Path p) {
        HostFs.sh("chmod", "1777", p.toString());
    }

    private static List<String> applets() {
        List<String> a = applets;
        if (a != null) return a;
        try {
            Process p = new ProcessBuilder(Env.busybox().toString(), "--list").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            List<String> list = new ArrayList<>();
            for (String s : out.split("\\s+")) if (s.matches("[A-Za-z0-9_.\\[\\]-]+") && !s.equals("busybox")) list.add(s);
            if (!list.contains("sh")) list.add("sh");
            applets = List.copyOf(list);
            return applets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- config.json ----------------------------------------------------------------------------------------------

    public ObjectNode config() { return config; }
    public ObjectNode process() { return config.withObject("/process"); }
    public ObjectNode linux() { return config.withObject("/linux"); }

    /** Writes config.json. */
    public Bundle write() {
        try {
            Files.writeString(dir.resolve("config.json"), JSON.writeValueAsString(config));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Bundle terminal(boolean on) { process().put("terminal", on); return this; }

    public Bundle args(String... args) {
        ArrayNode a = process().putArray("args");
        for (String s : args) a.add(s);
        return this;
    }

    /** Adds (or replaces) NAME=value in process.env. */
    public Bundle env(String name, String value) {
        ArrayNode env = process().withArray("/env");
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).asText().startsWith(name + "=")) { env.set(i, name + "=" + value); return this; }
        }
        env.add(name + "=" + value);
        return this;
    }

    public Bundle cwd(String cwd) { process().put("cwd", cwd); return this; }

    public Bundle user(int uid, int gid, int... additionalGids) {
        ObjectNode u = process().putObject("user");
        u.put("uid", uid).put("gid", gid);
        if (additionalGids.length > 0) {
            ArrayNode a = u.putArray("additionalGids");
            for (int g : additionalGids) a.add(g);
        }
        return this;
    }

    public Bundle umask(int umask) { process().withObject("/user").put("umask", umask); return this; }
    public Bundle hostname(String h) { config.put("hostname", h); return this; }
    public Bundle domainname(String d) { config.put("domainname", d); return this; }
    public Bundle noHostname() { config.remove("hostname"); return this; }

    public Bundle rootPath(String path) { config.withObject("/root").put("path", path); return this; }
    public Bundle readonlyRoot(boolean ro) { config.withObject("/root").put("readonly", ro); return this; }

    /** Replaces (or adds) the rlimit of this type. */
    public Bundle rlimit(String type, long soft, long hard) {
        ArrayNode rl = process().withArray("/rlimits");
        for (Iterator<JsonNode> it = rl.iterator(); it.hasNext(); ) if (type.equals(it.next().path("type").asText())) it.remove();
        rl.addObject().put("type", type).put("soft", soft).put("hard", hard);
        return this;
    }

    public Bundle addMount(String destination, String type, String source, String... options) {
        ObjectNode m = config.withArray("/mounts").addObject();
        m.put("destination", destination);
        if (type != null) m.put("type", type);
        if (source != null) m.put("source", source);
        if (options.length > 0) {
            ArrayNode o = m.putArray("options");
            for (String s : options) o.add(s);
        }
        return this;
    }

    public Bundle removeMount(String destination) {
        ArrayNode ms = config.withArray("/mounts");
        for (Iterator<JsonNode> it = ms.iterator(); it.hasNext(); ) if (destination.equals(it.next().path("destination").asText())) it.remove();
        return this;
    }

    public List<String> namespaceTypes() {
        List<String> out = new ArrayList<>();
        for (JsonNode n : linux().withArray("/namespaces")) out.add(n.path("type").asText());
        return out;
    }

    public Bundle removeNamespace(String type) {
        ArrayNode ns = linux().withArray("/namespaces");
        for (Iterator<JsonNode> it = ns.iterator(); it.hasNext(); ) if (type.equals(it.next().path("type").asText())) it.remove();
        return this;
    }

    /** Adds a namespace of this type (a new one when {@code path} is null, else joins the one at path). */
    public Bundle namespace(String type, String path) {
        removeNamespace(type);
        ObjectNode n = linux().withArray("/namespaces").addObject().put("type", type);
        if (path != null) n.put("path", path);
        return this;
    }

    public Bundle rootfsPropagation(String p) { linux().put("rootfsPropagation", p); return this; }
    public Bundle cgroupsPath(String p) { linux().put("cgroupsPath", p); return this; }

    public Bundle addDevice(String path, String type, long major, long minor, int fileMode, int uid, int gid) {
        ObjectNode d = linux().withArray("/devices").addObject();
        d.put("path", path).put("type", type);
        if (!"p".equals(type)) d.put("major", major).put("minor", minor);
        d.put("fileMode", fileMode).put("uid", uid).put("gid", gid);
        return this;
    }
}
