package io.jrunc.core.init;

import io.jrunc.core.plan.Plan;

/**
 * How a lifecycle operation gets a jrunc-init to run its plan: the seam between deciding (Java)
 * and doing (the helper). {@link SealedHelperLauncher} spawns the helper from a sealed memfd copy
 * as a child of this JVM; a test double scripts the helper's reports without a process. Another
 * way to start the helper (a native front end that spawns it and hands over its socket, issue 14)
 * is another implementation of this interface, not a branch in the operations.
 */
public interface HelperLauncher {
    /** A helper for {@code plan}, not started yet: the returned process starts it when run. */
    InitProcess launch(Plan plan);
}
