package io.jrunc.core.state;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.ArrayList;
import java.util.List;

/**
 * rm -rf that never follows a symlink, even one swapped in while it runs.
 *
 * <p>{@code Files.walk} + delete works on path strings: a directory replaced by a symlink between
 * being listed and being opened would be descended into, and the link's target emptied. Here every
 * step is relative to an open directory ({@link SecureDirectoryStream}: openat, unlinkat), and a
 * directory is only ever opened with O_NOFOLLOW, so a symlink is unlinked, never entered.
 */
final class SafeTree {
    private SafeTree() {}

    /** Deletes {@code name} in {@code parent} and, if it is a real directory, everything under it. */
    static void delete(Path parent, String name) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent)) {
            if (!(stream instanceof SecureDirectoryStream<Path> dir)) {
                throw new IOException("no race-free directory access (SecureDirectoryStream) on this platform");
            }
            deleteEntry(dir, Path.of(name));
        }
    }

    private static void deleteEntry(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        boolean isDir;
        try {
            isDir = dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS).readAttributes().isDirectory();
        } catch (NoSuchFileException gone) {
            return;
        }
        if (!isDir) {
            deleteFile(dir, name);
            return;
        }
        SecureDirectoryStream<Path> sub;
        try {
            sub = dir.newDirectoryStream(name, NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return;
        } catch (FileSystemException notADirectoryAnyMore) {
            // Swapped for a symlink (ELOOP) or a file since it was looked at: unlink that instead.
            deleteFile(dir, name);
            return;
        }
        try (sub) {
            List<Path> children = new ArrayList<>();
            for (Path child : sub) children.add(child.getFileName());
            for (Path child : children) deleteEntry(sub, child);
        }
        try {
            dir.deleteDirectory(name);
        } catch (NoSuchFileException gone) {
            // removed by someone else meanwhile
        }
    }

    private static void deleteFile(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            dir.deleteFile(name);
        } catch (NoSuchFileException gone) {
            // removed by someone else meanwhile
        }
    }
}
