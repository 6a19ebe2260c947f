package org.jeventstore.engine.azure.tables;

/**
 * Called after each step of a commit. Tests throw from it to simulate a process that dies right there: the
 * engine does not catch what it throws, so the later steps never run.
 */
@FunctionalInterface
interface FailurePoint {

    FailurePoint NONE = (step, checkpoint) -> { };

    void after(Step step, long checkpoint);
}
