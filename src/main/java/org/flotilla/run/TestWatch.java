package org.flotilla.run;

import org.flotilla.config.TestPlan;

/** Told when a test starts on a held fleet and when it ends, whoever started it (a command, the dashboard). */
public interface TestWatch {
    /** Before the test fires. */
    void starting(TestPlan test, String pattern) throws InterruptedException;

    /** After its last window (or its failure). */
    void ended();
}
