package io.jrunc.cli;

import io.jrunc.core.JruncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The state directory when --root is not given, as runc chooses it: /run/jrunc for root; for any
 * other user $XDG_RUNTIME_DIR/jrunc (a per-user directory only that user can write), else
 * /tmp/jrunc-UID. In the shared /tmp another user could have made that directory first (or a
 * symlink there) to read or plant state, so an existing one must be a real directory of our own.
 */
final class DefaultRoot {
    static final String ROOT = "/run/jrunc";

    private DefaultRoot() {}

    static Path of(int euid, Map<String, String> env) throws JruncException {
        if (euid == 0) return Path.of(ROOT);
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty()) return Path.of(xdg, "jrunc");
        Path tmp = Path.of("/tmp", "jrunc-" + Integer.toUnsignedString(euid));
        checkOwned(tmp, euid);
        return tmp;
    }

    static void checkOwned(Path dir, int euid) throws JruncException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            boolean ok = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    && (int) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) == euid;
            if (!ok) {
                throw new JruncException("default --root " + dir + " is not a directory owned by uid "
                        + Integer.toUnsignedString(euid) + "; set XDG_RUNTIME_DIR or pass --root");
            }
        } catch (IOException e) {
            throw new JruncException("default --root " + dir + ": " + e.getMessage(), e);
        }
    }
}
