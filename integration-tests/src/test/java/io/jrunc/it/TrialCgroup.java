package io.jrunc.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A cgroup of one hierarchy the test makes for the runtime processes it starts, so that everything they
 * start is found afterwards, orphans included: a process starts in its parent's cgroup, and a container's
 * cgroup (a relative cgroupsPath, or none) is made under its caller's. The runtime is started through a
 * shell that moves itself here and then execs it, so the pid the test holds is the runtime's.
 */
final class TrialCgroup implements AutoCloseable {
    final Path dir;

    private TrialCgroup(Path dir) {
        this.dir = dir;
    }

    /** Under this JVM's own cgroup of the pids hierarchy (v1), else of cgroup2. */
    static TrialCgroup create(String hint) {
        Path base = null;
        for (String name : List.of("pids", "unified")) {
            Path mount = CgroupFiles.MOUNT.resolve(name);
            if (Files.exists(mount.resolve("cgroup.procs"))) {
                base = new CgroupFiles("").dir(name);
                break;
            }
        }
        if (base == null && Files.exists(CgroupFiles.MOUNT.resolve("cgroup.controllers"))) {
            base = CgroupFiles.MOUNT.resolve(Path.of("/").relativize(Path.of(CgroupFiles.ownCgroups().getOrDefault("unified", "/"))));
        }
        assumeTrue(base != null, "a pids (v1) or cgroup2 hierarchy to hold the runtime's processes");
        Path dir = base.resolve("jrit-" + hint + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff)));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TrialCgroup(dir);
    }

    /** {@code command} run from inside this cgroup (a shell joins it, then execs the command). */
    List<String> wrap(List<String> command) {
        List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0\"/cgroup.procs && exec \"$@\"", dir.toString()));
        out.addAll(command);
        return out;
    }

    /** Every process in this cgroup or below it, except those under {@code allowedSub} (a container's own cgroup). */
    List<Long> pids(Path allowedSub) {
        List<Long> out = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            for (Path d : walk.filter(Files::isDirectory).toList()) {
                if (allowedSub != null && d.startsWith(allowedSub)) continue;
                try {
                    for (String line : Files.readAllLines(d.resolve("cgroup.procs"))) if (!line.isBlank()) out.add(Long.parseLong(line.trim()));
                } catch (IOException gone) {
                    // removed while we walked
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the tree changed under the walk: the caller polls again
        }
        return out;
    }

    List<Long> pids() {
        return pids(null);
    }

    /** Kills whatever is still in it and removes it, deepest first. */
    @Override
    public void close() {
        for (long pid : pids()) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        for (int attempt = 0; attempt < 50 && Files.exists(dir); attempt++) {
            try (var walk = Files.walk(dir)) {
                walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).forEach(d -> {
                    try {
                        Files.deleteIfExists(d);
                    } catch (IOException busy) {
                        // a task still dying: next attempt
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // retried
            }
            if (Files.exists(dir)) ItBase.sleep(20);
        }
    }
}
