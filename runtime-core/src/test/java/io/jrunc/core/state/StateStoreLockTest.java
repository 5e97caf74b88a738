package io.jrunc.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.JruncException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner runs many calls in one JVM, where a second FileChannel.lock on a file this JVM already
 * locks fails (OverlappingFileLockException) instead of waiting: calls for one container must queue
 * in the process first, then take the fcntl lock that orders them against other processes.
 */
class StateStoreLockTest {
    private static final long WAIT_MS = 5_000;

    @TempDir Path tmp;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private StateStore storeWith(String... ids) throws JruncException {
        StateStore store = new StateStore(tmp.resolve("root"));
        for (String id : ids) {
            store.reserve(id);
            store.save(new ContainerRecord("1.2.0", id, 42, 1000, "/b", "/b/rootfs", "2026-11-23T00:00:00Z", "",
                    Map.of(), Map.of(), Map.of(), false));
        }
        return store;
    }

    /** Fails the test when the lock does not come within WAIT_MS. */
    private void lockAndReleaseOnAnotherThread(StateStore store, String id) throws Exception {
        pool.submit(() -> {
            try (AutoCloseable lock = store.lock(id)) {
                return null;
            }
        }).get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void callsForOneContainerTakeTurns() throws Exception {
        StateStore store = storeWith("c1");
        AtomicInteger inside = new AtomicInteger(), most = new AtomicInteger(), done = new AtomicInteger();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(pool.submit(() -> {
                try (AutoCloseable lock = store.lock("c1")) {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(5);
                    inside.decrementAndGet();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : calls) f.get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertEquals(16, done.get());
        assertEquals(1, most.get(), "more than one call held c1's lock at once");
    }

    @Test
    void aSecondCallWaitsUntilTheFirstReleases() throws Exception {
        StateStore store = storeWith("c1");
        AutoCloseable first = store.lock("c1");
        CountDownLatch secondIn = new CountDownLatch(1);
        Future<?> second = pool.submit(() -> {
            try (AutoCloseable lock = store.lock("c1")) {
                secondIn.countDown();
            }
            return null;
        });
        assertFalse(secondIn.await(200, TimeUnit.MILLISECONDS), "the second call got the lock while the first held it");
        first.close();
        assertTrue(secondIn.await(WAIT_MS, TimeUnit.MILLISECONDS), "the second call never got the lock");
        second.get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void differentContainersDoNotWaitForEachOther() throws Exception {
        StateStore store = storeWith("a", "b");
        try (AutoCloseable a = store.lock("a")) {
            lockAndReleaseOnAnotherThread(store, "b");
        }
    }

    @Test
    void aFailedLockLeavesNoQueueBehind() throws Exception {
        StateStore store = storeWith();
        JruncException e = assertThrows(JruncException.class, () -> store.lock("late"));
        assertEquals("container does not exist", e.getMessage());
        storeWith("late");
        // Another thread: a Semaphore does not care who acquired it, so only a leaked permit could block here.
        lockAndReleaseOnAnotherThread(store, "late");
    }

    @Test
    void anExceptionInsideTheLockReleasesIt() throws Exception {
        StateStore store = storeWith("c1");
        assertThrows(IllegalStateException.class, () -> {
            try (AutoCloseable lock = store.lock("c1")) {
                throw new IllegalStateException("the call failed");
            }
        });
        lockAndReleaseOnAnotherThread(store, "c1");
    }

    @Test
    void oneFileIsOneQueueHoweverItsPathIsSpelled() throws Exception {
        Path file = tmp.resolve("x/.lock");
        AutoCloseable first = ProcessLocks.acquire(file);
        CountDownLatch in = new CountDownLatch(1);
        pool.submit(() -> {
            try (AutoCloseable second = ProcessLocks.acquire(tmp.resolve("x/./y/../.lock"))) {
                in.countDown();
            }
            return null;
        });
        assertFalse(in.await(200, TimeUnit.MILLISECONDS), "x/./y/../.lock is x/.lock but was not queued behind it");
        first.close();
        assertTrue(in.await(WAIT_MS, TimeUnit.MILLISECONDS));
    }
}
