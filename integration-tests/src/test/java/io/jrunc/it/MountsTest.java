package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * mounts: the default set (proc, tmpfs /dev, devpts, shm, mqueue, sysfs, cgroup), bind and rbind with ro, nosuid,
 * nodev, noexec, tmpfs with size/mode at a destination that does not exist yet, and a destination that is a symlink
 * pointing out of the rootfs (must be resolved inside the rootfs; the host directory stays untouched).
 */
class MountsTest extends ItBase {

    @Test
    void defaultMountsFromSpec() {
        Probe p = probe(bundle(), "mounts", "stat", "/dev/shm");
        Probe.Mount proc = p.mount("/proc");
        assertEquals("proc", proc.type());
        Probe.Mount dev = p.mount("/dev");
        assertEquals("tmpfs", dev.type());
        assertTrue(dev.has("nosuid") && dev.has("mode=755"), dev.toString());
        Probe.Mount pts = p.mount("/dev/pts");
        assertEquals("devpts", pts.type());
        assertTrue(pts.has("nosuid") && pts.has("noexec") && pts.has("mode=620") && pts.has("ptmxmode=666") && pts.has("gid=5"), pts.toString());
        Probe.Mount shm = p.mount("/dev/shm");
        assertEquals("tmpfs", shm.type());
        assertTrue(shm.has("nosuid") && shm.has("noexec") && shm.has("nodev") && shm.has("size=65536k"), shm.toString());
        assertTrue(p.need("stat./dev/shm").startsWith("type=d mode=1777 "), "mode=1777 (tmpfs does not list its default mode) " + p.need("stat./dev/shm"));
        Probe.Mount mq = p.mount("/dev/mqueue");
        assertEquals("mqueue", mq.type());
        assertTrue(mq.has("nosuid") && mq.has("noexec") && mq.has("nodev"), mq.toString());
        Probe.Mount sys = p.mount("/sys");
        assertEquals("sysfs", sys.type());
        assertTrue(sys.opts().contains("ro") && sys.has("nosuid") && sys.has("noexec") && sys.has("nodev"), sys.toString());
        p.mount("/sys/fs/cgroup");
        List<Probe.Mount> cgroups = p.mounts().values().stream()
                .filter(m -> m.target().startsWith("/sys/fs/cgroup") && (m.type().equals("cgroup") || m.type().equals("cgroup2"))).toList();
        assertFalse(cgroups.isEmpty(), "cgroup filesystems under /sys/fs/cgroup: " + p.raw);
        for (Probe.Mount m : cgroups) assertTrue(m.opts().contains("ro"), "cgroup mounts are ro (spec options): " + m);
    }

    @Test
    void bindMountsWithRoNosuidNodevNoexec() throws Exception {
        Bundle b = bundle();
        Path data = Files.createDirectories(work.resolve("data"));
        Files.writeString(data.resolve("hello"), "hello from host\n");
        Files.copy(Tools.probe(), data.resolve("probe"));
        Files.setPosixFilePermissions(data.resolve("probe"), PosixFilePermissions.fromString("rwxr-xr-x"));
        b.addMount("/ro", "bind", data.toString(), "bind", "ro");
        b.addMount("/flags", "bind", data.toString(), "bind", "nosuid", "nodev", "noexec");
        b.addMount("/rw", "bind", data.toString(), "bind");
        b.addMount("/none", null, data.toString(), "rbind", "ro"); // type omitted: a bind by its option
        b.args("sh", "-c", "probe mounts read /ro/hello write /ro/x write /rw/fromcontainer read /none/hello; "
                + "/rw/probe echo exec-ok; /flags/probe echo exec-noexec; echo noexec.rc=$?");
        OciRuntime.Result r = run(b, newId("bind"));
        assertEquals(0, r.exitCode(), r::describe);
        Probe p = Probe.parse(r.stdout());
        assertTrue(p.mount("/ro").opts().contains("ro"), p.mount("/ro").toString());
        assertEquals("hello from host", p.need("read./ro/hello"));
        assertEquals("err:EROFS", p.need("write./ro/x"));
        Probe.Mount flags = p.mount("/flags");
        assertTrue(flags.opts().containsAll(List.of("nosuid", "nodev", "noexec", "rw")), flags.toString());
        assertEquals("ok", p.need("write./rw/fromcontainer"));
        assertEquals("written by probe\n", Files.readString(data.resolve("fromcontainer")), "rw bind writes reach the host dir");
        assertEquals("hello from host", p.need("read./none/hello"));
        assertTrue(p.mount("/none").opts().contains("ro"), p.mount("/none").toString());
        assertEquals("exec-ok", p.need("echo"), "exec from the rw bind works and the noexec one does not: " + r.describe());
        assertEquals("126", p.need("noexec.rc"), "exec on a noexec mount fails with EACCES: " + r.describe());
    }

