package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The performance guard of issue 6, deterministic where timings are not: for each hot command
 * (create, state, start, kill, delete) on a real container, the classes the JVM loads, counted
 * with {@code -Xlog:class+load} through the installed launcher (its real flags) via
 * JAVA_TOOL_OPTIONS. A planner front end is measured on its cold path (JRUNC_PLANNER=off): the
 * budget is what one JVM per command loads.
 *
 * <ul>
 * <li>With {@code -XX:AOTMode=off}, every class the command itself needs is logged: the count must
 *     stay within the budget below, and whole subsystems a command has no use for (picocli, logback,
 *     Jackson on the light commands, the libseccomp binding and the tty code when the config asks for
 *     neither) must not load at all.</li>
 * <li>With the launcher's AOT cache, every class that comes from the class path must come from the
 *     cache: a class loaded from a jar means the training (AotTraining) no longer covers the command.</li>
 * </ul>
 *
 * <p>Raising a budget is a deliberate edit: measure first (run the command with
 * {@code JAVA_TOOL_OPTIONS="-XX:AOTMode=off -Xlog:class+load:file=F"} and diff F against the
 * previous run), say in the commit why the new classes are worth their start-up time, then set the
 * budget to the new count plus about 5%.
 */
class ClassLoadBudgetTest extends ItBase {
    /**
     * Classes loaded without the AOT cache (the JDK's own start-up is about 450 of them). create was
     * 2730 (2639 measured) while Jackson's databind read config.json; spec.json.RecordBinder now reads
     * it without databind (ObjectMapper, its deserializers and the introspection of ~40 records):
     * 1834 measured with a seccomp profile, so 1930. RecordBinder reads the records' annotations by
     * reflection (a class-file reader that avoided the annotation proxies saved too little on the
     * cold path to keep once the planner existed: docs/performance.md), so the proxies are back.
     */
    private static final Map<String, Integer> BUDGET = Map.of(
            "create", 1930,
            "state", 1060,
            // start and delete of a stopped container make no native call (ExecFifoReader, and
            // signalAll leaves an empty cgroup alone): ~930-950 classes, not ~1330 with FFM's.
            "start", 990,
            "kill", 1400,
            "delete", 1000);

    /** Loaded by no hot command. */
    private static final List<String> NEVER = List.of("picocli.", "ch.qos.logback.", "org.slf4j.",
            "com.networknt.", "io.jrunc.spec.Schemas");
    /** Only `create` reads config.json: the commands on an existing container never need Jackson. */
    private static final List<String> LIGHT_NEVER = List.of("com.fasterxml.jackson.", "io.jrunc.spec.json.SpecMapper",
            "io.jrunc.spec.SpecValidator", "io.jrunc.core.compile.");
    /**
     * The first native call costs ~50 ms of CPU (the JDK spins its downcall stub at run time), so
     * `start` and the `delete` of a stopped container do without: plain Java I/O does their work.
     */
    private static final List<String> NO_NATIVE_CALL = List.of("io.jrunc.sys.Libc",
            "jdk.internal.foreign.abi.DowncallLinker");
    /** A config without linux.seccomp and without a terminal needs neither binding. */
    private static final List<String> CREATE_NEVER = List.of("io.jrunc.sys.seccomp.Libseccomp",
            // config.json is read by RecordBinder: Jackson's mapper only for a document it leaves
            // (an error), so neither the mapper nor the error translator on a good config.
            "io.jrunc.spec.json.SpecMapper", "io.jrunc.spec.ErrorTranslator",
            "io.jrunc.sys.seccomp.SeccompFilter", "io.jrunc.sys.seccomp.NativeCall", "io.jrunc.sys.Tty",
            "io.jrunc.sys.LinuxTty", "io.jrunc.core.lifecycle.TerminalProxy",
            // Nor Jackson's databind machinery on a good config. Its annotation interfaces do load
            // (@Uint32 and its kin carry @JsonDeserialize, and reflection resolves meta-annotations), but
            // no mapper, deserializer or introspector.
            "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.databind.deser.",
            "com.fasterxml.jackson.databind.introspect.");

    @Test
    void hotCommandsLoadOnlyWhatTheyUseAndAllOfItFromTheAotCache() throws Exception {
        assumeFalse(Env.binaryIsRunc(), "counts the classes of jrunc's JVM");
        assumeTrue(isJvmLauncher(), "the binary under test is not a launcher of a JVM");
        Bundle b = bundle().args("sleep", "100");
        b.write();
        String id = newId("budget");

        // Without the cache: what each command loads.
        List<String> created = loaded(false, "create", "--bundle", b.dir.toString(), id);
        check("create", created, CREATE_NEVER);
        check("state", loaded(false, "state", id), LIGHT_NEVER);
        check("start", loaded(false, "start", id), concat(LIGHT_NEVER, NO_NATIVE_CALL));
        check("kill", loaded(false, "kill", id, "KILL"), LIGHT_NEVER);
        rt.awaitStatus(id, "stopped", SHORT);
        check("delete", loaded(false, "delete", id), concat(LIGHT_NEVER, NO_NATIVE_CALL));

        // With the cache: nothing from a jar.
        String id2 = newId("cached");
        assertAllFromCache("create", loaded(true, "create", "--bundle", b.dir.toString(), id2));
        assertAllFromCache("state", loaded(true, "state", id2));
        assertAllFromCache("start", loaded(true, "start", id2));
        assertAllFromCache("kill", loaded(true, "kill", id2, "KILL"));
        rt.awaitStatus(id2, "stopped", SHORT);
        assertAllFromCache("delete", loaded(true, "delete", id2));
    }

