package org.jeventstore.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.jeventstore.observation.OperationObservation;
import org.jeventstore.observation.Outcome;

/**
 * One store operation as a started {@link Observation}; a synchronous one also holds the scope it opened on
 * its thread, so that what the engine's driver observes meanwhile (a JDBC or MongoDB span) becomes its child.
 */
final class OperationHandle implements OperationObservation {

    static final String OUTCOME = "jeventstore.outcome";
    private static final KeyValue[] OUTCOMES = new KeyValue[Outcome.values().length];

    static {
        for (Outcome outcome : Outcome.values()) {
            OUTCOMES[outcome.ordinal()] = KeyValue.of(OUTCOME, outcome.value());
        }
    }

    private final Observation observation;
    private final Observation.Scope scope;

    OperationHandle(Observation observation, Observation.Scope scope) {
        this.observation = observation;
        this.scope = scope;
    }

    @Override
    public void succeeded() {
        end(Outcome.OK, null);
    }

    @Override
    public void failed(Throwable failure) {
        end(Outcome.of(failure), failure);
    }

    /**
     * Only {@link Outcome#ERROR} marks the observation failed: a conflict, a duplicate, a veto or a missing
     * stream is an answer the caller expects to handle, told apart by the outcome key instead.
     */
    private void end(Outcome outcome, Throwable failure) {
        observation.lowCardinalityKeyValue(OUTCOMES[outcome.ordinal()]);
        if (outcome == Outcome.ERROR) {
            observation.error(failure);
        }
        if (scope != null) {
            scope.close();
        }
        observation.stop();
    }
}
