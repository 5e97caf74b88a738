package io.jrunc.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the hardening tests share: the attack tool in a rootfs, the runtime's helper binary, digests, capabilities. */
final class Attacks {
    private Attacks() {}

    /** Copies the attack tool (src/test/c/attack.c) to /bin/attack in the bundle's rootfs. */
    static void install(Bundle b) {
        try {
            Path to = b.rootfs.resolve("bin/attack");
            Files.copy(Tools.attack(), to, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The binary a created container's init runs on the host: jrunc's launcher names it with
     * {@code -Djrunc.init="..."}; for runc (a real binary, not a script) it is the runtime itself.
     */
    static Path helperBinary() {
        Path bin = Env.binary();
        // A front end (bin/jrunc of an install) keeps the helper in its LIBDIR, as the launcher does.
        Optional<Path> libdir = PlannerFrontEnd.libdir();
        if (libdir.isPresent()) return libdir.get().resolve("jrunc-init");
        try {
            String head = new String(Files.readAllBytes(bin), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (head.startsWith("#!")) {
                Matcher m = Pattern.compile("-Djrunc\\.init=\"?([^\"\\s]+)").matcher(head);
                if (m.find()) return Path.of(m.group(1));
            }
            return bin.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a capability to the bounding, effective and permitted sets of the bundle's process. */
    static void addCapability(Bundle b, String cap) {
        ObjectNode caps = b.process().withObject("/capabilities");
        for (String set : new String[] {"bounding", "effective", "permitted"}) {
            ArrayNode a = caps.withArray("/" + set);
            boolean present = false;
            for (var n : a) present |= cap.equals(n.asText());
            if (!present) a.add(cap);
        }
    }

    /** An errno a write attempt may legitimately end with: the file is busy, sealed, or out of reach. */
    static boolean refused(String value) {
        return value != null && value.matches("err:(ETXTBSY|EPERM|EACCES|EROFS|ENOENT|ESRCH)");
    }
}
