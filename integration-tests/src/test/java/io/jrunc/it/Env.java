package io.jrunc.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where things are: the binary under test, runc for comparison, busybox, the module directory. */
public final class Env {
    private Env() {}

    /** The runtime under test: {@code -Djrunc.binary=...}, default /usr/local/bin/jrunc. */
    public static Path binary() {
        return Path.of(System.getProperty("jrunc.binary", "/usr/local/bin/jrunc"));
    }

    /** Debian's busybox-static, copied into every rootfs. */
    public static Path busybox() {
        return Path.of(System.getProperty("jrunc.busybox", "/bin/busybox"));
    }

    /** The integration-tests module directory (surefire sets basedir; fall back to the working dir). */
    public static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    public static Path targetDir() {
        return moduleDir().resolve("target");
    }

    /** runc from {@code -Drunc.binary} or the PATH (/usr/sbin, /usr/bin, /sbin, /usr/local/sbin...). */
    public static Optional<Path> runc() {
        String p = System.getProperty("runc.binary");
        if (p != null && !p.isBlank()) return Files.isExecutable(Path.of(p)) ? Optional.of(Path.of(p)) : Optional.empty();
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/sbin:/usr/local/bin";
        for (String d : path.split(":")) {
            if (d.isEmpty()) continue;
            Path c = Path.of(d, "runc");
            if (Files.isExecutable(c)) return Optional.of(c);
        }
        return Optional.empty();
    }

    /** True when the binary under test is runc itself (same file after resolving links, or named runc). */
    public static boolean binaryIsRunc() {
        Optional<Path> runc = runc();
        if (runc.isEmpty()) return false;
        try {
            return Files.isSameFile(binary(), runc.get());
        } catch (IOException e) {
            return false;
        }
    }

    private static final java.util.Map<Path, String> RUNC_VERSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The version runc reports ("1.1.5+ds1") when {@code bin --version} says "runc version ...", else "". */
    public static String runcVersionOf(Path bin) {
        return RUNC_VERSIONS.computeIfAbsent(bin, b -> {
            try {
                Process p = new ProcessBuilder(b.toString(), "--version").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                p.waitFor();
                var m = java.util.regex.Pattern.compile("^runc version (\\S+)").matcher(out);
                return m.find() ? m.group(1) : "";
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        });
    }

    /**
     * True when the binary under test is some runc 1.1.x (by what it says, so a wrapper script counts): used to skip
     * the few checks where runc 1.1 is known to differ from what jrunc must do.
     */
    public static boolean binaryIsRunc11() {
        return Files.isExecutable(binary()) && runcVersionOf(binary()).startsWith("1.1.");
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0"); // effective uid
            }
        } catch (IOException ignored) {
        }
        return false;
    }

    /** Skips the calling test class unless it can run: root, the binary exists, busybox is there. */
    public static void assumeRunnable() {
        assumeTrue(isRoot(), "integration tests need root");
        assumeTrue(Files.isExecutable(binary()), "runtime under test not found: " + binary() + " (set -Djrunc.binary=...)");
        assumeTrue(Files.isExecutable(busybox()), "busybox not found at " + busybox() + " (apt-get install busybox-static)");
    }

    static final List<String> HOST_NAMESPACES = List.of("cgroup", "ipc", "mnt", "net", "pid", "uts", "user");

    /** readlink /proc/self/ns/TYPE of the test JVM, e.g. {@code net:[4026531833]}. */
    public static String hostNamespace(String type) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns", type)).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
