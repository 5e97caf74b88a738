package io.jrunc.core.lifecycle;

import io.jrunc.core.state.ProcStat;

/**
 * Waits for processes that are not necessarily our children (a created container's init belongs
 * to whoever adopted it), by watching /proc until the pid is gone or a zombie.
 */
final class ProcessReaper {
    private ProcessReaper() {}

    /** True when the process ended within the time limit. */
    static boolean awaitExit(int pid, long startTime, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            ProcStat s = ProcStat.of(pid);
            if (s == null || s.startTime() != startTime || s.state() == 'Z' || s.state() == 'X') return true;
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
