package io.jrunc.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The binary under test seen as the native front end of issue 14 (docs/planner-protocol.md): where its LIBDIR is,
 * which planner mode this test pass asked for, which planner JVMs serve this install, and whether one answers on its
 * socket. The suites run once per mode ({@code make test} sets JRUNC_PLANNER), so the guards can check that the
 * mode really reached the runtime.
 */
public final class PlannerFrontEnd {
    private static final String PLANNER_MAIN = "io.jrunc.cli.planner.PlannerMain";
    private static final int HELLO = 301, ARGV = 302, CWD = 303, ENV = 304, GO = 306;
    private static final int ACCEPTED = 401, EXIT = 406;

    private PlannerFrontEnd() {}

    /** A running planner JVM: its pid and the socket it was started to serve. */
    public record Planner(long pid, Path socket) {}

    /**
     * LIBDIR of the binary under test when it is a front end: an ELF executable with {@code ../lib/jrunc/jrunc-java}
     * (the cold path's launcher) beside it, found as the front end finds it, from the binary's real path.
     */
    public static Optional<Path> libdir() {
        Path exe = Env.binary();
        if (!isElf(exe)) return Optional.empty();
        Path lib = libdirOf(exe);
        return Files.isExecutable(lib.resolve("jrunc-java")) ? Optional.of(lib) : Optional.empty();
    }

    /** The LIBDIR of an installed front end: {@code dirname(exe)/../lib/jrunc} of its real path, as the front end finds it. */
    public static Path libdirOf(Path binary) {
        try {
            return binary.toRealPath().getParent().resolveSibling("lib").resolve("jrunc").normalize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code file} (followed through symlinks) is an ELF executable: the front end, not a launcher script. */
    public static boolean isElf(Path file) {
        try (var in = Files.newInputStream(file.toRealPath())) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    /** Skips the calling test unless the binary under test is a front end; returns its LIBDIR. */
    public static Path assumeFrontEnd() {
        Optional<Path> lib = libdir();
        assumeTrue(lib.isPresent(), "the binary under test (" + Env.binary()
                + ") is not a planner front end: no ELF executable with ../lib/jrunc/jrunc-java beside it");
        return lib.get();
    }

    /**
     * The mode this pass runs in, from JRUNC_PLANNER as the front end reads it: true (on, 1, true, yes), false (off,
     * 0, false, no), empty when unset or anything else.
     */
    public static Optional<Boolean> passMode() {
        return mode(System.getenv("JRUNC_PLANNER"));
    }

    /** A JRUNC_PLANNER value read as the contract says; empty when it says nothing. */
    public static Optional<Boolean> mode(String value) {
        if (value == null) return Optional.empty();
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "1", "true", "yes" -> Optional.of(true);
            case "off", "0", "false", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** Skips the calling test unless JRUNC_PLANNER names a mode; returns it (true: on). */
    public static boolean assumePassMode() {
        Optional<Boolean> m = passMode();
        assumeTrue(m.isPresent(), "JRUNC_PLANNER is not set to on or off: this pass names no planner mode to check"
                + " (make test runs the suites with each)");
        return m.get();
    }

    /** The planner JVMs serving this LIBDIR, found in /proc by their command line (PlannerMain SOCKET LIBDIR). */
    public static List<Planner> planners(Path libdir) {
        List<Planner> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                List<String> argv = cmdline(Long.parseLong(p.getFileName().toString()));
                int main = argv.indexOf(PLANNER_MAIN);
                if (main < 0 || argv.size() < main + 3) continue;
                if (!Path.of(argv.get(main + 2)).normalize().equals(libdir)) continue;
                out.add(new Planner(Long.parseLong(p.getFileName().toString()), Path.of(argv.get(main + 1))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The pids of {@link #planners(Path)}: compared before and after calls, to see whether they started one. */
    public static Set<Long> plannerPids(Path libdir) {
        return planners(libdir).stream().map(Planner::pid).collect(Collectors.toSet());
    }

    /** The argv of process {@code pid}; empty when it is gone. */
    public static List<String> cmdline(long pid) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException e) {
            return List.of(); // gone meanwhile
        }
    }

    /**
     * True when a planner answers on this socket as the contract says: a {@code --version} request with LIBDIR's
     * build id (and no stdio) gets ACCEPTED and then EXIT. Anything else (no socket, refused, MISMATCH, EOF) is false.
     */
    public static boolean answers(Path socket, Path libdir) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            String buildId = Files.readString(libdir.resolve("build-id")).strip();
            send(ch, HELLO, buildId.getBytes(StandardCharsets.UTF_8));
            send(ch, ARGV, "--version\0".getBytes(StandardCharsets.UTF_8));
            send(ch, CWD, "/".getBytes(StandardCharsets.UTF_8));
            send(ch, ENV, "PATH=/usr/sbin:/usr/bin:/sbin:/bin\0".getBytes(StandardCharsets.UTF_8));
            send(ch, GO, new byte[0]);
            if (receiveType(ch) != ACCEPTED) return false;
            int type;
            while ((type = receiveType(ch)) != EXIT) {
                if (type < 0) return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void send(SocketChannel ch, int type, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(body.length).put(body).flip();
        while (b.hasRemaining()) ch.write(b);
    }

    /** The type of the next message, its body skipped; -1 at EOF. */
    private static int receiveType(SocketChannel ch) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        if (!readFully(ch, head)) return -1;
        int type = head.getInt(0), length = head.getInt(4);
        if (length < 0 || length > 1 << 20) return -1;
        return readFully(ch, ByteBuffer.allocate(length)) ? type : -1;
    }

    private static boolean readFully(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) return false;
        }
        return true;
    }

    /** The value of one variable in a process's environment (/proc/PID/environ), empty when it has none. */
    public static Optional<String> environOf(long pid, String name) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8);
            for (String kv : raw.split("\0")) {
                if (kv.startsWith(name + "=")) return Optional.of(kv.substring(name.length() + 1));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** readlink /proc/PID/exe: what the process runs now (the front end, or java after the cold path's exec). */
    public static Path exeOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
