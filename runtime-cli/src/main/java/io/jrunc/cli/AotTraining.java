package io.jrunc.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The training run for the JDK's AOT cache (`make install`: java -XX:AOTCacheOutput=... this class).
 * It drives every hot command once, in one JVM, against a throwaway bundle and root, so the cache
 * holds the classes each of them loads and links. Usage: AotTraining BUNDLE_DIR ROOT_DIR.
 * Failures are fine (error paths are worth training too); only the classes loaded matter.
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) {
        String bundle = args[0];
        String root = args[1];
        PrintStream out = System.out;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        String id = "aot-training";
        String[][] commands = {
            {"--version"},
            {"spec", "--bundle", Path.of(root, "spec").toString()},
            {"--root", root, "list"},
            {"--root", root, "state", "does-not-exist"},
            {"--root", root, "--log", Path.of(root, "log.json").toString(), "--log-format", "json", "create", "--bundle", bundle, "--pid-file", Path.of(root, "pid").toString(), id},
            {"--root", root, "exec", id, "true"},
            {"--root", root, "state", id},
            {"--root", root, "events", "--stats", id},
            {"--root", root, "ps", "--format", "json", id},
            {"--root", root, "pause", id},
            {"--root", root, "resume", id},
            {"--root", root, "update", "--memory", "64m", "--pids-limit", "100", id},
            {"--root", root, "list", "--format", "json"},
            {"--root", root, "start", id},
            {"--root", root, "kill", id, "KILL"},
            {"--root", root, "delete", "--force", id},
            {"--root", root, "run", "--bundle", bundle, id + "-run"},
            {"--root", root, "list"},
        };
        PrintStream err = System.err;
        System.setErr(quiet);
        try {
            for (String[] c : commands) Main.execute(c);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
