package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The unprivileged user the rootless tests run the runtime as: {@code jrunc-it}, created (a system user without
 * home or shell) when missing, with subordinate ids 200000-265535 in /etc/subuid and /etc/subgid for newuidmap.
 * The runtime runs as that user through a small wrapper script ({@code setpriv --reuid --regid --init-groups}), so
 * an {@link OciRuntime} drives it like any other binary.
 */
public final class TestUser {
    public static final String NAME = "jrunc-it";
    public static final long SUB_START = 200000;
    public static final long SUB_COUNT = 65536;

    public final long uid;
    public final long gid;

    private TestUser(long uid, long gid) {
        this.uid = uid;
        this.gid = gid;
    }

    /** The test user, made if needed; skips the test when it cannot be made or setpriv is missing. */
    public static synchronized TestUser ensure() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is needed to run as another user");
        if (run("id", "-u", NAME).exit != 0) {
            Out add = run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME);
            assumeTrue(add.exit == 0, "cannot create the test user " + NAME + ": " + add.text);
        }
        TestUser u = new TestUser(Long.parseLong(run("id", "-u", NAME).text.strip()), Long.parseLong(run("id", "-g", NAME).text.strip()));
        u.ensureSubIds(Path.of("/etc/subuid"));
        u.ensureSubIds(Path.of("/etc/subgid"));
        return u;
    }

    /** newuidmap and newgidmap (Debian's uidmap package; `make test` installs it). */
    public static boolean hasMappingTools() {
        return Files.isExecutable(Path.of("/usr/bin/newuidmap")) && Files.isExecutable(Path.of("/usr/bin/newgidmap"));
    }

    private void ensureSubIds(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.stream().anyMatch(l -> l.startsWith(NAME + ":"))) return;
            Files.writeString(file, NAME + ":" + SUB_START + ":" + SUB_COUNT + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + NAME + " to " + file, e);
        }
    }

    /**
     * A script in {@code dir} that runs {@code binary} as this user with the given environment changes
     * ({@code env} arguments such as {@code -u XDG_RUNTIME_DIR} or {@code XDG_RUNTIME_DIR=/x}).
     */
    public Path wrapper(Path dir, Path binary, String... env) {
        Path script = dir.resolve("as-" + NAME + "-" + Integer.toHexString(String.join(" ", env).hashCode()));
        String envArgs = env.length == 0 ? "" : " " + String.join(" ", env);
        try {
            Files.writeString(script, "#!/bin/sh\nexec /usr/bin/setpriv --reuid=" + uid + " --regid=" + gid + " --init-groups"
                    + " /usr/bin/env" + envArgs + " HOME=/ " + binary + " \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives a directory tree to this user (or any ids). */
    public static void chown(Path tree, long uid, long gid) {
        assertEquals(0, HostFs.sh("chown", "-R", uid + ":" + gid, tree.toString()), "chown -R " + tree);
    }

    public void own(Path tree) {
        chown(tree, uid, gid);
    }

    private record Out(int exit, String text) {}

    private static Out run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Out(-1, "timed out");
            }
            return new Out(p.exitValue(), text);
        } catch (IOException e) {
            return new Out(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Out(-1, "interrupted");
        }
    }
}
