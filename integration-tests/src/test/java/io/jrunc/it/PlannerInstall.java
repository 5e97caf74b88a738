package io.jrunc.it;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A private copy of the install under test (front end + LIBDIR), so that a test has a planner of its own: the
 * planner's socket is keyed by LIBDIR's path (docs/planner-protocol.md), so a copy elsewhere never shares a planner
 * with the install other tests and other people use, and killing it with -9 harms nobody else.
 *
 * <p>The copy leaves out the AOT caches (they are bound to the original class path and would only warn) and points
 * its {@code jrunc-java} at its own LIBDIR, so a planner it starts reads the copy's jars and build-id.
 */
final class PlannerInstall implements AutoCloseable {
    private static final String PLANNER_CLASS = "io.jrunc.cli.planner.PlannerMain";
    private static final List<String> OFF = List.of("off", "0", "false", "no");

    /** One planner process of this install and the socket it was started for. */
    record Planner(long pid, Path socket) {
        /** The planner's log: {@code planner-HASH.log} beside its socket. */
        Path log() {
            String name = socket.getFileName().toString();
            return socket.resolveSibling(name.replaceFirst("\\.sock$", "") + ".log");
        }

        String logText() {
            try {
                return Files.exists(log()) ? Files.readString(log(), StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }

    final Path prefix;
    final Path binary;
    final Path libdir;
    private final Set<Path> sockets = new LinkedHashSet<>();

    private PlannerInstall(Path prefix, Path binary) {
        this.prefix = prefix;
        this.binary = binary;
        this.libdir = prefix.resolve("lib/jrunc");
    }

    /**
     * Skips unless {@code binary} is the native front end of an install with a planner (an ELF file with
     * LIBDIR/jrunc-java and LIBDIR/build-id beside it) and the planner is not switched off for this run.
     */
    static void assumePlannerFrontEnd(Path binary) {
        String planner = System.getenv().getOrDefault("JRUNC_PLANNER", "");
        assumeFalse(OFF.contains(planner.strip().toLowerCase()), "JRUNC_PLANNER=" + planner + ": this run is without the planner");
        if (planner.isBlank()) assumeFalse(configSaysOff(), "the jrunc config file switches the planner off");
        assumeTrue(PlannerFrontEnd.isElf(binary), binary + " is not the native front end (the planner comes with it)");
        Path lib = PlannerFrontEnd.libdirOf(binary);
        assumeTrue(Files.isExecutable(lib.resolve("jrunc-java")) && Files.isRegularFile(lib.resolve("build-id")),
                "no planner install around " + binary + ": " + lib + " has no jrunc-java and build-id");
    }

    private static boolean configSaysOff() {
        String file = System.getenv().getOrDefault("JRUNC_CONFIG", "");
        Path config = Path.of(file.isEmpty() ? "/etc/jrunc/config" : file);
        try {
            for (String line : Files.readAllLines(config)) {
                String l = line.replaceFirst("#.*", "");
                int eq = l.indexOf('=');
                if (eq > 0 && l.substring(0, eq).strip().equals("planner")) return OFF.contains(l.substring(eq + 1).strip().toLowerCase());
            }
        } catch (IOException e) {
            // no config: the planner is on
        }
        return false;
    }

    /** Copies the install of {@code binary} to {@code dir} (made here, must not exist yet). */
    static PlannerInstall copyOf(Path binary, Path dir) {
        try {
            Path realBinary = binary.toRealPath();
            Path lib = PlannerFrontEnd.libdirOf(binary);
            Files.createDirectories(dir.resolve("bin"));
            Files.createDirectories(dir.resolve("lib/jrunc"));
            Path copy = dir.resolve("bin").resolve(realBinary.getFileName());
            Files.copy(realBinary, copy, StandardCopyOption.COPY_ATTRIBUTES);
            PlannerInstall install = new PlannerInstall(dir.toRealPath(), copy.toRealPath());
            try (DirectoryStream<Path> files = Files.newDirectoryStream(lib)) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".aot") || !Files.isRegularFile(f)) continue;
                    Path to = install.libdir.resolve(name);
                    if (name.equals("jrunc-java")) {
                        // make install writes its LIBDIR into the launcher: the copy's planner must use the copy's files.
                        // It may name LIBDIR as resolved or as given to make (through a symlink): both become the copy's.
                        Path given = binary.toAbsolutePath().normalize().getParent().resolveSibling("lib").resolve("jrunc");
                        Files.writeString(to, Files.readString(f).replace(lib.toString(), install.libdir.toString())
                                .replace(given.toString(), install.libdir.toString()));
                        Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(f));
                    } else {
                        Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            return install;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the install of " + binary + " to " + dir, e);
        }
    }

