package io.jrunc.it.engine;

import io.jrunc.it.Env;
import io.jrunc.it.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * The suite's image, made without any registry: a rootfs of Debian's static busybox (with its applet links), the
 * integration suite's probe at /bin/probe, and minimal /etc files, tarred and {@code docker import}ed. For
 * containerd the same image is {@code docker save}d into an archive that {@code ctr image import} reads.
 */
public final class BusyboxImage {
    public static final String NAME = "jrit-busybox:test";
    /** How containerd names the imported image. */
    public static final String CONTAINERD_REF = "docker.io/library/" + NAME;

    private BusyboxImage() {}

    /** Builds the rootfs tarball under {@code dir} and imports it into the daemon; returns the tarball. */
    public static Path importInto(Docker docker, Path dir) {
        Path rootfs = dir.resolve("image-rootfs");
        Path tar = dir.resolve("image-rootfs.tar");
        try {
            Files.createDirectories(rootfs.resolve("bin"));
            Files.createDirectories(rootfs.resolve("etc"));
            Files.createDirectories(rootfs.resolve("root"));
            Path tmp = Files.createDirectories(rootfs.resolve("tmp"));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.copy(Env.busybox(), rootfs.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            for (String applet : appletsOf(Env.busybox())) {
                Path link = rootfs.resolve("bin").resolve(applet);
                if (!applet.equals("busybox") && !Files.exists(link)) Files.createSymbolicLink(link, Path.of("busybox"));
            }
            Files.copy(Tools.probe(), rootfs.resolve("bin/probe"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\ntester:x:1000:1000:tester:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n");
            Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\ntester:x:1000:\nnogroup:x:65534:\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the image rootfs in " + rootfs, e);
        }
        Cmd.Result t = Cmd.run(List.of("tar", "--numeric-owner", "-C", rootfs.toString(), "-cf", tar.toString(), "."), null, Duration.ofSeconds(60));
        if (t.exit() != 0) throw new IllegalStateException("tar failed:\n" + t.describe());
        Cmd.Result i = docker.cmd("import", tar.toString(), NAME);
        if (i.exit() != 0) throw new IllegalStateException("docker import failed:\n" + i.describe());
        return tar;
    }

    /** {@code docker save} of the image: a docker archive containerd can import. */
    public static Path save(Docker docker, Path dir) {
        Path archive = dir.resolve("image-archive.tar");
        Cmd.Result s = docker.cmd("save", "-o", archive.toString(), NAME);
        if (s.exit() != 0) throw new IllegalStateException("docker save failed:\n" + s.describe());
        return archive;
    }

    private static List<String> appletsOf(Path busybox) {
        Cmd.Result r = Cmd.run(List.of(busybox.toString(), "--list"), null, Duration.ofSeconds(10));
        if (r.exit() != 0) throw new IllegalStateException("busybox --list failed:\n" + r.describe());
        return r.out().lines().filter(s -> !s.isBlank()).toList();
    }
}
