package io.jrunc.core.lifecycle;

import io.jrunc.core.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * root.path, resolved and checked before anything is done for a container. Everything the helper
 * does before pivot_root (bind the rootfs onto itself, create mount targets, device nodes, /dev
 * symlinks, the cwd) happens in the new mount namespace but on the host's file systems: a rootfs
 * that is a symlink to `/` (or that leads to any host directory) would have those directories and
 * nodes made on the host, before pivot_root fails. So, as runc ("invalid rootfs: not an absolute
 * path, or a symlink"):
 * <ul>
 * <li>the rootfs is the real path: neither root.path nor any directory on its way below the bundle
 *     may be a symlink (the bundle itself may be reached through symlinks: relative paths are
 *     taken from its real path, as runc's chdir + getcwd does);</li>
 * <li>it is a directory, and not the host's `/` (a container cannot own the host's root).</li>
 * </ul>
 * The helper's OPEN_ROOT then opens exactly that path without following any symlink and refuses
 * the host's `/` again, so a rootfs swapped after this check is refused, never followed.
 */
final class RootfsPath {
    private RootfsPath() {}

    static Path check(Path bundle, String rootPath) throws ConfigException {
        Path base;
        try {
            base = bundle.toRealPath();
        } catch (IOException e) {
            base = bundle;
        }
        Path lexical = base.resolve(rootPath).normalize();
        if (!Files.isDirectory(lexical)) {
            throw new ConfigException("root.path", "rootfs " + lexical + " does not exist or is not a directory");
        }
        Path real;
        try {
            real = lexical.toRealPath();
        } catch (IOException e) {
            throw new ConfigException("root.path", "rootfs " + lexical + ": " + e.getMessage());
        }
        if (!real.equals(lexical)) {
            throw new ConfigException("root.path", "invalid rootfs " + lexical + ": not an absolute path, or a symlink (it leads to "
                    + real + "); give the real path of a directory");
        }
        if (real.getParent() == null) {
            throw new ConfigException("root.path", "invalid rootfs " + real + ": the host's root directory cannot be a container's rootfs");
        }
        return real;
    }
}
