package io.jrunc.core.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The user's `pause`, recorded as the file {@code <root>/<id>/paused}. A frozen cgroup alone does
 * not make a container paused: `kill --all` and `delete` freeze it for a moment too, and `state`
 * must not say "paused" for a container nobody paused (docs/reliability.md). Written before the
 * freeze and removed after the thaw, so the status is paused exactly while both hold.
 */
final class UserPause {
    static final String FILE = "paused";

    private UserPause() {}

    static void mark(Path dir) throws IOException {
        Files.newByteChannel(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS).close();
    }

    static void clear(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
    }

    static boolean marked(Path dir) {
        return Files.exists(dir.resolve(FILE), LinkOption.NOFOLLOW_LINKS);
    }
}