    /**
     * Docker gives every container a prestart hook, device rules and a seccomp profile: that
     * `create` must not build Jackson's mapper (the hook's state is written by hand), spin record
     * methods at run time (a record used as a map key bootstraps ObjectMethods), or make annotation
     * proxies, and the create cache must hold all of it (it is trained on a config Docker generated).
     */
    @Test
    void dockersKindOfCreateLoadsNoJacksonAndNoRuntimeSpunRecordMethods() throws Exception {
        assumeFalse(Env.binaryIsRunc(), "counts the classes of jrunc's JVM");
        assumeTrue(isJvmLauncher(), "the binary under test is not a launcher of a JVM");
        Bundle b = bundle().args("sleep", "100");
        b.config().withObject("/hooks").withArray("prestart").addObject().put("path", "/bin/true").putArray("args").add("true");
        var devices = b.linux().withObject("/resources").withArray("devices");
        devices.addObject().put("allow", true).put("type", "c").put("major", 1).put("minor", 5).put("access", "rwm");
        devices.addObject().put("allow", false).put("type", "c").put("major", 1).put("minor", 5).put("access", "m");
        var seccomp = b.linux().withObject("/seccomp");
        seccomp.put("defaultAction", "SCMP_ACT_ALLOW");
        var rule = seccomp.withArray("syscalls").addObject();
        rule.put("action", "SCMP_ACT_ERRNO").putArray("names").add("personality");
        rule.putArray("args").addObject().put("index", 0).put("value", 4294967295L).put("op", "SCMP_CMP_EQ");
        b.write();

        List<String> created = loaded(false, "create", "--bundle", b.dir.toString(), newId("docker-kind"));
        for (String c : created) {
            for (String f : List.of("com.fasterxml.jackson.databind.ObjectMapper",
                    "com.fasterxml.jackson.databind.deser.", "io.jrunc.spec.json.SpecMapper",
                    "java.lang.runtime.ObjectMethods")) {
                assertTrue(!c.startsWith(f), "create with Docker's kind of config loaded " + c);
            }
        }
        assertAllFromCache("create", loaded(true, "create", "--bundle", b.dir.toString(), newId("docker-kind-cached")));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void check(String command, List<String> classes, List<String> neverHere) {
        int budget = BUDGET.get(command);
        assertTrue(classes.size() <= budget, command + " loaded " + classes.size() + " classes, budget " + budget
                + " (see the class comment before raising it)");
        List<String> forbidden = new ArrayList<>(NEVER);
        forbidden.addAll(neverHere);
        for (String c : classes) {
            for (String f : forbidden) {
                assertTrue(!c.startsWith(f), command + " loaded " + c + ", which it has no use for");
            }
        }
    }

    private static void assertAllFromCache(String command, List<String> lines) {
        List<String> fromJars = lines.stream().filter(l -> l.contains(" source: file:")).toList();
        assertEquals(List.of(), fromJars, command + ": classes loaded from jars, not from the AOT cache: "
                + "the training run (AotTraining) no longer covers this command");
    }

    /**
     * Runs one command through the launcher with class loading logged; returns the class names
     * (cache off) or the whole log lines (cache on, to see each class's source).
     */
    private List<String> loaded(boolean withCache, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "classes-" + args[0] + "-", ".log");
        String opts = (withCache ? "" : "-XX:AOTMode=off ") + "-Xlog:class+load:file=" + log;
        ProcessBuilder pb = new ProcessBuilder(rt.command(OciRuntime.Opts.defaults(), args))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(work.resolve("budget-" + args[0] + ".stdout").toFile())
                .redirectError(work.resolve("budget-" + args[0] + ".stderr").toFile());
        pb.environment().put("JAVA_TOOL_OPTIONS", opts);
        // The budget is the cold JVM's: a front end must not hand the call to a warm planner.
        pb.environment().put("JRUNC_PLANNER", "off");
        Process p = pb.start();
        assertTrue(p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS), args[0] + " did not finish");
        assertEquals(0, p.exitValue(), args[0] + " failed: " + Files.readString(work.resolve("budget-" + args[0] + ".stderr")));
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("[class,load]")).toList();
        if (withCache) return lines;
        return lines.stream().map(l -> l.replaceFirst("^.*\\[class,load\\] (\\S+).*$", "$1")).toList();
    }

    /**
     * The installed launcher is a shell script that execs java, or a front end whose cold path is one
     * (LIBDIR/jrunc-java, run with JRUNC_PLANNER=off); runc or another binary has no classes.
     */
    private static boolean isJvmLauncher() {
        Path launcher = PlannerFrontEnd.libdir().map(lib -> lib.resolve("jrunc-java")).orElse(Env.binary());
        try {
            byte[] head = Files.readAllBytes(launcher);
            String text = new String(head, 0, Math.min(head.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
            return text.startsWith("#!") && text.contains("bin/java");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
