package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * `ps`: the container's processes are the tasks of its cgroup (and of any cgroup below it), as
 * host pids. The table form runs ps(1) with the caller's arguments (default -ef) and keeps its
 * header and the lines whose PID column is one of them, as runc does.
 */
public final class ContainerProcesses {
    private final RuntimeContext ctx;

    public ContainerProcesses(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    /** Host pids of every process in the container's cgroup subtree, in cgroup.procs order. */
    public List<Integer> pids(String id) throws JruncException {
        Container c = Container.load(ctx.store(), id);
        Path dir = listingDir(c.cgroups().dirs());
        if (dir == null) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Integer> pids = new ArrayList<>();
            for (Path procs : walk.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                for (String line : Files.readAllLines(procs)) if (!line.isBlank()) pids.add(Integer.parseInt(line.trim()));
            }
            return pids;
        } catch (IOException | RuntimeException e) {
            throw new JruncException("cannot list the processes of " + id + ": " + e.getMessage(), e);
        }
    }

    /** runc lists the devices hierarchy on v1; any hierarchy holds the same tasks. */
    private static Path listingDir(Map<String, Path> dirs) {
        for (String preferred : List.of("devices", "")) {
            Path d = dirs.get(preferred);
            if (d != null && Files.isDirectory(d)) return d;
        }
        return dirs.values().stream().filter(Files::isDirectory).findFirst().orElse(null);
    }

    /** ps(1)'s output for {@code psArgs} (-ef when empty) cut down to the header and the container's processes. */
    public String table(String id, List<String> psArgs) throws JruncException {
        List<Integer> pids = pids(id);
        List<String> cmd = new ArrayList<>(List.of("ps"));
        cmd.addAll(psArgs.isEmpty() ? List.of("-ef") : psArgs);
        String output;
        int exit;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new JruncException("ps did not finish within 60 seconds");
            }
            exit = p.exitValue();
        } catch (IOException e) {
            throw new JruncException("cannot run ps: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JruncException("interrupted while running ps");
        }
        if (exit != 0) throw new JruncException("exit status " + exit + ": " + output);
        return filter(output, pids);
    }

    static String filter(String psOutput, List<Integer> pids) throws JruncException {
        String[] lines = psOutput.split("\n", -1);
        int column = pidColumn(lines[0]);
        StringBuilder out = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) continue;
            String[] fields = line.trim().split("\\s+");
            int pid;
            try {
                pid = Integer.parseInt(fields[column]);
            } catch (RuntimeException e) {
                throw new JruncException("unable to parse pid: " + (column < fields.length ? fields[column] : line));
            }
            if (pids.contains(pid)) out.append(line).append('\n');
        }
        return out.toString();
    }

    private static int pidColumn(String header) throws JruncException {
        String[] names = header.trim().split("\\s+");
        for (int i = 0; i < names.length; i++) if (names[i].equals("PID")) return i;
        throw new JruncException("couldn't find PID field in ps output");
    }
}