    @Test
    void rbindCarriesSubmountsAndBindDoesNot() throws Exception {
        Bundle b = bundle();
        Path src = Files.createDirectories(work.resolve("tree"));
        Path sub = Files.createDirectories(src.resolve("sub"));
        assertEquals(0, HostFs.sh("mount", "-t", "tmpfs", "-o", "size=1m", "jrit-sub", sub.toString()));
        Files.writeString(sub.resolve("inner"), "in the submount\n");
        b.addMount("/rb", "bind", src.toString(), "rbind");
        b.addMount("/b", "bind", src.toString(), "bind");
        Probe p = probe(b, "mounts", "read", "/rb/sub/inner", "read", "/b/sub/inner");
        assertEquals("tmpfs", p.mount("/rb/sub").type(), "rbind brings the submount");
        assertEquals("in the submount", p.need("read./rb/sub/inner"));
        assertFalse(p.mounts().containsKey("/b/sub"), "plain bind does not: " + p.raw);
        assertEquals("err:ENOENT", p.need("read./b/sub/inner"));
    }

    @Test
    void tmpfsWithSizeAndModeAtADestinationThatDoesNotExist() {
        Bundle b = bundle();
        assertFalse(Files.exists(b.rootfs.resolve("scratch")));
        b.addMount("/scratch/deep", "tmpfs", "tmpfs", "nosuid", "nodev", "size=1m", "mode=1770");
        Probe p = probe(b, "mounts", "stat", "/scratch/deep", "write", "/scratch/deep/f");
        Probe.Mount m = p.mount("/scratch/deep");
        assertEquals("tmpfs", m.type());
        assertTrue(m.superOpts().contains("size=1024k"), m.toString());
        assertTrue(m.superOpts().contains("mode=1770"), m.toString());
        assertTrue(m.opts().containsAll(List.of("nosuid", "nodev")), m.toString());
        assertTrue(p.need("stat./scratch/deep").startsWith("type=d mode=1770 "), p.need("stat./scratch/deep"));
        assertEquals("ok", p.need("write./scratch/deep/f"), "tmpfs writable even with a read-only root");
        assertTrue(Files.isDirectory(b.rootfs.resolve("scratch/deep")), "mount point created inside the rootfs");
    }

    @Test
    void mountDestinationSymlinkPointingOutOfTheRootfsStaysInside() throws Exception {
        Bundle b = bundle().readonlyRoot(false);
        // a host directory the symlink points at, with a marker
        Path hostDir = Files.createDirectories(work.resolve("host-target"));
        Files.writeString(hostDir.resolve("marker"), "host\n");
        Path absent = work.resolve("host-absent");
        Files.createSymbolicLink(b.rootfs.resolve("evil"), hostDir);
        Files.createSymbolicLink(b.rootfs.resolve("evil2"), absent.resolve("deeper"));
        Path src = Files.createDirectories(work.resolve("src"));
        b.addMount("/evil", "bind", src.toString(), "bind");
        b.addMount("/evil2", "tmpfs", "tmpfs", "size=1m");
        b.args("sh", "-c", "probe write /evil/from-container write /evil2/x; ls /evil | sed 's/^/ls.evil=/'");
        String id = newId("evil");
        OciRuntime.Result r = run(b, id);
        assertEquals(0, r.exitCode(), r::describe);

        try (Stream<Path> s = Files.list(hostDir)) {
            assertEquals(List.of(hostDir.resolve("marker")), s.toList(), "host directory untouched");
        }
        assertEquals("host\n", Files.readString(hostDir.resolve("marker")));
        assertFalse(Files.exists(absent), "no host directory created through the symlink");
        assertTrue(HostFs.mountsMentioning(hostDir).isEmpty(), "host dir not mounted: " + HostFs.mountsMentioning(hostDir));
        assertTrue(HostFs.mountsMentioning(absent).isEmpty(), "absent dir not mounted");
        assertTrue(Files.isDirectory(b.rootfs.resolve(hostDir.toString().substring(1))),
                "the symlink was resolved inside the rootfs: " + b.rootfs.resolve(hostDir.toString().substring(1)));
        Probe p = Probe.parse(r.stdout());
        assertEquals("ok", p.need("write./evil/from-container"), r.describe());
        assertTrue(Files.exists(src.resolve("from-container")), "the bind went to the in-rootfs target and works");
    }
}
