package io.jrunc.cli;

import io.jrunc.core.lifecycle.Call;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The training runs for the JDK's AOT caches (`make install`: java -XX:AOTCacheOutput=... this
 * class, see build-support/train-aot.sh). Failures are fine (error paths are worth training too);
 * only the classes loaded matter.
 *
 * <p>There are three caches because a JDK 25 AOT cache loads every class it holds when the JVM
 * starts: one cache for everything made `state` preload Jackson, the spec model and the plan
 * compiler it never uses, which was half its time (docs/performance.md). So:
 * <ul>
 * <li>{@code full BUNDLE ROOT} drives every command in one JVM (create, run, spec, events...);</li>
 * <li>{@code light ROOT ID} drives only the hot commands that act on an existing container
 * (state, start, kill, delete: the fast path, see {@link FastPath}), against a container ID (its
 * process sleeps) that train-aot.sh created beforehand in another JVM, so nothing of `create`
 * gets in, nor picocli's reflection (pause, resume, ps go through picocli and use the full cache).</li>
 * </ul>
 * <li>{@code create BUNDLE SECCOMP_BUNDLE ROOT} drives only create, run and exec --process (the second bundle is
 * a config Docker generated, with its seccomp filter, device rules and prestart hook), so they do not preload the classes of events,
 * update, spec or picocli's reflection.</li>
 * The launcher picks the light cache for state, start, kill, delete, the create cache for create, exec
 * and run, and the full one for the rest.
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) {
        String[][] commands = switch (args[0]) {
            case "full" -> full(args[1], args[2]);
            case "light" -> light(args[1], args[2]);
            case "create" -> create(args[1], args[2], args[3]);
            default -> throw new IllegalArgumentException(
                    "usage: AotTraining full BUNDLE ROOT | light ROOT ID | create BUNDLE SECCOMP_BUNDLE ROOT");
        };
        // This process's call, with its output thrown away: only the classes loaded matter.
        Call self = Call.ofThisProcess();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Call call = new Call(self.cwd(), self.env(), quiet, quiet, self.stdinFd(), self.launcher());
        for (String[] c : commands) Main.execute(c, call);
    }

    private static String[][] full(String bundle, String root) {
        String id = "aot-training";
        String log = Path.of(root, "log.json").toString();
        return new String[][] {
            {"--version"},
            {"spec", "--bundle", Path.of(root, "spec").toString()},
            {"--root", root, "list"},
            {"--root", root, "state", "does-not-exist"},
            {"--root", root, "--log", log, "--log-format", "json", "create", "--bundle", bundle, "--pid-file", Path.of(root, "pid").toString(), id},
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
    }

    private static String[][] create(String bundle, String seccompBundle, String root) {
        String id = "aot-create";
        String log = Path.of(root, "log.json").toString();
        String pid = Path.of(root, "pid").toString();
        String process = writeExecProcess(root);
        return new String[][] {
            {"--root", root, "--log", log, "--log-format", "json", "create", "--bundle", bundle, "--pid-file", pid, id},
            {"--root", root, "--log", log, "--log-format", "json", "create", "--bundle", bundle, id},
            {"--root", root, "--log", log, "--log-format", "json", "create", "--bundle", seccompBundle, "--pid-file", pid, id + "-seccomp"},
            {"--root", root, "--log", log, "--log-format", "json", "run", "--bundle", bundle, id + "-run"},
            {"--root", root, "--log", log, "--log-format", "json", "run", "-d", "--bundle", bundle, id + "-detached"},
            // docker exec: the shim's shape, into a container with a seccomp filter
            {"--root", root, "--log", log, "--log-format", "json", "exec", "--process", process, "--detach", "--pid-file", pid,
                id + "-seccomp"},
            // exec by hand: a command in the foreground
            {"--root", root, "--log", log, "--log-format", "json", "exec", id + "-seccomp", "/bin/true"},
        };
    }

    private static String[][] light(String root, String id) {
        String log = Path.of(root, "log.json").toString();
        return new String[][] {
            {"--root", root, "--log", log, "--log-format", "json", "state", "does-not-exist"},
            {"--root", root, "--log", log, "--log-format", "json", "state", id},
            {"--root", root, "--log", log, "--log-format", "json", "kill", id, "0"},
            {"--root", root, "--log", log, "--log-format", "json", "start", id},
            {"--root", root, "--log", log, "--log-format", "json", "state", id},
            {"--root", root, "--log", log, "--log-format", "json", "kill", id, "KILL"},
            {"--root", root, "--log", log, "--log-format", "json", "state", id},
            {"--root", root, "--log", log, "--log-format", "json", "delete", id},
            {"--root", root, "--log", log, "--log-format", "json", "delete", "--force", id},
        };
    }

    /** An OCI process file as containerd's shim writes one for `docker exec`. */
    private static String writeExecProcess(String root) {
        Path file = Path.of(root, "process.json");
        try {
            java.nio.file.Files.writeString(file, """
                    {"terminal":false,"user":{"uid":0,"gid":0},"args":["/bin/true"],"env":["PATH=/bin"],"cwd":"/",\
                    "capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"]}}
                    """);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file.toString();
    }
}
