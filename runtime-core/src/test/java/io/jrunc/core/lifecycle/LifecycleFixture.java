package io.jrunc.core.lifecycle;

import io.jrunc.core.host.HostView;
import io.jrunc.core.host.MountInfo;
import io.jrunc.core.state.StateStore;
import io.jrunc.sys.FakeSyscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A root-free world for lifecycle operations: a temp --root, a temp cgroup tree (v1 memory and
 * freezer hierarchies, described by a made-up mountinfo), a bundle with an empty rootfs,
 * {@link FakeSyscalls} and {@link FakeHelper}. The fakes stand in for the kernel where the
 * operations would see it: a kill of one of the helper's processes ends it, and the cgroup tree
 * then behaves as cgroupfs does (a cgroup whose last task died has no files left, so it can be
 * removed; a populated freezer cgroup offers freezer.state).
 */
final class LifecycleFixture {
    static final String ID = "c1";

    final Path root, cgroupRoot, bundle;
    final FakeSyscalls sys = new FakeSyscalls();
    final FakeHelper helper;
    final RuntimeContext ctx;
    private Path fifo;

    LifecycleFixture(Path tmp) throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        cgroupRoot = tmp.resolve("cgroup");
        Files.createDirectories(cgroupRoot.resolve("memory"));
        Files.createDirectories(cgroupRoot.resolve("freezer"));
        bundle = Files.createDirectories(tmp.resolve("bundle"));
        Files.createDirectories(bundle.resolve("rootfs"));
        writeConfig(false);
        helper = new FakeHelper(this::kernelTick, pid -> releaseFifo());
        sys.onCall("mkfifo", args -> fifo = Path.of((String) args.get(0)));
        sys.onCall("kill", args -> helper.kill((Integer) args.get(0)));
        sys.onCall("pidfdSendSignal", args -> helper.kill((Integer) sys.calls("pidfdOpen").getLast().args().get(0)));
        ctx = new RuntimeContext(new StateStore(root), sys, host(), false, false, helper);
    }

    /** The bundle's config.json; with {@code terminal}, the container's process gets a pty (FakeHelper sends its master). */
    void writeConfig(boolean terminal) throws IOException {
        Files.writeString(bundle.resolve("config.json"), """
                {"ociVersion": "1.2.0",
                 "process": {"terminal": %s, "args": ["sh"], "cwd": "/", "user": {"uid": 0, "gid": 0}, "env": ["PATH=/bin"]},
                 "root": {"path": "rootfs"},
                 "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "ipc"}, {"type": "uts"}],
                           "cgroupsPath": "/jrunc-test/c1"}}
                """.formatted(terminal));
    }

    CreateOptions createOptions() {
        return new CreateOptions(ID, bundle, null, null, false, false, 0);
    }

    /** The waiting init writes "0" into the exec fifo when start opens it; a plain file holds it already. */
    private void releaseFifo() {
        try {
            Files.writeString(fifo, "0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cgroupfs behaviour a temp tree lacks: tasks that died leave, an empty cgroup has no files, a populated freezer cgroup has freezer.state. */
    void kernelTick() {
        try (Stream<Path> walk = Files.walk(cgroupRoot)) {
            for (Path dir : walk.filter(Files::isDirectory).toList()) {
                Path procs = dir.resolve("cgroup.procs");
                if (!Files.exists(procs)) continue;
                List<String> alive = new ArrayList<>();
                for (String line : Files.readAllLines(procs)) {
                    if (!line.isBlank() && ProcessHandle.of(Long.parseLong(line.trim())).map(ProcessHandle::isAlive).orElse(false)) alive.add(line.trim());
                }
                if (alive.isEmpty()) {
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) Files.delete(f);
                    }
                } else {
                    Files.write(procs, alive);
                    if (dir.startsWith(cgroupRoot.resolve("freezer")) && !Files.exists(dir.resolve("freezer.state"))) {
                        Files.writeString(dir.resolve("freezer.state"), "THAWED");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every directory of the cgroup tree below the hierarchies' roots (the container's, its parents). */
    List<Path> cgroupDirs() throws IOException {
        try (Stream<Path> walk = Files.walk(cgroupRoot, 3)) {
            return walk.filter(p -> Files.isDirectory(p) && cgroupRoot.relativize(p).getNameCount() >= 3).toList();
        }
    }

    /** Container dirs and leftovers in --root (a removal's renamed ~id~ dir included). */
    List<Path> stateEntries() throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private HostView host() {
        MountInfo mounts = MountInfo.parse(List.of(
                "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw",
                "32 22 0:29 / " + cgroupRoot.resolve("memory") + " rw,relatime - cgroup cgroup rw,memory",
                "33 22 0:30 / " + cgroupRoot.resolve("freezer") + " rw,relatime - cgroup cgroup rw,freezer"));
        // The host's files as they are; only the mount table is made up (the temp cgroup tree).
        HostView live = HostView.live();
        return new HostView() {
            public MountInfo mounts() {
                return mounts;
            }

            public boolean exists(Path path) {
                return live.exists(path);
            }

            public boolean isDirectory(Path path) {
                return live.isDirectory(path);
            }

            public List<String> readLines(Path path) {
                return live.readLines(path);
            }
        };
    }
}
