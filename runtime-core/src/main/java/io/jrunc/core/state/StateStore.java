package io.jrunc.core.state;

import io.jrunc.core.JruncException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The --root directory: one directory per container holding state.json, the exec fifo and a lock.
 * Creating the directory is the atomic step that decides which of two concurrent creates of one
 * id wins; state.json is written to a temp file and renamed, so a reader never sees half.
 *
 * <p>Nothing here leaves the root: every id is checked ({@link ContainerId}) before it becomes a
 * path, a container directory that is a symlink is not a container, files in it are opened without
 * following symlinks, and removal never descends through one ({@link SafeTree}).
 */
public final class StateStore {
    public static final String STATE_FILE = "state.json";
    public static final String EXEC_FIFO = "exec.fifo";
    private static final String LOCK_FILE = ".lock";

    private final Path root;

    public StateStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The container's directory; an id that could name anything else is refused. */
    public Path dir(String id) throws JruncException {
        return root.resolve(ContainerId.check(id));
    }

    /** Creates the container's directory; fails with runc's message when the id is taken. */
    public Path reserve(String id) throws JruncException {
        Path target = dir(id);
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            }
            if (Files.isSymbolicLink(root)) throw new JruncException("--root " + root + " must not be a symlink");
            Path dir = Files.createDirectory(target);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            return dir;
        } catch (FileAlreadyExistsException e) {
            throw new JruncException("container with id exists: " + id);
        } catch (IOException e) {
            throw new JruncException("cannot create state directory for " + id + ": " + e.getMessage(), e);
        }
    }

    /** The container's record; "container does not exist" when there is none (or it is still being created). */
    public ContainerRecord load(String id) throws JruncException {
        Path dir = dir(id);
        try {
            if (!isContainerDir(dir)) throw new JruncException("container does not exist");
            byte[] json;
            try (var in = Files.newInputStream(dir.resolve(STATE_FILE), LinkOption.NOFOLLOW_LINKS)) {
                json = in.readAllBytes();
            }
            return ContainerRecordJson.read(new String(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new JruncException("cannot read state of " + id + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new JruncException("container does not exist");
        } catch (IOException e) {
            throw new JruncException("cannot read state of " + id + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String id) throws JruncException {
        return hasState(dir(id));
    }

    /** A real directory (not a symlink to one) with a state file that is not a symlink either. */
    private static boolean hasState(Path dir) {
        return isContainerDir(dir) && Files.isRegularFile(dir.resolve(STATE_FILE), LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isContainerDir(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
    }

    public void save(ContainerRecord record) throws JruncException {
        Path dir = dir(record.id());
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        try {
            if (!isContainerDir(dir)) throw new JruncException("state directory of " + record.id() + " is not a directory");
            byte[] json = ContainerRecordJson.write(record).getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                // No fsync (runc does none either): the rename alone keeps readers from ever
                // seeing half a file, and after a crash every container is gone anyway, so a
                // durable state file buys nothing, and where --root is on disk an fsync is a cost
                // every create would pay (docs/performance.md, "Figures behind the code").
                ch.write(java.nio.ByteBuffer.wrap(json));
            }
            try {
                Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new JruncException("cannot write state of " + record.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the container's directory and everything in it, never following a symlink: a
     * container directory that is a symlink loses the link, its target is left alone.
     */
    public void remove(String id) throws JruncException {
        Path dir = dir(id);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        // First renamed away in one step, to a name no id can have ('~'): the container is gone for
        // every other command at once, and a racing delete that opens the lock file now finds no
        // directory, instead of putting a new lock file into one being emptied (rmdir: not empty).
        String grave = "~" + id + "~" + Long.toHexString(System.nanoTime());
        try {
            Files.move(dir, root.resolve(grave), StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            grave = id;
        }
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                SafeTree.delete(root, grave);
                return;
            } catch (java.nio.file.DirectoryNotEmptyException lateLock) {
                last = lateLock; // a lock file created just before the rename: list again
            } catch (IOException e) {
                last = e;
                break;
            }
        }
        throw new JruncException("cannot remove state of " + id + ": " + last.getMessage(), last);
    }

    /** Ids of every container with a state file (readable or not), sorted. */
    public List<String> ids() throws JruncException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(root)) return ids;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String id = d.getFileName().toString();
                if (ContainerId.isValid(id) && hasState(d)) ids.add(id);
            }
        } catch (IOException e) {
            throw new JruncException("cannot list " + root + ": " + e.getMessage(), e);
        }
        ids.sort(null);
        return ids;
    }

    /**
     * An exclusive lock on one container, held until closed. Commands that change a container take
     * it, so start, kill and delete of one id never interleave. The file lock alone does not do that
     * between calls of one planner: a JVM holds a file lock for the whole process (a second lock()
     * on the file throws OverlappingFileLockException), so calls of one process queue on
     * {@link ProcessLocks} first.
     */
    public AutoCloseable lock(String id) throws JruncException {
        Path dir = dir(id);
        AutoCloseable inProcess = ProcessLocks.acquire(dir.resolve(LOCK_FILE));
        try {
            if (!isContainerDir(dir)) throw new JruncException("container does not exist");
            FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileLock lock = ch.lock();
            return () -> {
                try {
                    lock.release();
                    ch.close();
                } finally {
                    inProcess.close();
                }
            };
        } catch (NoSuchFileException e) {
            closeQuietly(inProcess);
            throw new JruncException("container does not exist");
        } catch (IOException | JruncException | RuntimeException e) {
            closeQuietly(inProcess);
            if (e instanceof JruncException je) throw je;
            if (e instanceof RuntimeException re) throw re;
            throw new JruncException("cannot lock " + id + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // releasing an in-process lock does not fail
        }
    }
}
