package io.jrunc.cli.planner;

import static io.jrunc.cli.planner.FrontEndDouble.SYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.state.ContainerRecord;
import io.jrunc.core.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many callers at once through the planner's call path, each with its own cwd, stdout, stderr, --log
 * and --debug: every caller sees exactly its own results, never another call's. The calls are ones
 * that need no container process: state of a saved record, delete of a stopped one (which logs a
 * debug line), state of an unknown id (an error), spec (a file in the cwd).
 */
@Timeout(120)
class ConcurrentCallsTest {
    private static final int CALLERS = 48;
    private static final String BUILD = "b";

    @TempDir Path tmp;

    private record Seen(FrontEndDouble.Outcome outcome) {
        int exit() {
            return outcome.first(Wire.EXIT).u32();
        }
    }

    private static Seen call(PlannerServer server, Path cwd, String... argv) throws Exception {
        try (FrontEndDouble fe = FrontEndDouble.request(BUILD, cwd, Map.of("CALLER", cwd.getFileName().toString()), List.of(argv))) {
            new CallHandler(SYS, fe.plannerEnd(), SYS.geteuid(), BUILD, server).run();
            return new Seen(fe.outcome());
        }
    }

    @Test
    void callersDoNotSeeEachOther() throws Exception {
        PlannerServer server = new PlannerServer(SYS, tmp.resolve("p.sock"), SYS.geteuid(), BUILD, Duration.ofMinutes(1),
                new PlannerLog(tmp.resolve("p.log")));
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> callers = new ArrayList<>();
        for (int n = 0; n < CALLERS; n++) {
            int caller = n;
            String id = "c" + n;
            boolean debug = n % 2 == 0;
            Path cwd = Files.createDirectories(tmp.resolve("caller-" + n));
            StateStore store = new StateStore(cwd.resolve("root"));
            store.reserve(id);
            store.save(new ContainerRecord("1.2.0", id, 42, 1000, "/bundle-" + n, "/bundle-" + n + "/rootfs",
                    "2026-11-23T00:00:00Z", "", Map.of(), Map.of(), Map.of(), false));
            callers.add(pool.submit(() -> {
                start.await();
                Seen state = call(server, cwd, "--root", "root", "state", id);
                assertEquals(0, state.exit(), state.outcome().err());
                assertTrue(state.outcome().out().contains("\"id\": \"" + id + "\""), state.outcome().out());
                assertTrue(state.outcome().out().contains("\"bundle\": \"/bundle-" + caller + "\""), state.outcome().out());
                assertEquals("", state.outcome().err());

                List<String> delete = new ArrayList<>(List.of("--root", "root", "--log", "debug.log"));
                if (debug) delete.add("--debug");
                delete.addAll(List.of("delete", id));
                Seen deleted = call(server, cwd, delete.toArray(String[]::new));
                assertEquals(0, deleted.exit(), deleted.outcome().err());
                assertFalse(Files.exists(cwd.resolve("root").resolve(id)), "deleted in its own --root");
                String debugLog = Files.exists(cwd.resolve("debug.log")) ? Files.readString(cwd.resolve("debug.log")) : "";
                assertEquals(debug, debugLog.contains("delete " + id + ": removing cgroups"), debugLog);
                assertEquals(debug ? 1 : 0, debugLog.lines().filter(l -> l.contains("removing cgroups")).count(), debugLog);

                Seen gone = call(server, cwd, "--root", "root", "--log", "err.json", "--log-format", "json", "state", id);
                assertEquals(1, gone.exit());
                assertEquals("container does not exist\n", gone.outcome().err());
                String errLog = Files.readString(cwd.resolve("err.json"));
                assertTrue(errLog.contains("\"level\":\"error\",\"msg\":\"container does not exist\""), errLog);
                assertEquals(1, errLog.lines().count(), errLog);

                Seen spec = call(server, cwd, "spec");
                assertEquals(0, spec.exit(), spec.outcome().err());
                assertTrue(Files.readString(cwd.resolve("config.json")).contains("\"ociVersion\""));
                return null;
            }));
        }
        start.countDown();
        try {
            for (Future<Void> f : callers) f.get(100, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        for (int n = 0; n < CALLERS; n++) {
            try (var files = Files.list(tmp.resolve("caller-" + n))) {
                Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
                assertTrue(Set.of("config.json", "debug.log", "err.json", "root").containsAll(names), "caller " + n + ": " + names);
                assertTrue(names.containsAll(n % 2 == 0 ? Set.of("config.json", "debug.log", "err.json", "root")
                        : Set.of("config.json", "err.json", "root")), "caller " + n + ": " + names);
            }
        }
        assertFalse(Files.exists(tmp.resolve("config.json")), "spec wrote into the planner's cwd");
    }
}
