package io.jrunc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Debug lines and warnings go to the log of the call that made them, never to another call's. */
class CallLogTest {
    private static List<String> lines() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    @Test
    void outsideACallNothingIsLoggedAndNothingCanBeSwitchedOn() {
        List<String> seen = lines();
        CallLog.current().configure(true, (level, message) -> seen.add(message));
        assertFalse(CallLog.current().debug());
        assertFalse(Debug.enabled());
        Debug.log(() -> "nobody hears this");
        Warnings.warn("nor this");
        assertEquals(List.of(), seen);
    }

    @Test
    void debugLinesOnlyWithDebugWarningsAlways() throws Exception {
        List<String> quiet = lines(), loud = lines();
        CallLog.within(new CallLog(), () -> {
            CallLog.current().configure(false, (level, message) -> quiet.add(level + ": " + message));
            Debug.log(() -> "a debug line");
            Debug.warn(() -> "a debug warning");
            Warnings.warn("a warning");
            return null;
        });
        CallLog.within(new CallLog(), () -> {
            CallLog.current().configure(true, (level, message) -> loud.add(level + ": " + message));
            assertTrue(Debug.enabled());
            Debug.log(() -> "a debug line");
            Debug.warn(() -> "a debug warning");
            Warnings.warn("a warning");
            return null;
        });
        assertEquals(List.of("warning: a warning"), quiet);
        assertEquals(List.of("debug: a debug line", "warning: a debug warning", "warning: a warning"), loud);
    }

    @Test
    void aDebugMessageIsNotEvenBuiltWithoutDebug() throws Exception {
        CallLog.within(new CallLog(), () -> {
            CallLog.current().configure(false, (level, message) -> {});
            Debug.log(() -> {
                throw new AssertionError("built a message nobody logs");
            });
            return null;
        });
    }

    @Test
    void aCarriedTaskLogsToTheCallThatHandedItOn() throws Exception {
        List<String> seen = lines();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            CallLog.within(new CallLog(), () -> {
                CallLog.current().configure(true, (level, message) -> seen.add(message));
                other.submit(CallLog.carried(() -> Debug.log(() -> "from another thread"))).get(5, TimeUnit.SECONDS);
                other.submit(() -> Debug.log(() -> "not carried")).get(5, TimeUnit.SECONDS);
                return null;
            });
        } finally {
            other.shutdownNow();
        }
        assertEquals(List.of("from another thread"), seen);
    }

    @Test
    void concurrentCallsKeepTheirOwnLines() throws Exception {
        int n = 48;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch allIn = new CountDownLatch(n);
        List<Future<List<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int call = i;
            calls.add(pool.submit(() -> {
                List<String> seen = lines();
                CallLog.within(new CallLog(), () -> {
                    CallLog.current().configure(call % 2 == 0, (level, message) -> seen.add(level + " " + message));
                    allIn.countDown();
                    allIn.await();
                    for (int k = 0; k < 20; k++) {
                        Debug.log(() -> "call " + call);
                        Warnings.warn("call " + call);
                    }
                    return null;
                });
                return seen;
            }));
        }
        try {
            for (int i = 0; i < n; i++) {
                List<String> seen = calls.get(i).get(10, TimeUnit.SECONDS);
                List<String> expected = new ArrayList<>();
                for (int k = 0; k < 20; k++) {
                    if (i % 2 == 0) expected.add("debug call " + i);
                    expected.add("warning call " + i);
                }
                assertEquals(expected, seen, "call " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