    /** The planner processes of this install now (normally none or one), seen from their command lines. */
    List<Planner> planners() {
        List<Planner> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : ds) {
                long pid = Long.parseLong(p.getFileName().toString());
                List<String> argv = PlannerFrontEnd.cmdline(pid);
                if (argv.stream().noneMatch(a -> a.contains(prefix.toString())) || ItBase.isZombie(pid)) continue;
                // The launcher script (`jrunc-java --planner SOCKET`) execs the JVM (`... PlannerMain SOCKET LIBDIR`)
                // in the same process: either command line names the socket right after its marker.
                for (int i = 0; i + 1 < argv.size(); i++) {
                    if (argv.get(i).equals("--planner") || argv.get(i).equals(PLANNER_CLASS)) {
                        Path socket = Path.of(argv.get(i + 1));
                        synchronized (sockets) {
                            sockets.add(socket);
                        }
                        out.add(new Planner(pid, socket));
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Waits until exactly one planner of this install listens on its socket, and returns it. */
    Planner awaitPlanner(Duration timeout) {
        Planner[] found = {null};
        Wait.until(timeout, () -> {
            List<Planner> now = planners();
            found[0] = now.size() == 1 && listens(now.get(0)) ? now.get(0) : null;
            return found[0] != null;
        }, () -> "one planner of " + prefix + " listening on its socket; planners now: " + planners());
        return found[0];
    }

    /** Waits until a planner other than {@code old} listens (the old one gone), and returns it. */
    Planner awaitNewPlanner(Planner old, Duration timeout) {
        Planner[] found = {null};
        Wait.until(timeout, () -> {
            List<Planner> now = planners();
            found[0] = now.size() == 1 && now.get(0).pid() != old.pid() && listens(now.get(0)) ? now.get(0) : null;
            return found[0] != null;
        }, () -> "a new planner of " + prefix + " (the old one was " + old.pid() + "); planners now: " + planners() + "; "
                + describeSocketDir(old));
        return found[0];
    }

    /** What is in the planner's socket directory for its socket name, and its log: for a failure message. */
    static String describeSocketDir(Planner planner) {
        Path dir = planner.socket().getParent();
        String base = planner.socket().getFileName().toString().replaceFirst("\\.sock$", "");
        StringBuilder b = new StringBuilder(dir.toString());
        try {
            b.append(" (mode ").append(Integer.toOctalString((Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777))
                    .append(", uid ").append(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).append(") holds:");
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, base + ".*")) {
                for (Path f : files) b.append(' ').append(f.getFileName()).append(isSocket(f) ? "=socket" : "");
            }
        } catch (IOException e) {
            b.append(": ").append(e);
        }
        return b.append("\nlog:\n").append(planner.logText()).toString();
    }

    /**
     * Whether the planner has its socket file bound and listening: /proc/net/unix lists a listening socket
     * (flag __SO_ACCEPTCON) at that path whose inode is one of the planner's fds.
     */
    static boolean listens(Planner planner) {
        if (!isSocket(planner.socket())) return false;
        Set<String> inodes = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/unix"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 8 && f[7].equals(planner.socket().toString()) && (Long.parseLong(f[3], 16) & 0x10000) != 0) inodes.add(f[6]);
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        if (inodes.isEmpty()) return false;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + planner.pid() + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) return true;
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static boolean isSocket(Path p) {
        try {
            return (((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** SIGKILL to this planner (it must be one of this install's), then waits until it is gone. */
    void kill9(Planner planner) {
        if (planners().stream().noneMatch(p -> p.pid() == planner.pid())) throw new AssertionError("planner " + planner + " is not running");
        ProcessHandle.of(planner.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Wait.until(Duration.ofSeconds(30), () -> !ItBase.alive(planner.pid()), "planner " + planner.pid() + " to die of SIGKILL");
    }

    /** The executable of process {@code pid} (the front end itself on the warm path; java on the cold path). */
    static Path exeOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe"));
        } catch (IOException e) {
            throw new UncheckedIOException("process " + pid + " is gone", e);
        }
    }

    /** Kills every planner of this copy, removes their socket, lock and log files, and the copy. Never throws. */
    @Override
    public void close() {
        try {
            for (int round = 0; round < 5; round++) {
                List<Planner> left = planners();
                if (left.isEmpty()) break;
                for (Planner p : left) ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (System.nanoTime() < deadline && left.stream().anyMatch(p -> ItBase.alive(p.pid()))) ItBase.sleep(20);
            }
            synchronized (sockets) {
                for (Path s : sockets) {
                    String base = s.getFileName().toString().replaceFirst("\\.sock$", "");
                    for (String suffix : List.of(".sock", ".lock", ".log")) Files.deleteIfExists(s.resolveSibling(base + suffix));
                }
            }
        } catch (Throwable t) {
            System.err.println("cleanup: planner of " + prefix + ": " + t);
        }
        HostFs.deleteTree(prefix);
    }
}
