package io.jrunc.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the test's C helpers (probe, recvtty) with {@code gcc -static -O2} into target/it-bin, once, and
 * again only when the source is newer than the binary.
 */
public final class Tools {
    private Tools() {}

    public static synchronized Path probe() {
        return build("probe");
    }

    public static synchronized Path recvtty() {
        return build("recvtty");
    }

    /** The attacker's side of the hardening tests (src/test/c/attack.c). */
    public static synchronized Path attack() {
        return build("attack");
    }

    private static Path build(String name) {
        Path src = Env.moduleDir().resolve("src/test/c/" + name + ".c");
        Path out = Env.targetDir().resolve("it-bin/" + name);
        try {
            if (Files.isExecutable(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(src)) >= 0) {
                return out;
            }
            Files.createDirectories(out.getParent());
            Path tmp = out.resolveSibling(name + ".tmp" + ProcessHandle.current().pid());
            List<String> cmd = new ArrayList<>(List.of(System.getProperty("jrunc.it.cc", "gcc"), "-static", "-O2", "-Wall", "-o", tmp.toString(), src.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("building " + name + " failed: " + cmd + "\n" + output);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("building " + name + " failed (is gcc installed?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
