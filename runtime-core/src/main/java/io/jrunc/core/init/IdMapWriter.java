package io.jrunc.core.init;

import io.jrunc.core.Debug;
import io.jrunc.core.JruncException;
import io.jrunc.core.compile.userns.UserNamespace;
import io.jrunc.spec.IdMapping;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The parent's part of the {@link io.jrunc.core.plan.SyncPoint#ID_MAPS} sync point: the helper has unshared
 * its user namespace and waits, and the maps are written from outside, in the kernel's order:
 * setgroups ("deny" where {@link UserNamespace#denySetgroups()} says so; it must come before
 * gid_map), uid_map, gid_map. Root writes the files itself; a rootless caller can write only a map
 * of its own id, so anything more goes through newuidmap/newgidmap (Debian's uidmap), which check
 * /etc/subuid and /etc/subgid, as runc does.
 */
public final class IdMapWriter {
    private static final long TOOL_TIMEOUT_SECONDS = 10;

    private IdMapWriter() {}

    /**
     * Fails now, before anything is made, when a mapping tool the maps need is missing. The tools are
     * looked up in the caller's PATH ({@code callerEnv}), not the JVM's: a planner's is not the caller's.
     */
    public static void checkTools(UserNamespace ns, Map<String, String> callerEnv) throws JruncException {
        if (!ns.isNew()) return;
        if (ns.uidMapNeedsTool()) locate("newuidmap", callerEnv.get("PATH"));
        if (ns.gidMapNeedsTool()) locate("newgidmap", callerEnv.get("PATH"));
    }

    public static void write(int pid, UserNamespace ns, Map<String, String> callerEnv) throws JruncException {
        Path proc = Path.of("/proc", Integer.toString(pid));
        if (ns.denySetgroups()) writeProcFile(proc.resolve("setgroups"), "deny");
        writeMap(pid, proc, "uid", ns.uidMappings(), ns.uidMapNeedsTool(), callerEnv);
        writeMap(pid, proc, "gid", ns.gidMappings(), ns.gidMapNeedsTool(), callerEnv);
    }

    private static void writeMap(int pid, Path proc, String kind, List<IdMapping> maps, boolean tool,
            Map<String, String> callerEnv) throws JruncException {
        Debug.log(() -> kind + "_map of " + pid + (tool ? " through new" + kind + "map: " : ": ")
                + UserNamespace.mapText(maps).trim().replace('\n', ','));
        if (tool) runTool("new" + kind + "map", pid, maps, callerEnv);
        else writeProcFile(proc.resolve(kind + "_map"), UserNamespace.mapText(maps));
    }

    /** One write(2) of the whole text at offset 0: the kernel accepts a map only that way. */
    private static void writeProcFile(Path file, String text) throws JruncException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            int n = ch.write(bytes);
            if (n != bytes.limit()) throw new IOException("short write (" + n + " of " + bytes.limit() + " bytes)");
        } catch (IOException e) {
            throw new JruncException("user namespace: write " + file + " (" + text.trim().replace('\n', ',') + "): " + e.getMessage(), e);
        }
    }

    private static void runTool(String name, int pid, List<IdMapping> maps, Map<String, String> callerEnv)
            throws JruncException {
        Path tool = locate(name, callerEnv.get("PATH"));
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), Integer.toString(pid)));
        for (IdMapping m : maps) {
            cmd.add(Long.toString(m.containerID()));
            cmd.add(Long.toString(m.hostID()));
            cmd.add(Long.toString(m.size()));
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // The tool runs with the caller's environment, as it would under runc, not the planner's.
            builder.environment().clear();
            builder.environment().putAll(callerEnv);
            Process p = builder.start();
            // Its few lines of output fit the pipe, so waiting first cannot block it.
            if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new JruncException("user namespace: " + String.join(" ", cmd) + " did not finish");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new JruncException("user namespace: " + String.join(" ", cmd) + " failed (exit status " + p.exitValue() + ")"
                        + (out.isEmpty() ? "" : ": " + out));
            }
        } catch (IOException e) {
            throw new JruncException("user namespace: cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JruncException("user namespace: interrupted while running " + name, e);
        }
    }

    /** Found in {@code path} (the caller's $PATH) like runc's exec.LookPath, then in /usr/bin and /usr/sbin (a setuid tool's usual places). */
    static Path locate(String name, String path) throws JruncException {
        List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(":")));
        dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        throw new JruncException("user namespace: a rootless container whose maps hold more than the caller's own id needs "
                + name + ", which is not installed (Debian package uidmap), and entries for this user in /etc/sub"
                + (name.contains("uid") ? "uid" : "gid"));
    }
}
